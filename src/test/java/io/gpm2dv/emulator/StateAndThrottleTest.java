package io.gpm2dv.emulator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** The state file and dump/reset endpoints, injected throttling (§17 line 46), notes' bodies (lines 52–53). */
class StateAndThrottleTest extends EmulatorTestBase {

    @Test
    void stateFileCarriesRecordsIntoASecondRun(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("emulator-state.json");
        EmulatorOptions o = EmulatorOptions.defaults().withUsersFile(usersFile()).withStateFile(state);
        UUID id;
        try (DataverseEmulator first = DataverseEmulator.start(o)) {
            id = EmulatorHttp.idOf(new EmulatorHttp(first).post("contacts", "{\"lastname\":\"A\",\"new_gensolveid\":\"client-1\"}"));
            // written behind the request, shortly after it, while the emulator still runs
            UUID created = id;
            await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
                    .until(() -> Files.readString(state).contains(created.toString()));
            assertTrue(Files.list(dir).noneMatch(p -> p.toString().endsWith(".tmp")));
            assertEquals(204, new EmulatorHttp(first).patch("contacts(" + id + ")", "{\"lastname\":\"A2\"}").status());
        }
        assertTrue(Files.readString(state).contains("A2"), "every commit is on disk once close returns");
        try (DataverseEmulator second = DataverseEmulator.start(o)) {
            EmulatorHttp h = new EmulatorHttp(second);
            assertEquals("A2", h.get("contacts(" + id + ")").json().path("lastname").asText());
            assertEquals(412, h.post("contacts", "{\"lastname\":\"B\",\"new_gensolveid\":\"client-1\"}").status());
            assertEquals(1, h.get("organizations?$select=maxuploadfilesize").json().path("value").size());
        }
    }

    @Test
    void stateFileThatCannotBeWrittenFailsLaterWritesAndTheClose(@TempDir Path dir) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        DataverseEmulator e = DataverseEmulator.start(EmulatorOptions.defaults().withStateFile(notADirectory.resolve("s.json")));
        EmulatorHttp h = new EmulatorHttp(e);
        assertEquals(204, h.post("contacts", "{\"lastname\":\"A\"}").status()); // its write runs behind it
        await().atMost(Duration.ofSeconds(5)).until(() -> h.post("contacts", "{\"lastname\":\"B\"}").status() == 500);
        assertThrows(UncheckedIOException.class, e::close);
    }

    @Test
    void stateFileReplaysMetadataChangesBeforeRecords(@TempDir Path dir) {
        EmulatorOptions o = EmulatorOptions.defaults().withStateFile(dir.resolve("state.json"));
        UUID id;
        try (DataverseEmulator first = DataverseEmulator.start(o)) {
            EmulatorHttp h = new EmulatorHttp(first);
            assertEquals(204, h.post("EntityDefinitions(LogicalName='contact')/Attributes", "{\"@odata.type\":\"Microsoft.Dynamics.CRM."
                    + "StringAttributeMetadata\",\"SchemaName\":\"new_Ref\",\"MaxLength\":5,\"DisplayName\":" + MetadataTest.LABEL
                    + ",\"RequiredLevel\":{\"Value\":\"None\"}}").status());
            id = EmulatorHttp.idOf(h.post("contacts", "{\"lastname\":\"A\",\"new_ref\":\"r-1\"}"));
        }
        try (DataverseEmulator second = DataverseEmulator.start(o)) {
            EmulatorHttp h = new EmulatorHttp(second);
            assertEquals("r-1", h.get("contacts(" + id + ")?$select=new_ref").json().path("new_ref").asText());
            assertEquals("0x80044331", h.post("contacts", "{\"lastname\":\"A\",\"new_ref\":\"123456\"}").errorCode());
        }
    }

    @Test
    void stateDumpAndResetEndpointsLiveOutsideTheWebApi() {
        UUID id = EmulatorHttp.idOf(http.post("contacts", "{\"lastname\":\"A\"}"));
        EmulatorHttp.Reply dump = http.raw(java.net.http.HttpRequest.newBuilder(java.net.URI.create(emulator.baseUrl() + "/emulator/state")));
        assertEquals(200, dump.status());
        assertTrue(dump.json().path("tables").path("contact").has(id.toString()));
        EmulatorHttp.Reply reset = http.raw(java.net.http.HttpRequest.newBuilder(java.net.URI.create(emulator.baseUrl() + "/emulator/reset"))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, reset.status());
        assertEquals(404, http.get("contacts(" + id + ")").status());
        assertEquals(200, http.get("WhoAmI").status());
    }

    @Test
    void line46_injectedThrottleReturns429WithRetryAfterAndCode() {
        try (DataverseEmulator t = DataverseEmulator.start(EmulatorOptions.defaults().withThrottleEveryNth(3).withRetryAfterSeconds(2))) {
            EmulatorHttp h = new EmulatorHttp(t);
            assertEquals(200, h.get("WhoAmI").status());
            assertEquals(200, h.get("WhoAmI").status());
            EmulatorHttp.Reply r = h.get("WhoAmI");
            assertEquals(429, r.status());
            assertEquals("2", r.header("Retry-After"));
            assertEquals("0x80072322", r.errorCode());
            assertEquals("Number of requests exceeded the limit of 6000 over time window of 300 seconds.", r.errorMessage());
        }
        try (DataverseEmulator all = DataverseEmulator.start(EmulatorOptions.defaults().withThrottleFraction(1.0))) {
            assertEquals(429, new EmulatorHttp(all).get("WhoAmI").status());
        }
    }

    @Test
    void line52_annotationStoresDocumentbodyAndServesItAsValue() {
        UUID parent = EmulatorHttp.idOf(http.post("contacts", "{\"lastname\":\"A\"}"));
        String body = Base64.getEncoder().encodeToString("hello".getBytes());
        EmulatorHttp.Reply r = http.post("annotations", "{\"subject\":\"Gensolve data not migrated to columns\",\"notetext\":\"t\","
                + "\"isdocument\":true,\"filename\":\"client-1-unmapped.txt\",\"mimetype\":\"text/plain\",\"documentbody\":\"" + body
                + "\",\"objectid_contact@odata.bind\":\"/contacts(" + parent + ")\",\"objecttypecode\":\"contact\"}");
        assertEquals(204, r.status(), r.body());
        UUID note = EmulatorHttp.idOf(r);
        assertEquals(body, http.get("annotations(" + note + ")/documentbody/$value").body());
        JsonNode row = http.get("annotations(" + note + ")?$select=_objectid_value,objecttypecode").json();
        assertEquals(parent.toString(), row.path("_objectid_value").asText());
        assertEquals(400, http.post("annotations", "{\"objecttypecode\":\"nosuchtable\"}").status());
    }

    @Test
    void line53_noteContentOverMaxuploadfilesizeIsRefused() {
        assertEquals(5242880, http.get("organizations?$select=maxuploadfilesize").json().path("value").get(0)
                .path("maxuploadfilesize").asInt());
        EmulatorHttp.Reply r = http.post("annotations", "{\"subject\":\"big\",\"documentbody\":\"" + "A".repeat(5_242_884) + "\"}");
        assertEquals(400, r.status()); // status unverified
        assertEquals("0x80044a02", r.errorCode());
    }
}
