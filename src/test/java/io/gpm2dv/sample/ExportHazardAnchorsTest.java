package io.gpm2dv.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Each hazard H01–H18 sits at its documented anchor row (docs/export-package.md) of the scale-1 package. */
class ExportHazardAnchorsTest {
    @TempDir
    static Path dir;
    static Map<String, Map<String, String>> clients;
    static Map<String, Map<String, String>> appointments;
    static Map<String, Map<String, String>> practitioners;
    static JsonNode manifest;

    @BeforeAll
    static void generate() throws IOException {
        ExportGenerator.generate(new ExportGenerator.Options(dir, 1, ExportGenerator.DEFAULT_SEED, null, false));
        clients = rows("clients.csv");
        appointments = rows("appointments.csv");
        practitioners = rows("practitioners.csv");
        manifest = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
    }

    static Map<String, Map<String, String>> rows(String file) throws IOException {
        return CsvRecords.read(dir.resolve(file)).byKey();
    }

    static boolean warned(String file, long key, String code) {
        for (JsonNode w : manifest.get("warnings")) {
            if (w.get("file").asText().equals(file) && w.get("key").asLong() == key && w.get("code").asText().equals(code)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theProductsTestAnchorsHold() throws IOException {
        Map<String, String> tane = clients.get("1001");
        assertEquals("Tāne", tane.get("first_name"));
        assertEquals("Kūmara-Ōtaki", tane.get("last_name"));
        assertEquals("1990-04-05", tane.get("date_of_birth"));
        assertEquals("11", tane.get("default_practitioner_id"));
        assertEquals("1", tane.get("default_site_id"));
        assertEquals("2019-03-01T09:30:00+13:00", tane.get("created_at"));
        assertEquals("501", tane.get("employer_organisation_id"));
        assertEquals("jo@gmail", clients.get("1009").get("email"));
        assertEquals(AnchorClients.LONG_NAME, clients.get("1011").get("last_name"));
        assertEquals("Y", clients.get("1014").get("is_archived"));
        assertEquals("(09) 555-1234", clients.get("1018").get("mobile_phone"));
        assertEquals("Harbourside Central", rows("sites.csv").get("1").get("site_name"));
        assertEquals("Australia/Brisbane", rows("sites.csv").get("3").get("timezone"));
        assertEquals("Pacific/Chatham", rows("sites.csv").get("4").get("timezone"));
    }

    @Test
    void h01_h12_duplicatesAndIdentifiers() {
        assertEquals("1004", clients.get("1003").get("merged_into_client_id"));
        assertTrue(clients.get("1003").get("last_name").contains("Delete Me"));
        assertEquals(clients.get("1004").get("nhi_number"), clients.get("1005").get("nhi_number"));
        assertEquals(clients.get("1001").get("date_of_birth"), clients.get("1002").get("date_of_birth"));
        assertFalse(clients.get("1006").get("nhi_number").matches("^[A-HJ-NP-Z]{3}([0-9]{4}|[0-9]{2}[A-HJ-NP-Z]{2})$"));
        assertTrue(clients.get("1007").get("nhi_number").matches("^[A-HJ-NP-Z]{3}[0-9]{4}$"));
        assertFalse(Nhi.valid(clients.get("1007").get("nhi_number")));
        assertTrue(Nhi.valid(clients.get("1001").get("nhi_number")));
        assertFalse(practitioners.get("22").get("hpi_cpn").matches("[0-9]{2}[A-Z]{4}"));
    }

    @Test
    void h02_h03_h04_contactPoints() {
        assertNull(clients.get("1008").get("email"));
        assertNull(clients.get("1008").get("mobile_phone"));
        assertEquals("none@none.com", clients.get("1010").get("email"));
        assertEquals("a@b.co.nz; c@d.nz", clients.get("1011").get("email"));
        assertTrue(clients.get("1012").get("email").endsWith("  "));
        assertTrue(clients.get("1013").get("email").startsWith("mailto:"));
        assertEquals("021 123 4567", clients.get("1019").get("mobile_phone"));
        assertEquals("+64 21 1234567", clients.get("1020").get("mobile_phone"));
        assertTrue(clients.get("1020").get("work_phone").startsWith("0064"));
        assertTrue(clients.get("1018").get("work_phone").startsWith("ph after 5pm"));
    }

    @Test
    void h05_h06_h07_h08_practitionersAndAppointments() {
        assertEquals(practitioners.get("13").get("email").toLowerCase(), practitioners.get("14").get("email").toLowerCase());
        assertEquals("N", practitioners.get("17").get("is_active"));
        assertEquals("2023-11-30", practitioners.get("17").get("end_date"));
        assertEquals("17", clients.get("1034").get("default_practitioner_id"));
        assertEquals("17", appointments.get("10019").get("practitioner_id"));
        assertNull(appointments.get("10003").get("practitioner_id"));
        assertEquals("4711", appointments.get("10004").get("practitioner_id"));
        assertFalse(practitioners.containsKey("4711"));
        assertTrue(warned("appointments.csv", 10004, "ORPHAN_FK"));
        assertEquals("QUICK", appointments.get("10005").get("appointment_kind"));
        assertNull(appointments.get("10005").get("client_id"));
        assertEquals("BLOCK", appointments.get("10006").get("appointment_kind"));
        assertNull(appointments.get("10006").get("client_id"));
    }

    @Test
    void h09_h18_billing() throws IOException {
        Map<String, Map<String, String>> invoices = rows("invoices.csv");
        assertEquals("Y", invoices.get("30002").get("is_reexport"));
        assertEquals("30001", invoices.get("30002").get("original_invoice_id"));
        assertEquals(invoices.get("30001").get("invoice_number"), invoices.get("30002").get("invoice_number"));
        assertEquals("130514A00", invoices.get("30003").get("invoice_number"));
        Map<String, BigDecimal> lineSums = new java.util.HashMap<>();
        for (Map<String, String> l : rows("invoice_lines.csv").values()) {
            lineSums.merge(l.get("invoice_id"), new BigDecimal(l.get("line_total_excl_tax")), BigDecimal::add);
        }
        for (Map<String, String> i : invoices.values()) {
            BigDecimal diff = new BigDecimal(i.get("subtotal_excl_tax")).subtract(lineSums.get(i.get("invoice_id")));
            assertEquals(i.get("invoice_id").equals("30005") ? new BigDecimal("0.01") : new BigDecimal("0.00"), diff, i.get("invoice_id"));
        }
        assertTrue(warned("invoices.csv", 30005, "TOTALS_MISMATCH"));
        Map<String, Map<String, String>> payments = rows("payments.csv");
        assertEquals("REFUND", payments.get("50007").get("payment_kind"));
        assertTrue(payments.get("50007").get("amount").startsWith("-"));
        assertEquals("REVERSAL", payments.get("50003").get("payment_kind"));
        assertTrue(payments.get("50003").get("amount").startsWith("-"));
    }

    @Test
    void h10_documents() throws IOException {
        Map<String, Map<String, String>> docs = rows("documents.csv");
        assertEquals("MISSING", docs.get("7002").get("file_status"));
        assertEquals("MISSING", docs.get("7011").get("file_status"));
        assertTrue(warned("documents.csv", 7011, "FILE_MISSING"));
        assertEquals("PRESENT", docs.get("7003").get("file_status"));
    }

    @Test
    void h11_h17_notesAndText() throws IOException {
        Map<String, Map<String, String>> notes = rows("clinical_notes.csv");
        assertEquals("RTF", notes.get("20002").get("body_format"));
        assertTrue(notes.get("20002").get("body").startsWith("{\\rtf1"));
        assertEquals("HTML", notes.get("20003").get("body_format"));
        assertEquals("PLAIN", notes.get("20004").get("body_format"));
        assertTrue(notes.get("20004").get("body").startsWith("{\\rtf1"));
        assertTrue(notes.get("20006").get("body").getBytes(StandardCharsets.UTF_8).length > 32_767);
        assertTrue(notes.get("20007").get("body").contains("\r\n") && notes.get("20007").get("body").contains("\""));
        assertEquals(200, notes.get("20010").get("title").codePointCount(0, notes.get("20010").get("title").length()));
        assertTrue(warned("clinical_notes.csv", 20010, "TRUNCATED"));
        String alert = clients.get("1028").get("alert_text");
        assertEquals(2000, alert.codePointCount(0, alert.length()));
        assertTrue(clients.get("1027").get("preferred_name").isBlank());
        assertEquals(60, clients.get("1029").get("last_name").codePointCount(0, clients.get("1029").get("last_name").length()));
    }

    @Test
    void h13_timeZonesAndDst() {
        Map<String, String> start = appointments.get("10007");
        assertEquals("2024-09-29T01:30:00+12:00", start.get("start_at"));
        assertEquals("2024-09-29T03:30:00+13:00", start.get("end_at"));
        assertEquals("60", start.get("duration_minutes"));
        assertEquals("2024-09-29T03:30:00+13:00", appointments.get("10008").get("start_at"));
        assertTrue(warned("appointments.csv", 10008, "NONEXISTENT_LOCAL_TIME"));
        assertEquals("2024-04-07T02:15:00+13:00", appointments.get("10009").get("start_at"));
        assertEquals("2024-04-07T02:15:00+12:00", appointments.get("10009").get("end_at"));
        assertEquals("4", appointments.get("10010").get("site_id"));
        assertEquals("2024-02-14T09:15:00+13:00", appointments.get("10010").get("start_at"), "10:00 Chatham time");
        assertEquals("2024-06-03T11:00:00+12:00", appointments.get("10011").get("start_at"), "09:00 Brisbane time");
    }

    @Test
    void h14_h15_customValuesAndOrphans() throws IOException {
        Set<String> invalid = new HashSet<>();
        for (Map<String, String> v : rows("custom_field_values.csv").values()) {
            if (v.get("parse_status").equals("INVALID")) {
                invalid.add(v.get("value_raw"));
                assertNull(v.get("value_number"));
                assertNull(v.get("value_date"));
                assertNull(v.get("value_boolean"));
            }
        }
        assertTrue(invalid.containsAll(Set.of("N/A", "12/05/2021", "May 2021", "1,5", "yes", "ticked", "Fax")), invalid.toString());
        assertTrue(warned("clients.csv", 1031, "ORPHAN_FK"));
        assertEquals("799", rows("client_referrals.csv").get("3003").get("referrer_id"));
        assertFalse(rows("referrers.csv").containsKey("799"));
        assertTrue(warned("client_referrals.csv", 3003, "ORPHAN_FK"));
        assertTrue(rows("invoice_lines.csv").values().stream().anyMatch(l -> "10999".equals(l.get("appointment_id"))));
    }

    @Test
    void h16_h18_namesAndStatuses() {
        assertEquals("Taane", clients.get("1024").get("first_name"));
        assertTrue(clients.get("1025").get("last_name").contains("Å"));
        assertEquals("O'Neill", clients.get("1021").get("last_name"));
        assertEquals("Te Whatu", clients.get("1022").get("last_name"));
        assertNull(clients.get("1023").get("first_name"));
        assertEquals("DECEASED", clients.get("1016").get("status"));
        OffsetDateTime cutoff = OffsetDateTime.parse(SampleTime.DATA_CUTOFF_AT);
        assertTrue(OffsetDateTime.parse(appointments.get("10012").get("start_at")).isAfter(cutoff));
        assertEquals("1016", appointments.get("10012").get("client_id"));
        assertEquals("COMPLETED", appointments.get("10014").get("status"));
        assertTrue(OffsetDateTime.parse(appointments.get("10014").get("start_at")).isAfter(cutoff));
        assertNull(appointments.get("10015").get("cancellation_reason"));
        assertEquals("CANCELLED", appointments.get("10015").get("status"));
        Map<String, String> zero = appointments.get("10016");
        assertEquals(0, ChronoUnit.MINUTES.between(OffsetDateTime.parse(zero.get("start_at")), OffsetDateTime.parse(zero.get("end_at"))));
        assertEquals("1900-01-01", clients.get("1017").get("date_of_birth"));
        Set<String> statuses = new HashSet<>();
        clients.values().forEach(c -> statuses.add(c.get("status")));
        assertEquals(Set.of("ACTIVE", "INACTIVE", "DECEASED"), statuses);
    }
}
