package io.gpm2dv.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import io.gpm2dv.emulator.DataverseEmulator;
import io.gpm2dv.mapping.MigrationContext;
import io.gpm2dv.pipeline.RunStatus;
import io.gpm2dv.reconcile.ObjectReconciliation;
import io.gpm2dv.run.MigrationRunner;
import io.gpm2dv.run.RunOutcome;
import io.gpm2dv.testing.DataverseTestClient;
import io.gpm2dv.testing.EmulatorResource;
import io.gpm2dv.testing.ExportFixture;
import io.gpm2dv.testing.KafkaBrokerResource;
import io.gpm2dv.testing.TestBytes;
import io.gpm2dv.testing.ReportFile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The clinical history of the sample practice — appointments, the SMS/email log, clinical notes and documents —
 * through the real routes, the in-JVM broker and an emulator whose organisation takes uploads up to 10,000,000
 * bytes of base64. The export is the bundled sample plus two documents: a 6 MB scan (over the 4 MiB block
 * threshold, within the limit) and an 8 MB one (10.7 MB as base64: above it). Asserts what Dataverse holds.
 */
@QuarkusTest
@TestProfile(ClinicalHistoryTest.LargeDocuments.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClinicalHistoryTest {
    static final Path REPORTS = Path.of("target/test-reports/clinical-history");
    static final long UPLOAD_LIMIT = 10_000_000L;
    static final byte[] SCAN = TestBytes.random(6_000_000, 1);
    static final byte[] OVERSIZE = TestBytes.random(8_000_000, 2);
    static DataverseEmulator target;
    static RunOutcome outcome;

    /** The sample plus a 6 MB and an 8 MB document, into an emulator of its own with a 10 MB upload limit. */
    public static class LargeDocuments implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            if (target == null) {
                target = EmulatorResource.startOwn(o -> o.withMaxUploadFileSize(UPLOAD_LIMIT));
            }
            ExportFixture export = ExportFixture.copyOfSample()
                    .addDocument(9001, 1001, "Knee MRI scan.pdf", "application/pdf", SCAN, null)
                    .addDocument(9002, 1002, "Gait video.mp4", "video/mp4", OVERSIZE, null);
            return EmulatorResource.pointingAt(target, Map.of("gensolve.export.dir", export.dir().toString(),
                    "migration.report-dir", REPORTS.toString()));
        }
    }

    @Inject
    MigrationRunner runner;

    @Inject
    MigrationContext context;

    @Inject
    io.gpm2dv.reconcile.Reconciler reconciler;

    @Inject
    io.gpm2dv.mapping.MappingSpecs specs;

    DataverseTestClient dataverse() {
        return new DataverseTestClient(target.baseUrl());
    }

    RunOutcome run() {
        if (outcome == null) {
            outcome = runner.runFull();
        }
        return outcome;
    }

    @Test
    @Order(1)
    void everyRowOfTheHistoryIsAccountedForAndTheRunIsComplete() {
        RunOutcome o = run();
        assertEquals(RunStatus.COMPLETE, o.status(), o.message());
        ObjectReconciliation appointments = object(o, "appointments");
        assertEquals(531, appointments.exportRows());
        assertEquals(530, appointments.loaded());
        assertEquals(Map.of("BLOCK", 1L), appointments.skippedByRule());
        assertTrue(appointments.balanced());
        ObjectReconciliation documents = object(o, "documents");
        assertEquals(Map.of("CHECKSUM_MISMATCH", 1L, "HELD_BACK", 1L, "MISSING_FILE", 2L, "OVERSIZE", 1L, "PRACTICE_LEVEL", 1L),
                documents.skippedByRule());
        assertEquals(documents.extracted(), documents.loaded() + documents.skipped());
        assertEquals(Map.of("HELD_BACK", 1L), object(o, "notes").skippedByRule());
        for (ObjectReconciliation obj : o.reconciliation().objects()) {
            assertTrue(obj.balanced(), obj.object());
            obj.targets().forEach(t -> assertTrue(t.matches(), obj.object() + " " + t));
        }
        ObjectReconciliation.TargetCheck parties = appointments.targets().stream()
                .filter(t -> t.table().equals("appointment")).findFirst().orElseThrow();
        assertEquals(2 * parties.written(), parties.parties(), "client and organizer on every appointment");
        assertEquals(parties.parties(), parties.partiesPresent());
    }

    @Test
    @Order(2)
    void anAppointmentAcrossTheDaylightSavingChangeLandsOnTheExactInstant() {
        run();
        // 2024-09-29 01:30 NZST (+12:00) to 03:30 NZDT (+13:00): one hour of elapsed time
        JsonNode dst = one("appointments", "appointment-10007");
        assertEquals("2024-09-28T13:30:00Z", dst.path("scheduledstart").asText());
        assertEquals("2024-09-28T14:30:00Z", dst.path("scheduledend").asText());
        assertEquals(60, dst.path("scheduleddurationminutes").asInt());
        // the ambiguous 02:15 of the DST end: start at +13:00, end at +12:00, one hour apart
        JsonNode end = one("appointments", "appointment-10009");
        assertEquals("2024-04-06T13:15:00Z", end.path("scheduledstart").asText());
        assertEquals("2024-04-06T14:15:00Z", end.path("scheduledend").asText());
    }

    @Test
    @Order(3)
    void appointmentStatesFollowTheirStatus() {
        run();
        JsonNode cancelled = one("appointments", "appointment-10024");
        assertEquals(2, cancelled.path("statecode").asInt(), "CANCELLED → Canceled");
        assertEquals(4, cancelled.path("statuscode").asInt());
        JsonNode noShow = one("appointments", "appointment-10023");
        assertEquals(2, noShow.path("statecode").asInt(), "DNA → Canceled");
        JsonNode completed = one("appointments", "appointment-10001");
        assertEquals(1, completed.path("statecode").asInt());
        assertEquals(3, completed.path("statuscode").asInt());
        JsonNode future = one("appointments", "appointment-10012");
        assertEquals(3, future.path("statecode").asInt(), "BOOKED after the cut-off → Scheduled");
        assertEquals(5, future.path("statuscode").asInt());
        // CONFIRMED for 2025-02-10, before the export's cut-off (2025-03-14), never closed: left Open and reported
        JsonNode stale = one("appointments", "appointment-10031");
        assertEquals(0, stale.path("statecode").asInt());
        assertTrue(findings().contains("appointment-10031 LEFT_OPEN"), "reported");
        JsonNode quick = one("tasks", "appointment-10005");
        assertEquals("Quick appointment: Kate (online booking)", quick.path("subject").asText());
        assertTrue(dataverse().query("appointments", "activityid", "new_gensolveid eq 'appointment-10006'").isEmpty(),
                "BLOCK time is not migrated");
    }

    @Test
    @Order(4)
    void anAppointmentHasItsClientAsAttendeeAndItsOwnerAsOrganizer() {
        run();
        Map<Integer, String> parties = parties(id("appointment-10001"));
        assertEquals(Map.of(5, id("client-1001").toString(), 7, userId("aroha.ngata@harbourside.example")), parties);
        assertEquals(userId("aroha.ngata@harbourside.example"), one("appointments", "appointment-10001").path("_ownerid_value").asText());
    }

    @Test
    @Order(5)
    void emailsHaveTheirPartiesByDirectionAndAreClosedAsSentOrReceivedWithoutSending() {
        run();
        // outbound reminder of appointment 10002: from Aroha's user to the client
        assertEquals(Map.of(1, userId("aroha.ngata@harbourside.example"), 2, id("client-1001").toString()),
                parties(id("communication-90001")));
        JsonNode sent = one("emails", "communication-90001");
        assertEquals(1, sent.path("statecode").asInt());
        assertEquals(3, sent.path("statuscode").asInt(), "Sent");
        assertTrue(sent.path("directioncode").asBoolean());
        assertEquals("SMS: Reminder: physio with Aroha Mon 19 Feb 10:00. Reply Y to con", sent.path("subject").asText(),
                "SMS: and the first 60 characters of the body");
        // inbound reply of client 1013, no practitioner: from the client to the address the practice used
        List<JsonNode> inbound = partyRows(id("communication-90008"));
        assertEquals(2, inbound.size());
        JsonNode from = inbound.stream().filter(p -> p.path("participationtypemask").asInt() == 1).findFirst().orElseThrow();
        JsonNode to = inbound.stream().filter(p -> p.path("participationtypemask").asInt() == 2).findFirst().orElseThrow();
        assertEquals(id("client-1013").toString(), from.path("_partyid_value").asText());
        assertEquals("reception@harbourside.example", to.path("addressused").asText());
        assertTrue(to.path("_partyid_value").isNull() || to.path("_partyid_value").isMissingNode(),
                "never the fallback owner");
        JsonNode received = one("emails", "communication-90008");
        assertEquals(4, received.path("statuscode").asInt(), "Received");
        assertFalse(received.path("directioncode").asBoolean());
        assertEquals("2024-06-28T08:14:00Z", received.path("actualend").asText());
        assertEquals("2024-06-28T08:14:00Z", received.path("createdon").asText(), "overriddencreatedon ← occurred_at");
        // the document an email sent is its attachment
        UUID attachment = id("document-7010");
        assertNotNull(dataverse().retrieve("activitymimeattachments", attachment));
        assertEquals(id("communication-90004").toString(),
                dataverse().retrieve("activitymimeattachments", attachment).path("_objectid_value").asText());
    }

    @Test
    @Order(6)
    void anRtfNoteArrivesAsTextWithItsOriginalAttached() {
        run();
        JsonNode note = dataverse().retrieve("annotations", id("note-20002"));
        String text = note.path("notetext").asText();
        assertTrue(text.startsWith("[GPM note 20002 · TREATMENT · STANDARD · completed · unlocked · author "), text);
        assertTrue(text.endsWith("\n\nSubjective: Right shoulder pain after lifting, 6/10.\nObjective: Flexion 120°, painful arc."
                + "\n\nPlan: rotator cuff programme, review 1 week."), text);
        assertFalse(text.contains("\\rtf") || text.contains("\\par") || text.contains("89504e47"), "no RTF left: " + text);
        // the picture did not survive conversion: the RTF itself is attached to the same note
        assertEquals("note-20002.rtf", note.path("filename").asText());
        assertTrue(decoded(dataverse().value("annotations", id("note-20002"), "documentbody")).startsWith("{\\rtf1"));
        assertEquals(id("client-1001").toString(), note.path("_objectid_value").asText());
    }

    @Test
    @Order(7)
    void aNoteOverOneHundredThousandCharactersIsCutAndAttachedInFull() {
        run();
        JsonNode note = dataverse().retrieve("annotations", id("note-20016"));
        String text = note.path("notetext").asText();
        assertEquals(100_000, text.length());
        assertTrue(text.endsWith("…"));
        String attached = decoded(dataverse().value("annotations", id("note-20016"), "documentbody"));
        assertTrue(attached.length() > 100_000, "the attachment holds the whole note");
        assertEquals(text.substring(0, 99_999), attached.substring(0, 99_999));
        assertEquals("note-20016.txt", note.path("filename").asText());
        assertTrue(findings().contains("note-20016 NOTE_ATTACHED"));
    }

    @Test
    @Order(8)
    void aRestrictedNoteIsHeldBackAndListed() {
        run();
        assertNull(dataverse().retrieve("annotations", id("note-20008")));
        assertNull(dataverse().retrieve("annotations", id("document-7008")), "its restricted document too");
        JsonNode skipped = skipped("note-20008");
        assertEquals("HELD_BACK", skipped.path("rule").asText());
        assertTrue(skipped.path("reason").asText().contains("restricted-notes: migrate"));
    }

    @Test
    @Order(9)
    void aSixMegabyteDocumentArrivesThroughBlockUploadWithItsBytesIntact() throws Exception {
        run();
        UUID id = id("document-9001");
        assertEquals(2, target.blockUploads().get("annotation/" + id), "6,000,000 bytes in two blocks of at most 4 MiB");
        JsonNode doc = dataverse().retrieve("annotations", id);
        assertEquals("Knee MRI scan.pdf", doc.path("filename").asText());
        assertEquals(id("client-1001").toString(), doc.path("_objectid_value").asText());
        byte[] landed = Base64.getDecoder().decode(dataverse().value("annotations", id, "documentbody"));
        assertEquals(TestBytes.sha256(SCAN), TestBytes.sha256(landed));
        assertEquals(SCAN.length, doc.path("filesize").asLong());
    }

    @Test
    @Order(10)
    void oversizeMissingAndMismatchedDocumentsAreAbsentAndReportedWithTheirReason() {
        run();
        Map<String, String> expected = Map.of("document-9002", "OVERSIZE", "document-7002", "MISSING_FILE",
                "document-7003", "CHECKSUM_MISMATCH");
        expected.forEach((key, rule) -> {
            assertNull(dataverse().retrieve("annotations", id(key)), key);
            assertEquals(rule, skipped(key).path("rule").asText(), key);
        });
        String oversize = skipped("document-9002").path("reason").asText();
        assertTrue(oversize.contains("8000000 bytes") && oversize.contains("maxuploadfilesize of 10000000")
                && oversize.contains("131072000"), oversize);
        assertTrue(skipped("document-7003").path("reason").asText().contains("SHA-256"));
    }

    @Test
    @Order(11)
    void aPlaceholderBirthDateAndASuspectedMojibakeNameAreNamedInTheReportAndLeftAsTheyAre() {
        run();
        Set<String> findings = findings();
        assertTrue(findings.contains("client-1017 DOB_PLACEHOLDER"), "H18: 1900-01-01 is reported");
        assertTrue(findings.contains("client-1025 SUSPECTED_MOJIBAKE"), "H16: KÅ«mara is reported");
        assertEquals("1900-01-01", one("contacts", "client-1017").path("birthdate").asText(), "never corrected");
        assertTrue(one("contacts", "client-1025").path("lastname").asText().contains("Å«"), "never repaired");
        assertTrue(report().list("findings").stream().noneMatch(f -> f.toString().contains("Å«")),
                "the report names keys and codes, never the value");
    }

    @Test
    @Order(12)
    void theReconciliationNoticesADocumentAndAnActivityPartyThatAreNoLongerThere() {
        RunOutcome o = run();
        // someone deletes a document and an email in Dataverse after the run (its parties go with it)
        assertTrue(dataverse().delete("annotations", id("document-7001")));
        assertTrue(dataverse().delete("emails", id("communication-90001")));
        io.gpm2dv.reconcile.RunReconciliation again = reconciler.reconcile(o.runId(), o.reconciliation().runNumber(),
                context.migrationId(), o.reconciliation().exportId(), specs.current(), null);
        ObjectReconciliation.TargetCheck documents = object(again, "documents").targets().stream()
                .filter(t -> t.table().equals("annotation")).findFirst().orElseThrow();
        assertEquals(documents.written() - 1, documents.present());
        ObjectReconciliation.TargetCheck emails = object(again, "communications").targets().get(0);
        assertEquals(emails.parties() - 2, emails.partiesPresent());
        assertTrue(again.problems().stream().anyMatch(p -> p.startsWith("documents: Dataverse holds")), again.problems().toString());
        assertTrue(again.problems().stream().anyMatch(p -> p.startsWith("communications: Dataverse holds")));
        assertEquals(RunStatus.INCOMPLETE, again.status());
    }

    private static ObjectReconciliation object(io.gpm2dv.reconcile.RunReconciliation r, String name) {
        return r.objects().stream().filter(x -> x.object().equals(name)).findFirst().orElseThrow();
    }

    private ObjectReconciliation object(RunOutcome o, String name) {
        return o.reconciliation().objects().stream().filter(x -> x.object().equals(name)).findFirst().orElseThrow();
    }

    private UUID id(String key) {
        return context.recordIds().idFor(key);
    }

    private JsonNode one(String set, String key) {
        List<JsonNode> rows = dataverse().query(set, null, "new_gensolveid eq '" + key + "'");
        assertEquals(1, rows.size(), key);
        return rows.get(0);
    }

    private List<JsonNode> partyRows(UUID activity) {
        return dataverse().query("activityparties", "_partyid_value,participationtypemask,addressused",
                "_activityid_value eq " + activity);
    }

    private Map<Integer, String> parties(UUID activity) {
        return partyRows(activity).stream().collect(Collectors.toMap(p -> p.path("participationtypemask").asInt(),
                p -> p.path("_partyid_value").asText()));
    }

    private String userId(String email) {
        List<JsonNode> users = dataverse().query("systemusers", "systemuserid,internalemailaddress", null).stream()
                .filter(u -> u.path("internalemailaddress").asText().trim().equalsIgnoreCase(email)).toList();
        assertEquals(1, users.size(), email);
        return users.get(0).path("systemuserid").asText();
    }

    private ReportFile report() {
        return ReportFile.of(REPORTS, run().reconciliation().runNumber());
    }

    private JsonNode skipped(String key) {
        return report().list("skipped").stream().filter(s -> key.equals(s.path("key").asText())).findFirst()
                .orElseThrow(() -> new AssertionError(key + " is not listed as skipped"));
    }

    private Set<String> findings() {
        return report().list("findings").stream().map(f -> f.path("key").asText() + " " + f.path("code").asText())
                .collect(Collectors.toSet());
    }

    private static String decoded(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }


}
