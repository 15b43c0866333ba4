package io.gpm2dv.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** §17 lines 42–45: CreateMultiple, UpdateMultiple, UpsertMultiple, all-or-nothing, per-table switch. */
class BulkActionsTest extends EmulatorTestBase {
    private static final String TYPE = "\"@odata.type\":\"Microsoft.Dynamics.CRM.contact\"";

    private static String targets(String... items) {
        return "{\"Targets\":[" + String.join(",", items) + "]}";
    }

    private int contactCount() {
        return Integer.parseInt(http.get("contacts/$count").body());
    }

    @Test
    void line42_createMultipleReturns200WithIdsInTargetOrder() {
        String id = UUID.randomUUID().toString();
        EmulatorHttp.Reply r = http.post("contacts/Microsoft.Dynamics.CRM.CreateMultiple", targets(
                "{" + TYPE + ",\"lastname\":\"A\"}", "{" + TYPE + ",\"lastname\":\"B\",\"contactid\":\"" + id + "\"}"));
        assertEquals(200, r.status(), r.body());
        JsonNode ids = r.json().path("Ids");
        assertEquals(2, ids.size());
        assertEquals(id, ids.get(1).asText());
        assertEquals("A", http.get("contacts(" + ids.get(0).asText() + ")").json().path("lastname").asText());
        assertTrue(r.json().path("@odata.context").asText().endsWith("$metadata#Microsoft.Dynamics.CRM.CreateMultipleResponse"));
    }

    @Test
    void line42_targetWithoutODataTypeIsRejected_400Assumed() {
        EmulatorHttp.Reply r = http.post("contacts/Microsoft.Dynamics.CRM.CreateMultiple", targets(
                "{" + TYPE + ",\"lastname\":\"A\"}", "{\"lastname\":\"B\"}"));
        assertEquals(400, r.status());
        assertEquals(0, contactCount());
        assertEquals(400, http.post("contacts/Microsoft.Dynamics.CRM.CreateMultiple", targets(
                "{\"@odata.type\":\"Microsoft.Dynamics.CRM.account\",\"name\":\"A\"}")).status());
    }

    @Test
    void line43_anyFailingTargetRollsBackTheWholeRequest() {
        UUID existing = EmulatorHttp.idOf(http.post("contacts", "{\"lastname\":\"Before\"}"));
        UUID missingParent = UUID.randomUUID();
        EmulatorHttp.Reply r = http.post("contacts/Microsoft.Dynamics.CRM.UpsertMultiple", targets(
                "{" + TYPE + ",\"contactid\":\"" + existing + "\",\"lastname\":\"After\"}",
                "{" + TYPE + ",\"contactid\":\"" + UUID.randomUUID() + "\",\"lastname\":\"New\"}",
                "{" + TYPE + ",\"contactid\":\"" + UUID.randomUUID() + "\",\"lastname\":\"Orphan\","
                        + "\"parentcustomerid_account@odata.bind\":\"/accounts(" + missingParent + ")\"}"));
        assertEquals(404, r.status());
        assertEquals("0x80040217", r.errorCode());
        // the message names the missing record, as a single request's would, so a client can tell which one failed
        assertEquals("account With Id = " + missingParent + " Does Not Exist", r.errorMessage());
        assertEquals(1, contactCount());
        assertEquals("Before", http.get("contacts(" + existing + ")").json().path("lastname").asText());

        EmulatorHttp.Reply tooLong = http.post("contacts/Microsoft.Dynamics.CRM.CreateMultiple", targets(
                "{" + TYPE + ",\"lastname\":\"ok\"}", "{" + TYPE + ",\"lastname\":\"" + "x".repeat(60) + "\"}"),
                "Prefer", "odata.include-annotations=\"*\"");
        assertEquals("0x80044331", tooLong.errorCode());
        assertEquals("1", tooLong.json().path("error").path("@Microsoft.PowerApps.CDS.ErrorDetails.TargetIndex").asText());
        assertEquals(400, http.post("contacts/Microsoft.Dynamics.CRM.UpdateMultiple", targets(
                "{" + TYPE + ",\"contactid\":\"" + existing + "\",\"lastname\":\"X\"}",
                "{" + TYPE + ",\"contactid\":\"" + existing + "\",\"gendercode\":9}")).status());
        assertEquals("Before", http.get("contacts(" + existing + ")").json().path("lastname").asText());
    }

    @Test
    void line44_updateMultipleAndUpsertMultipleReturn204_upsertByODataIdAlternateKey() {
        UUID a = EmulatorHttp.idOf(http.post("contacts", "{\"lastname\":\"A\",\"new_gensolveid\":\"client-1\"}"));
        EmulatorHttp.Reply up = http.post("contacts/Microsoft.Dynamics.CRM.UpsertMultiple", targets(
                "{" + TYPE + ",\"@odata.id\":\"contacts(new_gensolveid='client-1')\",\"lastname\":\"A2\"}",
                "{" + TYPE + ",\"@odata.id\":\"contacts(new_gensolveid='client-2')\",\"lastname\":\"B\"}"));
        assertEquals(204, up.status(), up.body());
        assertEquals("A2", http.get("contacts(" + a + ")").json().path("lastname").asText());
        assertEquals("client-2", http.get("contacts(new_gensolveid='client-2')").json().path("new_gensolveid").asText());
        EmulatorHttp.Reply upd = http.post("contacts/Microsoft.Dynamics.CRM.UpdateMultiple", targets(
                "{" + TYPE + ",\"contactid\":\"" + a + "\",\"statecode\":1,\"statuscode\":2}"));
        assertEquals(204, upd.status(), upd.body());
        assertEquals(1, http.get("contacts(" + a + ")").json().path("statecode").asInt());
        EmulatorHttp.Reply missing = http.post("contacts/Microsoft.Dynamics.CRM.UpdateMultiple", targets(
                "{" + TYPE + ",\"contactid\":\"" + UUID.randomUUID() + "\",\"lastname\":\"X\"}"));
        assertEquals(404, missing.status());
        assertEquals(400, http.post("contacts/Microsoft.Dynamics.CRM.UpsertMultiple", targets("{" + TYPE + ",\"lastname\":\"X\"}")).status());
    }

    @Test
    void line44_upsertMultipleByPrimaryKeyCreatesThenUpdatesAsTheSinkSendsIt() {
        UUID id = UUID.randomUUID();
        String body = targets("{" + TYPE + ",\"contactid\":\"" + id + "\",\"lastname\":\"A\",\"new_gensolveid\":\"client-9\","
                + "\"importsequencenumber\":1,\"overriddencreatedon\":\"2018-01-02T03:04:05Z\"}");
        assertEquals(204, http.post("contacts/Microsoft.Dynamics.CRM.UpsertMultiple", body).status());
        assertEquals(204, http.post("contacts/Microsoft.Dynamics.CRM.UpsertMultiple", targets(
                "{" + TYPE + ",\"contactid\":\"" + id + "\",\"lastname\":\"B\",\"new_gensolveid\":\"client-9\",\"importsequencenumber\":2}")).status());
        JsonNode row = http.get("contacts(" + id + ")").json();
        assertEquals("B", row.path("lastname").asText());
        assertEquals(1, row.path("importsequencenumber").asInt()); // create-only: the second value is ignored
        assertEquals("2018-01-02T03:04:05Z", row.path("createdon").asText());
        // a second record claiming the same source key is refused by the alternate key
        EmulatorHttp.Reply dup = http.post("contacts/Microsoft.Dynamics.CRM.UpsertMultiple", targets(
                "{" + TYPE + ",\"contactid\":\"" + UUID.randomUUID() + "\",\"lastname\":\"C\",\"new_gensolveid\":\"client-9\"}"));
        assertEquals(412, dup.status());
        assertEquals("0x80060892", dup.errorCode());
    }

    @Test
    void line45_bulkActionsCanBeDisabledPerTable() {
        try (DataverseEmulator off = DataverseEmulator.start(EmulatorOptions.defaults().withBulkDisabled(Set.of("contact")))) {
            EmulatorHttp h = new EmulatorHttp(off);
            EmulatorHttp.Reply r = h.post("contacts/Microsoft.Dynamics.CRM.UpsertMultiple",
                    targets("{" + TYPE + ",\"contactid\":\"" + UUID.randomUUID() + "\",\"lastname\":\"A\"}"));
            assertEquals(400, r.status());
            assertTrue(r.errorMessage().startsWith("The 'UpsertMultiple' method does not support entities of type 'contact'"));
            String q = "sdkmessagefilters?$select=sdkmessagefilterid&$filter="
                    + EmulatorHttp.enc("sdkmessageid/name eq @message and primaryobjecttypecode eq @table")
                    + "&@message=" + EmulatorHttp.enc("'UpsertMultiple'") + "&@table=";
            assertEquals(0, h.get(q + EmulatorHttp.enc("'contact'")).json().path("value").size());
            assertEquals(1, h.get(q + EmulatorHttp.enc("'account'")).json().path("value").size());
        }
        assertEquals(400, http.post("businessunits/Microsoft.Dynamics.CRM.CreateMultiple",
                "{\"Targets\":[{\"@odata.type\":\"Microsoft.Dynamics.CRM.businessunit\",\"name\":\"x\"}]}").status());
    }

    @Test
    void bulkRequestsAreAtomicUnderConcurrentReadersAndWriters() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> writes = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                final int writer = w;
                writes.add(pool.submit(() -> {
                    int failed = 0;
                    for (int b = 0; b < 10; b++) {
                        List<String> items = new ArrayList<>();
                        for (int i = 0; i < 10; i++) {
                            items.add("{" + TYPE + ",\"contactid\":\"" + UUID.randomUUID() + "\",\"lastname\":\"w" + writer + "\""
                                    + (b % 2 == 1 && i == 9 ? ",\"gendercode\":9" : "") + "}");
                        }
                        if (http.post("contacts/Microsoft.Dynamics.CRM.UpsertMultiple", targets(items.toArray(String[]::new))).status() != 204) {
                            failed++;
                        }
                    }
                    return failed;
                }));
            }
            Future<Boolean> reader = pool.submit(() -> {
                for (int i = 0; i < 30; i++) {
                    if (contactCount() % 10 != 0) {
                        return false; // a reader saw part of a bulk request
                    }
                }
                return true;
            });
            int failed = 0;
            for (Future<Integer> f : writes) {
                failed += f.get();
            }
            assertTrue(reader.get());
            assertEquals(20, failed);
            assertEquals(200, contactCount());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void line42_createMultipleWorksOnActivityTablesWithParties() {
        EmulatorHttp.Reply r = http.post("appointments/Microsoft.Dynamics.CRM.CreateMultiple", targets(
                "{\"@odata.type\":\"Microsoft.Dynamics.CRM.appointment\",\"subject\":\"a\",\"appointment_activity_parties\":"
                        + "[{\"addressused\":\"x@example.com\",\"participationtypemask\":5}]}",
                "{\"@odata.type\":\"Microsoft.Dynamics.CRM.appointment\",\"subject\":\"b\"}"));
        assertEquals(200, r.status(), r.body());
        assertEquals(1, http.get("activityparties").json().path("value").size());
        assertEquals(400, http.post("appointments/Microsoft.Dynamics.CRM.CreateMultiple", targets(
                "{\"@odata.type\":\"Microsoft.Dynamics.CRM.appointment\",\"subject\":\"c\"}",
                "{\"@odata.type\":\"Microsoft.Dynamics.CRM.appointment\",\"subject\":\"d\",\"appointment_activity_parties\":"
                        + "[{\"addressused\":\"x@example.com\",\"participationtypemask\":1}]}")).status());
        assertEquals(2, Integer.parseInt(http.get("appointments/$count").body()));
        assertEquals(400, http.post("activitymimeattachments/Microsoft.Dynamics.CRM.CreateMultiple", targets()).status());
    }
}
