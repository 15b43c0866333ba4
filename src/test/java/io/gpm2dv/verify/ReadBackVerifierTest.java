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
