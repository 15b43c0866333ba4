package io.gpm2dv.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gpm2dv.source.ColumnSpec;
import io.gpm2dv.source.ColumnType;
import io.gpm2dv.source.ExportPackage;
import io.gpm2dv.source.ExportSchema;
import io.gpm2dv.source.GpmFile;
import io.gpm2dv.source.RejectedRow;
import io.gpm2dv.source.RowResult;
import io.gpm2dv.source.RowStream;

/** The generated package is deterministic, valid per export format §5/§6/§8, and carries every hazard anchor. */
class ExportGeneratorTest {
    static final Path BUNDLED = Path.of("src/main/sample/export");
    static final Path BUNDLED_USERS = Path.of("src/main/sample/dataverse-users.json");
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ADDR = "address_line1,address_line2,suburb,city,region,postcode,country_code";
    static final String AUDIT = ",created_at,updated_at";

    /** The §8 column lists, written out here independently of the generator's schema. */
    static final Map<String, String> HEADERS = Map.ofEntries(
            Map.entry("sites.csv", "site_id,site_name,vendor_code,vendor_name," + ADDR + ",phone,email,timezone,gst_number,"
                    + "acc_vendor_number,hpi_facility_id,cancellation_fee,no_show_fee,is_active"),
            Map.entry("practitioners.csv", "practitioner_id,title,first_name,last_name,display_name,practitioner_type,"
                    + "practitioner_type_label,email,mobile_phone,registration_body,registration_number,hpi_cpn,"
                    + "acc_provider_numbers,default_site_id,restricted_notes,is_active,end_date"),
            Map.entry("client_organisations.csv", "organisation_id,organisation_type,name,contact_name,email,phone,fax,"
                    + ADDR + ",hpi_org_id,xero_contact_id,is_active"),
            Map.entry("clients.csv", "client_id,client_number,title,first_name,middle_name,last_name,preferred_name,"
                    + "date_of_birth,gender,nhi_number,ethnicity_code,ethnicity_label,email,mobile_phone,home_phone,work_phone,"
                    + ADDR + ",postal_address,occupation,employer_organisation_id,emergency_contact_name,"
                    + "emergency_contact_relation,emergency_contact_phone,health_fund_organisation_id,"
                    + "health_fund_member_number,default_practitioner_id,default_site_id,alert_text,has_health_issue,"
                    + "referral_source,general_notes,sms_opt_out,email_opt_out,has_portal_account,status,date_of_death,"
                    + "is_archived,merged_into_client_id,xero_contact_id"),
            Map.entry("referrers.csv", "referrer_id,referrer_type,title,first_name,last_name,display_name,specialty,"
                    + "organisation_id,hpi_cpn,provider_number,healthlink_edi,email,phone,fax," + ADDR + ",is_active"),
            Map.entry("client_referrals.csv", "referral_id,client_id,referrer_id,referring_organisation_id,condition_id,"
                    + "link_type,referral_date,valid_to,approved_visits,reason,document_id"),
            Map.entry("conditions.csv", "condition_id,client_id,practitioner_id,site_id,name,claim_type,acc_claim_number,"
                    + "acc45_status,injury_date,diagnosis_code,diagnosis_text,insurer_organisation_id,employer_organisation_id,"
                    + "insurer_claim_number,case_manager_name,approved_visits,status,opened_date,discharged_date"),
            Map.entry("appointments.csv", "appointment_id,appointment_kind,client_id,quick_name,quick_phone,class_id,"
                    + "class_name,practitioner_id,site_id,room,appointment_type,visit_category,start_at,end_at,"
                    + "duration_minutes,status,cancelled_at,cancellation_reason,cancellation_charge,condition_id,payer_type,"
                    + "acc_claim_number,booked_online,is_invoiced,notes"),
            Map.entry("clinical_notes.csv", "note_id,client_id,appointment_id,condition_id,author_practitioner_id,note_type,"
                    + "assessment_type,template_name,title,note_at,body_format,body,sections,is_completed,is_locked,"
                    + "locked_at,is_restricted,document_id"),
            Map.entry("invoices.csv", "invoice_id,invoice_number,invoice_kind,payer_type,client_id,payer_organisation_id,"
                    + "site_id,practitioner_id,condition_id,acc_claim_number,invoice_date,due_date,currency,"
                    + "subtotal_excl_tax,tax_total,total_incl_tax,amount_paid,amount_written_off,balance_due,status,"
                    + "ledger_code,xero_invoice_id,xero_sync_status,xero_synced_at,is_reexport,original_invoice_id,notes"),
            Map.entry("invoice_lines.csv", "invoice_line_id,invoice_id,line_number,line_kind,client_id,appointment_id,"
                    + "service_date,service_code,description,acc_code,quantity,unit_price_excl_tax,tax_code,tax_rate,"
                    + "line_total_excl_tax,line_tax,line_total_incl_tax,ledger_code"),
            Map.entry("payments.csv", "payment_id,receipt_number,payment_kind,payer_type,client_id,payer_organisation_id,"
                    + "invoice_id,payment_date,amount,method,reference,xero_payment_id"),
            Map.entry("custom_field_definitions.csv", "custom_field_id,field_key,label,applies_to,form_name,"
                    + "source_field_type,data_type,is_multi_select,allow_free_text,includes_time,picklist_options,"
                    + "max_length,decimal_places,display_order,is_required,is_active"),
            Map.entry("custom_field_values.csv", "value_id,custom_field_id,entity_type,entity_id,form_entry_id,recorded_at,"
                    + "value_raw,parse_status,value_text,value_number,value_date,value_boolean,value_options"),
            Map.entry("documents.csv", "document_id,client_id,category,title,original_filename,stored_path,mime_type,"
                    + "size_bytes,sha256,file_status,is_restricted,note_id,appointment_id,condition_id,"
                    + "author_practitioner_id,document_date"),
            Map.entry("communications.csv", "communication_id,client_id,appointment_id,channel,direction,purpose,"
                    + "from_address,to_address,subject,body_format,body,occurred_at,delivery_status,sent_by,document_id,"
                    + "provider_message_id"));

    @TempDir
    static Path tmp;
    static Path fresh;

    @BeforeAll
    static void generate() throws IOException {
        fresh = tmp.resolve("fresh");
        ExportGenerator.generate(new ExportGenerator.Options(fresh, 1, ExportGenerator.DEFAULT_SEED, tmp.resolve("users.json"), false));
    }

    static Map<String, Map<String, String>> rows(String file) throws IOException {
        return CsvRecords.read(fresh.resolve(file)).byKey();
    }

    static Set<String> tree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    static void assertSameTree(Path expected, Path actual) throws IOException {
        assertEquals(tree(expected), tree(actual));
        for (String f : tree(expected)) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(f)), Files.readAllBytes(actual.resolve(f)), f);
        }
    }

    @Test
    void theSameArgumentsGiveByteIdenticalPackages() throws IOException {
        Path again = tmp.resolve("again");
        ExportGenerator.generate(new ExportGenerator.Options(again, 1, ExportGenerator.DEFAULT_SEED, null, false));
        assertSameTree(fresh, again);
    }

    @Test
    void anotherSeedChangesTheVolumeRowsButNotTheAnchors() throws IOException {
        Path other = tmp.resolve("other-seed");
        ExportGenerator.generate(new ExportGenerator.Options(other, 1, 7L, null, false));
        assertNotEquals(Files.readString(fresh.resolve("clients.csv")), Files.readString(other.resolve("clients.csv")));
        assertEquals(rows("clients.csv").get("1001"), CsvRecords.read(other.resolve("clients.csv")).byKey().get("1001"));
    }

    @Test
    void theBundledSampleIsAFreshScaleOneGeneration() throws IOException {
        assertSameTree(fresh, BUNDLED);
        assertEquals(Files.readString(tmp.resolve("users.json")), Files.readString(BUNDLED_USERS));
    }

    @Test
    void scaleMultipliesTheVolume() throws IOException {
        Path two = tmp.resolve("scale2");
        ExportGenerator.generate(new ExportGenerator.Options(two, 2, ExportGenerator.DEFAULT_SEED, null, false));
        assertEquals(300, CsvRecords.read(two.resolve("clients.csv")).rows.size());
        assertEquals(12, CsvRecords.read(two.resolve("practitioners.csv")).rows.size());
        assertTrue(CsvRecords.read(two.resolve("appointments.csv")).rows.size() > 1.7 * rows("appointments.csv").size());
    }

    @Test
    void theManifestMatchesEveryFile() throws IOException {
        JsonNode m = JSON.readTree(fresh.resolve("manifest.json").toFile());
        assertEquals("Harbourside Physiotherapy Ltd", m.get("practice_name").asText());
        assertEquals("Pacific/Auckland", m.get("source_timezone").asText());
        assertEquals("NZ", m.get("source_region").asText());
        assertEquals("NZD", m.get("currency").asText());
        Set<String> listed = new TreeSet<>();
        for (JsonNode f : m.get("files")) {
            Path p = fresh.resolve(f.get("name").asText());
            listed.add(f.get("name").asText());
            assertEquals(Files.size(p), f.get("bytes").asLong(), f.toString());
            assertEquals(sha256(Files.readAllBytes(p)), f.get("sha256").asText(), f.toString());
            assertEquals(CsvRecords.read(p).rows.size(), f.get("rows").asLong(), f.toString());
            assertEquals(!Set.of("conditions.csv", "payments.csv").contains(f.get("name").asText()), f.get("required").asBoolean());
        }
        assertEquals(HEADERS.keySet(), listed);
        Map<String, Map<String, String>> docs = rows("documents.csv");
        long missing = docs.values().stream().filter(d -> d.get("file_status").equals("MISSING")).count();
        assertEquals(docs.size(), m.get("documents").get("count").asLong());
        assertEquals(missing, m.get("documents").get("missing").asLong());
        // clients.csv holds a record whose quoted value spans lines: rows are records, not lines
        long lines = Files.readString(fresh.resolve("clients.csv")).split("\r\n", -1).length - 2;
        assertTrue(lines > CsvRecords.read(fresh.resolve("clients.csv")).rows.size());
    }

    @Test
    void everyHeaderIsTheSpecColumnListPlusTheAuditColumns() throws IOException {
        for (Map.Entry<String, String> e : HEADERS.entrySet()) {
            assertEquals(List.of((e.getValue() + AUDIT).split(",")), CsvRecords.read(fresh.resolve(e.getKey())).header, e.getKey());
        }
    }

    @Test
    void everyValueIsOfItsDeclaredTypeAndRowsAreSortedByKey() throws IOException {
        for (GpmFile file : GpmFile.values()) {
            List<ColumnSpec> columns = ExportSchema.of(file).columns();
            CsvRecords csv = CsvRecords.read(fresh.resolve(file.fileName()));
            long last = 0;
            for (List<String> row : csv.rows) {
                assertEquals(columns.size(), row.size(), file.fileName() + " " + row.get(0));
                for (int i = 0; i < row.size(); i++) {
                    ColumnSpec c = columns.get(i);
                    String v = row.get(i);
                    assertNull(CsvFileWriter.problem(c, v), file.fileName() + " " + row.get(0) + " " + c.name());
                    if (v != null && (c.type() == ColumnType.JSON || c.type() == ColumnType.JSON_STRINGS)) {
                        JsonNode node = JSON.readTree(v);
                        assertTrue(c.type() == ColumnType.JSON ? node.isObject() : node.isArray(), v);
                    }
                    if (v != null) {
                        assertTrue(Normalizer.isNormalized(v, Normalizer.Form.NFC));
                    }
                }
                long key = Long.parseLong(row.get(0));
                assertTrue(key > last, file.fileName() + " sorted at " + key);
                last = key;
            }
        }
    }

    /** The generator checks values with the reader's own rules; the product's reader must then take every row. */
    @Test
    void theProductsReaderAcceptsEveryRow() throws Exception {
        ExportPackage pkg = ExportPackage.open(fresh);
        for (GpmFile file : GpmFile.values()) {
            long rows = 0;
            try (RowStream stream = pkg.rows(file)) {
                while (stream.hasNext()) {
                    RowResult r = stream.next();
                    assertFalse(r instanceof RejectedRow, () -> file.fileName() + ": " + ((RejectedRow) r).reason());
                    rows++;
                }
            }
            assertEquals(pkg.manifest().file(file.fileName()).rows(), rows, file.fileName());
        }
    }

    @Test
    void presentDocumentsHaveTheirSizeAndDigestExceptTheBrokenOne() throws IOException {
        for (Map<String, String> d : rows("documents.csv").values()) {
            Path file = fresh.resolve(d.get("stored_path"));
            if (d.get("file_status").equals("MISSING")) {
                assertEquals("0", d.get("size_bytes"));
                assertNull(d.get("sha256"));
                assertTrue(Files.notExists(file));
                continue;
            }
            assertEquals(Long.parseLong(d.get("size_bytes")), Files.size(file));
            boolean matches = sha256(Files.readAllBytes(file)).equals(d.get("sha256"));
            assertEquals(!d.get("document_id").equals("7003"), matches, d.get("document_id"));
        }
        assertEquals("documents/000007/7005.pdf", rows("documents.csv").get("7005").get("stored_path"));
        assertEquals("documents/000007/7012.bin", rows("documents.csv").get("7012").get("stored_path"));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
