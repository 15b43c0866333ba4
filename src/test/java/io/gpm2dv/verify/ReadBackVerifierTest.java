package io.gpm2dv.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gpm2dv.emulator.DataverseEmulator;
import io.gpm2dv.testing.DataverseTestClient;
import io.gpm2dv.testing.EmulatorResource;

/**
 * Read-back verification against an in-JVM emulator of the test's own, over HTTP: records written with a body are
 * read back and match; a column someone changes in Dataverse afterwards is reported, and only that column, by kinds.
 */
class ReadBackVerifierTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static DataverseEmulator emulator;
    static DataverseTestClient dataverse;

    @BeforeAll
    static void start() {
        emulator = EmulatorResource.startOwn(o -> o);
        dataverse = new DataverseTestClient(emulator.baseUrl());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void aColumnChangedAfterTheWriteIsTheOneMismatchReported() {
        UUID account = UUID.randomUUID();
        ObjectNode accountBody = JSON.createObjectNode().put("accountid", account.toString()).put("name", "Harbourside Physio")
                .put("numberofemployees", 12).put("creditlimit", 1500.50);
        assertEquals(204, dataverse.write("PATCH", "accounts(" + account + ")", accountBody.toString()));
        List<SentRecord> written = new ArrayList<>();
        written.add(new SentRecord("organisations", "organisation-1", "account", account, accountBody));
        for (int i = 0; i < 3; i++) {
            UUID contact = UUID.randomUUID();
            ObjectNode body = JSON.createObjectNode().put("contactid", contact.toString()).put("firstname", "Tāne " + i)
                    .put("lastname", "Kūmara-Ōtaki").put("birthdate", "1990-04-0" + (i + 1)).put("donotemail", i == 1)
                    .put("parentcustomerid_account@odata.bind", "/accounts(" + account + ")");
            body.putNull("middlename");
            assertEquals(204, dataverse.write("PATCH", "contacts(" + contact + ")", body.toString()));
            written.add(new SentRecord("clients", "client-100" + i, "contact", contact, body));
        }

        List<ColumnCheck> checks = new ArrayList<>();
        VerificationSummary before = verify(written, checks);
        assertEquals(4, before.checked());
        assertEquals(0, before.mismatches(), "just written, everything reads back as sent: " + before.examples());
        assertEquals(4 + 3 * 7, before.columns(), "one check per sent column");
        assertTrue(checks.stream().allMatch(ColumnCheck::matches));

        // someone changes a client's last name (with a string of another length) in Dataverse after the run
        UUID changed = written.get(2).id();
        assertEquals(204, dataverse.write("PATCH", "contacts(" + changed + ")", "{\"lastname\":\"Smith\"}"));
        checks.clear();
        VerificationSummary after = verify(written, checks);
        assertEquals(4, after.checked());
        assertEquals(1, after.mismatches(), "only the changed column differs: " + after.examples());
        assertEquals(Map.of("clients", 1L), after.mismatchesPerObject());
        VerificationSummary.Example example = after.examples().get(0);
        assertEquals("client-1001", example.key());
        assertEquals("lastname", example.column());
        assertEquals("string(12)", example.sentKind());
        assertEquals("string(5)", example.readKind());
        ColumnCheck mismatch = checks.stream().filter(c -> !c.matches()).findFirst().orElseThrow();
        assertEquals(ColumnCheck.VALUE_DIFFERS, mismatch.code());
        assertNull(checks.stream().filter(c -> c.key().equals("client-1001") && c.column().equals("firstname"))
                .findFirst().orElseThrow().code());

        // and a record deleted in Dataverse is one RECORD_MISSING, not one mismatch per column
        assertTrue(dataverse.delete("contacts", written.get(3).id()));
        VerificationSummary gone = verify(written, new ArrayList<>());
        assertEquals(2, gone.mismatches());
        assertTrue(gone.examples().stream().anyMatch(e -> e.key().equals("client-1002") && e.column().equals("*")
                && e.readKind().equals("missing")), gone.examples().toString());
    }

    @Test
    void aLookupPointedElsewhereIsReportedAsALookupMismatch() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        dataverse.write("PATCH", "accounts(" + a + ")", "{\"name\":\"A\"}");
        dataverse.write("PATCH", "accounts(" + b + ")", "{\"name\":\"B\"}");
        UUID contact = UUID.randomUUID();
        ObjectNode body = JSON.createObjectNode().put("lastname", "Ngata")
                .put("parentcustomerid_account@odata.bind", "/accounts(" + a + ")");
        dataverse.write("PATCH", "contacts(" + contact + ")", body.toString());
        dataverse.write("PATCH", "contacts(" + contact + ")", "{\"parentcustomerid_account@odata.bind\":\"/accounts(" + b + ")\"}");
        VerificationSummary s = verify(List.of(new SentRecord("clients", "client-7", "contact", contact, body)), new ArrayList<>());
        assertEquals(1, s.mismatches(), s.examples().toString());
        assertEquals("parentcustomerid_account", s.examples().get(0).column());
        assertEquals("lookup", s.examples().get(0).sentKind());
        assertEquals("lookup", s.examples().get(0).readKind());
    }

    @Test
    void partiesAreComparedAsASetAndADocumentByTheHashOfItsBytes() {
        UUID contact = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        dataverse.write("PATCH", "contacts(" + contact + ")", "{\"lastname\":\"Ngata\"}");
        dataverse.write("PATCH", "contacts(" + other + ")", "{\"lastname\":\"Smith\"}");
        UUID appointment = UUID.randomUUID();
        ObjectNode body = JSON.createObjectNode().put("subject", "Initial assessment")
                .put("scheduledstart", "2024-02-11T21:00:00Z");
        var parties = body.putArray("appointment_activity_parties");
        parties.addObject().put("participationtypemask", 7).put("addressused", "reception@harbourside.example");
        parties.addObject().put("partyid_contact@odata.bind", "/contacts(" + contact + ")").put("participationtypemask", 5);
        assertEquals(204, dataverse.write("PATCH", "appointments(" + appointment + ")", body.toString()));
        // the same date-time written with another offset, and the parties in another order, are the same values
        ObjectNode asSent = body.deepCopy().put("scheduledstart", "2024-02-12T10:00:00+13:00");
        var reordered = asSent.putArray("appointment_activity_parties");
        reordered.add(parties.get(1));
        reordered.add(parties.get(0));

        byte[] bytes = "%PDF-1.4 referral letter".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        UUID note = UUID.randomUUID();
        assertEquals(204, dataverse.write("PATCH", "annotations(" + note + ")", JSON.createObjectNode()
                .put("subject", "Referral letter").put("filename", "letter.pdf").put("mimetype", "application/pdf")
                .put("documentbody", java.util.Base64.getEncoder().encodeToString(bytes)).toString()));
        ObjectNode noteSent = JSON.createObjectNode().put("subject", "Referral letter").put("filename", "letter.pdf");
        noteSent.putObject("@gpm2dv.file").put("path", "documents/letter.pdf").put("size", bytes.length)
                .put("sha256", ColumnComparison.sha256(bytes)).put("column", "documentbody");
        List<SentRecord> written = List.of(new SentRecord("appointments", "appointment-1", "appointment", appointment, asSent),
                new SentRecord("documents", "document-1", "annotation", note, noteSent));
        ReadBack.TableRef appointments = new ReadBack.TableRef("appointments", "activityid");
        ReadBack.TableRef notes = new ReadBack.TableRef("annotations", "annotationid");
        java.util.function.Function<String, ReadBack.TableRef> tables = t -> t.equals("appointment") ? appointments : notes;

        VerificationSummary same = verify(written, tables);
        assertEquals(0, same.mismatches(), same.examples().toString());
        assertEquals(3 + 3, same.columns());

        // the client party is moved to another contact, and the letter's bytes replaced
        JsonNode moved = JSON.createObjectNode().set("value", JSON.createArrayNode()
                .add(parties.get(0)).add(JSON.createObjectNode().put("participationtypemask", 5)
                        .put("partyid_contact@odata.bind", "/contacts(" + other + ")")));
        assertEquals(204, dataverse.write("PUT", "appointments(" + appointment + ")/appointment_activity_parties", moved.toString()));
        assertEquals(204, dataverse.write("PATCH", "annotations(" + note + ")", JSON.createObjectNode().put("documentbody",
                java.util.Base64.getEncoder().encodeToString("%PDF-1.4 another letter".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .toString()));
        VerificationSummary changed = verify(written, tables);
        assertEquals(2, changed.mismatches(), changed.examples().toString());
        assertEquals(List.of("appointment_activity_parties parties(2) parties(2)", "documentbody file(24) file(23)"),
                changed.examples().stream().map(e -> e.column() + " " + e.sentKind() + " " + e.readKind()).sorted().toList());
    }

    private static VerificationSummary verify(List<SentRecord> written,
            java.util.function.Function<String, ReadBack.TableRef> tables) {
        ReadBack readBack = new ReadBack(new HttpReader(), tables, 50, 5, c -> {
        });
        written.forEach(readBack::accept);
        return readBack.finish();
    }

    private static VerificationSummary verify(List<SentRecord> written, List<ColumnCheck> checks) {
        ReadBack readBack = new ReadBack(new HttpReader(), table -> new ReadBack.TableRef(table + "s", table + "id"), 2, 1,
                checks::add);
        written.forEach(readBack::accept);
        return readBack.finish();
    }

    /** Reads the emulator over HTTP as the product's client does: by ids in a filter, only the selected columns. */
    static final class HttpReader implements TargetReader {
        @Override
        public Map<UUID, JsonNode> rows(String entitySet, String primaryKey, Collection<UUID> ids, String select) {
            Map<UUID, JsonNode> out = new HashMap<>();
            String filter = String.join(" or ", ids.stream().map(id -> primaryKey + " eq " + id).toList());
            dataverse.query(entitySet, select, filter).forEach(r -> out.put(UUID.fromString(r.path(primaryKey).asText()), r));
            return out;
        }

        @Override
        public Map<UUID, List<JsonNode>> parties(Collection<UUID> activityIds) {
            Map<UUID, List<JsonNode>> out = new HashMap<>();
            String filter = String.join(" or ", activityIds.stream().map(id -> "_activityid_value eq " + id).toList());
            dataverse.query("activityparties", PARTY_SELECT, filter).forEach(r -> out
                    .computeIfAbsent(UUID.fromString(r.path("_activityid_value").asText()), k -> new ArrayList<>()).add(r));
            return out;
        }
    }
}
