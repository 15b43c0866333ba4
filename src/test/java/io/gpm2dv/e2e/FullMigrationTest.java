package io.gpm2dv.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import io.gpm2dv.pipeline.RunStatus;
import io.gpm2dv.reconcile.ObjectReconciliation;
import io.gpm2dv.run.MigrationRunner;
import io.gpm2dv.run.RunOutcome;
import io.gpm2dv.testing.DataverseTestClient;
import io.gpm2dv.testing.EmulatorResource;
import io.gpm2dv.testing.KafkaBrokerResource;
import io.gpm2dv.testing.ReportFile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The bundled sample export through the real routes, the in-JVM broker and the emulator: what Dataverse holds
 * afterwards, and that a second run of the same export creates nothing.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(EmulatorResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FullMigrationTest {
    static final String FALLBACK = "migration.owner@harbourside.example";
    static RunOutcome first;

    @Inject
    MigrationRunner runner;

    @Inject
    DataSource ledger;

    @Inject
    org.apache.camel.CamelContext camel;

    @Inject
    io.gpm2dv.api.DiffApi diffApi;

    final DataverseTestClient dataverse = EmulatorResource.client();

    @BeforeAll
    static void emptyTarget() {
        EmulatorResource.emulator().reset();
    }

    RunOutcome firstRun() {
        if (first == null) {
            first = runner.runFull();
        }
        return first;
    }

    @Test
    @Order(1)
    void everyRowOfTheFiveFilesIsAccountedFor() throws Exception {
        RunOutcome outcome = firstRun();
        assertEquals(RunStatus.COMPLETE, outcome.status(), outcome.message());
        assertCounts(outcome, "sites", 4, 4, 0);
        assertCounts(outcome, "practitioners", 12, 6, 6);
        assertCounts(outcome, "organisations", 25, 25, 0);
        assertCounts(outcome, "referrers", 40, 40, 0);
        assertCounts(outcome, "clients", 150, 149, 1);
        assertCounts(outcome, "conditions", 118, 118, 0);
        assertCounts(outcome, "referrals", 120, 120, 0);
        // the file of this run, not one an earlier build left behind
        JsonNode written = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Path.of("target/test-reports/reconciliation.json").toFile());
        assertEquals(outcome.runId(), written.path("runId").asText());
        assertEquals("COMPLETE", written.path("status").asText());
        assertTrue(written.path("balanced").asBoolean());
        assertEquals(0, outcome.exitCode());
    }

    @Test
    @Order(2)
    void dataverseHoldsOneRecordPerLoadedRow() {
        firstRun();
        assertEquals(149, keyed("contacts", "contactid", "client-").size());
        assertEquals(40, keyed("contacts", "contactid", "referrer-").size());
        assertEquals(25, keyed("accounts", "accountid", "organisation-").size());
        assertEquals(4, keyed("businessunits", "businessunitid", "site-").size());
    }

    @Test
    @Order(3)
    void aClientArrivesWithHerNameAndDateOfBirthIntactOwnedByHerPractitioner() {
        firstRun();
        JsonNode tane = one("contacts", "client-1001");
        assertEquals("Tāne", tane.path("firstname").asText());
        assertEquals("Kūmara-Ōtaki", tane.path("lastname").asText());
        assertEquals("1990-04-05", tane.path("birthdate").asText());
        // practitioner 11's user is stored as "  Aroha.Ngata@Harbourside.EXAMPLE ": matched case- and space-insensitively
        assertEquals(userId("aroha.ngata@harbourside.example"), tane.path("_ownerid_value").asText());
        assertEquals(one("accounts", "organisation-501").path("accountid").asText(),
                tane.path("_parentcustomerid_value").asText());
        assertEquals(one("accounts", "organisation-511").path("accountid").asText(),
                tane.path("_new_healthfundid_value").asText());
    }

    @Test
    @Order(4)
    void recordsOfDisabledOrUnmatchedPractitionersGoToTheFallbackOwner() {
        firstRun();
        String fallback = userId(FALLBACK);
        assertEquals(fallback, one("contacts", "client-1034").path("_ownerid_value").asText(), "practitioner 17 is disabled");
        assertEquals(fallback, one("contacts", "client-1042").path("_ownerid_value").asText(), "practitioner 20 has no user");
        assertEquals(fallback, one("accounts", "organisation-501").path("_ownerid_value").asText(), "accounts: fallback owner");
    }

    @Test
    @Order(5)
    void mergedAwayClientsAreNotCreated() {
        firstRun();
        assertTrue(dataverse.query("contacts", "contactid", "new_gensolveid eq 'client-1003'").isEmpty());
        assertEquals(1, dataverse.query("contacts", "contactid", "new_gensolveid eq 'client-1004'").size());
        assertTrue(report().list("skipped").stream().anyMatch(s -> "client-1003".equals(s.path("key").asText())));
    }

    @Test
    @Order(5)
    void aReferralArrivesWithItsClientReferrerAccountAndConditionOwnedByTheClientsOwner() {
        firstRun();
        assertEquals(120, keyed("new_clientreferrals", "new_clientreferralid", "referral-").size());
        JsonNode r = one("new_clientreferrals", "referral-3002");
        assertEquals(idOf("contacts", "contactid", "client-1001"), r.path("_new_clientid_value").asText());
        assertEquals(idOf("contacts", "contactid", "referrer-702"), r.path("_new_referrerid_value").asText());
        assertEquals(idOf("accounts", "accountid", "organisation-505"), r.path("_new_referringaccountid_value").asText());
        assertEquals(idOf("new_conditions", "new_conditionid", "condition-4001"), r.path("_new_conditionid_value").asText());
        assertEquals("Tāne Kūmara-Ōtaki ← Harbour Orthopaedics", r.path("new_name").asText());
        assertEquals(100_000_000, r.path("new_linktype").asInt(), "REFERRAL");
        assertEquals("2024-08-08", r.path("new_validto").asText(), "a date-only column, never shifted");
        assertEquals(6, r.path("new_approvedvisits").asInt());
        assertEquals("document-7001", r.path("new_gensolvedocumentid").asText());
        assertEquals(userId("aroha.ngata@harbourside.example"), r.path("_ownerid_value").asText(), "client 1001's owner");
        assertEquals(idOf("contacts", "contactid", "client-1004"),
                one("new_clientreferrals", "referral-3010").path("_new_clientid_value").asText(),
                "H01: a merged-away client's referral is re-pointed to the survivor");
    }

    @Test
    @Order(5)
    void aConditionArrivesWithItsClientInsurerAndOwner() {
        firstRun();
        assertEquals(118, keyed("new_conditions", "new_conditionid", "condition-").size());
        JsonNode c = one("new_conditions", "condition-4003");
        assertEquals(idOf("contacts", "contactid", "client-1030"), c.path("_new_clientid_value").asText());
        assertEquals(idOf("accounts", "accountid", "organisation-503"), c.path("_new_insurerid_value").asText());
        assertEquals(userId("aroha.ngata@harbourside.example"), c.path("_ownerid_value").asText(), "practitioner 11");
        assertEquals(100_000_001, c.path("new_claimtype").asInt(), "INSURED");
        assertEquals(100_000_001, c.path("new_conditionstatus").asInt(), "DISCHARGED");
        assertEquals("2023-06-30", c.path("new_dischargeddate").asText());
        assertEquals("KHI-88123", c.path("new_insurerclaimnumber").asText());
    }

    @Test
    @Order(5)
    void anOrphanReferralLandsWithoutThatLookupAndTheReportNamesIt() {
        firstRun();
        JsonNode r = one("new_clientreferrals", "referral-3003");
        assertTrue(r.path("_new_referrerid_value").isNull() || r.path("_new_referrerid_value").isMissingNode(),
                "H15: referrer 799 is not in the export");
        assertEquals(idOf("contacts", "contactid", "client-1031"), r.path("_new_clientid_value").asText());
        assertTrue(report().list("findings").stream().anyMatch(f -> "referrals".equals(f.path("object").asText())
                        && "referral-3003".equals(f.path("key").asText()) && "new_referrerid".equals(f.path("column").asText())
                        && "referrer-799".equals(f.path("parent").asText())
                        && "ORPHAN_REFERENCE".equals(f.path("code").asText())),
                "the report names the object, the record, the column and the missing parent");
    }

    @Test
    @Order(5)
    void anAppointmentCarriesItsCondition() {
        firstRun();
        assertEquals(idOf("new_conditions", "new_conditionid", "condition-4001"),
                one("appointments", "appointment-10001").path("_new_conditionid_value").asText());
    }

    @Test
    @Order(6)
    void everyWriteIsInTheAuditLogExactlyOnce() throws Exception {
        RunOutcome outcome = firstRun();
        long loaded = outcome.reconciliation().objects().stream().mapToLong(ObjectReconciliation::loaded).sum()
                + outcome.reconciliation().unmappedNotes().loaded();
        try (Connection c = ledger.getConnection();
                PreparedStatement rows = c.prepareStatement("SELECT COUNT(*), MIN(operator), "
                        + "SUM(CASE WHEN operation = 'created' THEN 1 ELSE 0 END) FROM gpm_audit_log WHERE run_id = ?"
                        // closing an invoice after its lines is a second write of its own, audited under stage 'close'
                        + " AND stage <> 'close'");
                PreparedStatement twice = c.prepareStatement("SELECT record_key, COUNT(*) FROM gpm_audit_log"
                        + " WHERE run_id = ? AND stage <> 'close' GROUP BY record_key HAVING COUNT(*) > 1")) {
            rows.setString(1, outcome.runId());
            try (ResultSet rs = rows.executeQuery()) {
                rs.next();
                assertEquals(loaded, rs.getLong(1), "one audit row per write");
                assertNotNull(rs.getString(2));
                assertTrue(rs.getLong(3) > 0, "the first run into an empty target creates records");
            }
            twice.setString(1, outcome.runId());
            try (ResultSet rs = twice.executeQuery()) {
                assertFalse(rs.next(), "no record is audited twice in a run");
            }
        }
    }

    @Test
    @Order(6)
    void everyRecordWasDeliveredToDataverseOnceAndItsStateOnceMore() {
        firstRun();
        Map<String, Integer> deliveries = EmulatorResource.emulator().deliveries();
        JsonNode tables = readState().path("tables");
        int checked = 0;
        for (String table : List.of("contact", "account", "businessunit", "annotation", "new_condition", "new_clientreferral")) {
            for (JsonNode r : (Iterable<JsonNode>) () -> tables.path(table).elements()) {
                String key = r.path("new_gensolveid").asText(r.path("subject").asText(""));
                String id = r.path(table + "id").asText(r.path("annotationid").asText());
                Integer n = deliveries.get(table + "/" + id);
                if (n == null) {
                    continue; // seeded, not written by the run
                }
                int expected = r.path("statecode").asInt(0) == 0 ? 1 : 2; // created active, then its state set once
                assertEquals(expected, n, table + " " + key + " was delivered " + n + " times");
                checked++;
            }
        }
        assertTrue(checked >= 149 + 40 + 25 + 4 + 118 + 120, "every loaded record was checked, got " + checked);
    }

    @Test
    @Order(6)
    void everyLoadedRecordReadsBackAsSentAndTheDiffHasOneRowPerSentColumn() throws Exception {
        RunOutcome outcome = firstRun();
        var verification = outcome.reconciliation().verification();
        assertNotNull(verification, "the reconciliation verified the run by read-back");
        assertEquals(0, verification.mismatches(), "mismatches: " + verification.examples());
        JsonNode report = ReportFile.of(Path.of("target/test-reports"), outcome.reconciliation().runNumber()).root();
        assertEquals(0, report.path("verification").path("mismatches").asLong());
        assertEquals(verification.checked(), report.path("verification").path("checked").asLong());
        assertTrue(report.path("verification").path("examples").isArray());
        // what the run wrote and loaded (every write of a record; a state closed later is a write of its own): one
        // diff row per record and column sent
        java.util.Set<String> expected = new java.util.HashSet<>();
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        try (Connection c = ledger.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT a.record_key, a.sent_values FROM gpm_audit_log a"
                        + " JOIN gpm_record_fate f ON f.run_id = a.run_id AND f.record_key = a.record_key AND f.fate = 'LOADED'"
                        + " WHERE a.run_id = ?")) {
            ps.setString(1, outcome.runId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    assertNotNull(rs.getString(2), "every write keeps what it sent: " + rs.getString(1));
                    JsonNode sent = mapper.readTree(rs.getString(2));
                    for (var it = sent.fields(); it.hasNext(); ) {
                        var f = it.next();
                        String name = f.getKey();
                        if (name.endsWith("@odata.bind")) {
                            expected.add(rs.getString(1) + " " + name.substring(0, name.indexOf('@')));
                        } else if (name.equals("@gpm2dv.file")) {
                            expected.add(rs.getString(1) + " " + f.getValue().path("column").asText());
                        } else if (!name.contains("@")) {
                            expected.add(rs.getString(1) + " " + name);
                        }
                    }
                }
            }
        }
        assertEquals(verification.columns(), expected.size(), "the verifier compared every sent column");
        Path csv = Path.of("target/test-reports/runs/" + outcome.reconciliation().runNumber() + "/diff.csv");
        io.gpm2dv.sample.CsvRecords diff = io.gpm2dv.sample.CsvRecords.read(csv);
        assertEquals(List.of("object", "key", "table", "column", "source", "source value", "sent value", "read-back value",
                "match"), diff.header());
        java.util.Set<String> rows = new java.util.HashSet<>();
        for (List<String> row : diff.rows()) {
            assertTrue(rows.add(row.get(1) + " " + row.get(3)), "one row per record and column: " + row.get(1) + " " + row.get(3));
            assertEquals("yes", row.get(8), row.get(1) + " " + row.get(3) + " reads back as sent");
        }
        assertEquals(expected, rows);
        // the source column feeding a mapped column is named, with its value
        List<String> firstname = diff.rows().stream().filter(r -> "client-1001".equals(r.get(1)) && "firstname".equals(r.get(3)))
                .findFirst().orElseThrow();
        assertEquals("clients.csv:first_name", firstname.get(4));
        assertNotNull(firstname.get(5), "the source value is shown");
        assertEquals("Tāne", firstname.get(6));
        assertEquals("Tāne", firstname.get(7));
        String html = java.nio.file.Files.readString(csv.resolveSibling("diff.html"));
        assertTrue(html.contains("<th>read-back value</th>") && html.contains("<td>" + diff.rows().get(0).get(1) + "</td>")
                && html.contains(verification.columns() + " columns compared, 0 mismatches"), "the page a person opens");
        // what GET /api/runs/{id}/diff answers (the bean the route calls)
        org.apache.camel.Exchange asked = new org.apache.camel.support.DefaultExchange(camel);
        asked.getMessage().setHeader("id", outcome.runId());
        asked.getMessage().setHeader("Accept", "text/csv");
        diffApi.diff(asked);
        assertEquals(200, asked.getMessage().getHeader(org.apache.camel.Exchange.HTTP_RESPONSE_CODE));
        assertTrue(asked.getMessage().getHeader(org.apache.camel.Exchange.CONTENT_TYPE, String.class).startsWith("text/csv"));
        assertEquals(java.nio.file.Files.readString(csv), asked.getMessage().getBody(String.class));
        asked.getMessage().setHeader("id", outcome.runId());
        asked.getMessage().setHeader("Accept", "text/html,application/xhtml+xml");
        diffApi.diff(asked);
        assertEquals(html, asked.getMessage().getBody(String.class));
        try (Connection c = ledger.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM gpm_verification WHERE run_id = ?")) {
            ps.setString(1, outcome.runId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(0, rs.getLong(1), "no mismatch in the ledger");
            }
        }
    }

    @Test
    @Order(7)
    void aSecondRunCreatesNothingNew() {
        firstRun();
        int contactsBefore = dataverse.query("contacts", "contactid", null).size();
        int referralsBefore = dataverse.query("new_clientreferrals", "new_clientreferralid", null).size();
        int conditionsBefore = dataverse.query("new_conditions", "new_conditionid", null).size();
        RunOutcome second = runner.runFull();
        assertEquals(RunStatus.COMPLETE, second.status(), second.message());
        for (ObjectReconciliation o : second.reconciliation().objects()) {
            assertEquals(0, o.created(), o.object() + " created records on the second run");
            assertEquals(o.loaded(), o.updated(), o.object());
        }
        assertEquals(0, second.reconciliation().unmappedNotes().created());
        assertEquals(contactsBefore, dataverse.query("contacts", "contactid", null).size());
        assertEquals(referralsBefore, dataverse.query("new_clientreferrals", "new_clientreferralid", null).size());
        assertEquals(conditionsBefore, dataverse.query("new_conditions", "new_conditionid", null).size());
    }

    @Test
    @Order(8)
    void readinessCoversKafkaTheLedgerAndATokenAndMetricsCountEachStage() {
        firstRun();
        io.restassured.RestAssured.get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'kafka' }.status", org.hamcrest.Matchers.equalTo("UP"))
                .body("checks.find { it.name == 'dataverse-token' }.status", org.hamcrest.Matchers.equalTo("UP"))
                .body("checks.find { it.name == 'Database connections health check' }.status", org.hamcrest.Matchers.equalTo("UP"));
        String metrics = io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        for (String series : List.of("gpm2dv_records_total{object=\"clients\",outcome=\"extracted\",stage=\"extract\",table=\"contact\"}",
                "gpm2dv_records_total{object=\"clients\",outcome=\"mapped\",stage=\"map\",table=\"contact\"}",
                "gpm2dv_records_total{object=\"clients\",outcome=\"resolved\",stage=\"owner\",table=\"contact\"}",
                "gpm2dv_records_total{object=\"clients\",outcome=\"written\",stage=\"sink\",table=\"contact\"}")) {
            assertTrue(metrics.contains(series), series);
        }
    }

    @Test
    @Order(9)
    void everyStageMessageIsKeyedByItsMigrationKeyAndCarriesTheRunId() {
        RunOutcome outcome = firstRun();
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", KafkaBrokerResource.bootstrapServers());
        p.put("group.id", "test-inspector-" + java.util.UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        p.put("key.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class.getName());
        p.put("value.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class.getName());
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(p)) {
            consumer.subscribe(List.of("gpm.clients.extracted", "dv.contact.mapped", "dv.contact.ready"));
            java.util.Map<String, Integer> ofThisRun = new java.util.HashMap<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline && ofThisRun.values().stream().mapToInt(Integer::intValue).sum() < 150 + 2 * 189) {
                for (var rec : consumer.poll(java.time.Duration.ofMillis(500))) {
                    var runId = rec.headers().lastHeader("gpmRunId");
                    assertNotNull(runId, rec.topic() + " " + rec.key() + " has no run id");
                    // the broker is shared by every test: other tests' messages (garbage among them) are here too
                    if (outcome.runId().equals(new String(runId.value(), java.nio.charset.StandardCharsets.UTF_8))) {
                        assertTrue(rec.key().matches("(client|referrer)-\\d+(-unmapped)?"), rec.topic() + " key " + rec.key());
                        assertTrue(rec.value().contains(outcome.runId()), "the body carries the run id too");
                        ofThisRun.merge(rec.topic(), 1, Integer::sum);
                    }
                }
            }
            assertEquals(150, ofThisRun.get("gpm.clients.extracted"));
            assertTrue(ofThisRun.get("dv.contact.mapped") >= 189, "149 clients + 40 referrers mapped");
            assertTrue(ofThisRun.get("dv.contact.ready") >= 189, "149 clients + 40 referrers ready");
        }
    }

    @Test
    @Order(10)
    void valuesThatDoNotFitTheirColumnAreKeptInTheRecordsNoteNeverDropped() {
        firstRun();
        JsonNode jo = one("contacts", "client-1009");
        assertTrue(jo.path("emailaddress1").isNull() || jo.path("emailaddress1").isMissingNode(), "an invalid email is not written");
        assertTrue(noteOf(jo.path("contactid").asText()).contains("jo@gmail"), "the raw email is kept in the note");

        JsonNode leo = one("contacts", "client-1029");
        String lastname = leo.path("lastname").asText();
        assertEquals(50, lastname.codePointCount(0, lastname.length()), "the longest prefix that fits contact.lastname");
        assertTrue(lastname.endsWith("…"));
        String note = noteOf(leo.path("contactid").asText());
        assertTrue(note.contains(lastname.substring(0, lastname.length() - 1)), "the full surname is in the note");
        assertTrue(leo.path("description").asText().contains("\r\nSecond line with \"quotes\""), "line breaks and quotes survive");
    }

    @Test
    @Order(11)
    void phonesBecomeE164AndInvalidIdentifiersAreKeptNotDropped() {
        firstRun();
        JsonNode ravi = one("contacts", "client-1019");
        assertEquals("+64211234567", ravi.path("mobilephone").asText(), "021 123 4567 in the site's country");
        assertEquals("ZIO1234", one("contacts", "client-1006").path("new_nhinumber").asText(), "H12: kept, flagged, never dropped");
        assertTrue(report().list("findings").stream().anyMatch(f -> "client-1009".equals(f.path("key").asText())),
                "the report names the record whose value was not migrated to its column");
    }

    @Test
    @Order(12)
    void theOwnerReportListsEveryPractitionerWithItsOutcomeAndRecords() {
        firstRun();
        java.util.Map<String, io.gpm2dv.owner.OwnerReport.Line> owners = new java.util.HashMap<>();
        first.reconciliation().owners().forEach(l -> owners.put(l.practitioner(), l));
        for (long id = 11; id <= 22; id++) {
            assertTrue(owners.containsKey("practitioner-" + id), "practitioner-" + id + " is in the report");
        }
        assertEquals("MATCHED", owners.get("practitioner-11").outcome());
        assertEquals(userId("aroha.ngata@harbourside.example"), owners.get("practitioner-11").userId());
        assertTrue(owners.get("practitioner-11").records() >= 1, "client 1001 is practitioner 11's");
        assertEquals("MATCHED_SHARED", owners.get("practitioner-13").outcome(), "H05: reception@ is shared");
        assertEquals(owners.get("practitioner-13").userId(), owners.get("practitioner-14").userId());
        assertEquals("FALLBACK_DISABLED", owners.get("practitioner-17").outcome());
        assertNull(owners.get("practitioner-17").userId());
        // clients 1034, 1085 and 1123; 3 conditions; 2 referrals of her clients; 12 appointments; 9 notes she wrote;
        // document 7522 (no author, client 1123's default practitioner); 2 messages about her appointments; 11 invoices
        assertEquals(3 + 3 + 2 + 12 + 9 + 1 + 2 + 11, owners.get("practitioner-17").records(), "the records that name practitioner 17");
        assertEquals("FALLBACK_UNMATCHED", owners.get("practitioner-20").outcome());
        assertEquals("FALLBACK_UNKNOWN_PRACTITIONER", owners.get("practitioner-4711").outcome(), "client 1040 names 4711");
    }

    private static JsonNode readState() {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(EmulatorResource.emulator().stateAsJson());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ReportFile report() {
        return ReportFile.of(Path.of("target/test-reports"), first.reconciliation().runNumber());
    }

    private String noteOf(String contactId) {
        List<JsonNode> notes = dataverse.query("annotations", "subject,notetext", "_objectid_value eq " + contactId
                + " and subject eq 'Gensolve data not migrated to columns'");
        assertEquals(1, notes.size(), "one note of unmapped values per record (beside its clinical notes and documents)");
        assertEquals("Gensolve data not migrated to columns", notes.get(0).path("subject").asText());
        return notes.get(0).path("notetext").asText();
    }

    private void assertCounts(RunOutcome outcome, String object, long exportRows, long loaded, long skipped) {
        ObjectReconciliation o = outcome.reconciliation().objects().stream().filter(r -> r.object().equals(object))
                .findFirst().orElseThrow();
        assertEquals(exportRows, o.exportRows(), object + " export rows");
        assertEquals(exportRows, o.extracted(), object + " extracted");
        assertEquals(loaded, o.loaded(), object + " loaded");
        assertEquals(skipped, o.skipped(), object + " skipped");
        assertEquals(0, o.deadLettered(), object + " dead-lettered");
        assertTrue(o.balanced(), object + " balanced");
    }

    private List<JsonNode> keyed(String set, String id, String prefix) {
        return dataverse.query(set, id + ",new_gensolveid", "startswith(new_gensolveid,'" + prefix + "')");
    }

    private JsonNode one(String set, String key) {
        List<JsonNode> rows = dataverse.query(set, null, "new_gensolveid eq '" + key + "'");
        assertEquals(1, rows.size(), key);
        return rows.get(0);
    }

    private String idOf(String set, String idColumn, String key) {
        return one(set, key).path(idColumn).asText();
    }

    private String userId(String email) {
        List<JsonNode> users = dataverse.query("systemusers", "systemuserid,internalemailaddress", null).stream()
                .filter(u -> u.path("internalemailaddress").asText().trim().equalsIgnoreCase(email)).toList();
        assertEquals(1, users.size(), email);
        return users.get(0).path("systemuserid").asText();
    }
}
