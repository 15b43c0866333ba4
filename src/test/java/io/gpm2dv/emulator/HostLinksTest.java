package io.gpm2dv.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Links in answers lead back the way the client came: {@code @odata.nextLink}, {@code @odata.context},
 * {@code OData-EntityId} and {@code Location} (also inside {@code $batch}) name the scheme and {@code Host} of the
 * request, so a client that called {@code 127.0.0.1} is never sent to {@code localhost}.
 */
class HostLinksTest extends EmulatorTestBase {

    private static String loopbackRoot() {
        return "http://127.0.0.1:" + emulator.port() + "/";
    }

    private static String loopbackApi() {
        return loopbackRoot() + "api/data/v9.2/";
    }

    @Test
    void nextLinksNameTheHostCalledAndFollowingThemReturnsEveryRowOnce() {
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            created.add(EmulatorHttp.idOf(http.post("contacts", "{\"lastname\":\"L" + i + "\"}")).toString());
        }
        Set<String> seen = new HashSet<>();
        String url = loopbackApi() + "contacts?$select=lastname&$filter=" + EmulatorHttp.enc("startswith(lastname,'L')");
        int pages = 0;
        while (url != null) {
            EmulatorHttp.Reply page = http.get(url, "Prefer", "odata.maxpagesize=2");
            assertEquals(200, page.status(), page.body());
            JsonNode json = page.json();
            assertTrue(json.path("@odata.context").asText().startsWith(loopbackApi()), json.path("@odata.context").asText());
            for (JsonNode row : json.path("value")) {
                assertTrue(seen.add(row.path("contactid").asText()), "a row came twice: " + row);
            }
            url = json.hasNonNull("@odata.nextLink") ? json.get("@odata.nextLink").asText() : null;
            if (url != null) {
                assertTrue(url.startsWith(loopbackRoot()), url);
            }
            pages++;
        }
        assertEquals(created, seen);
        assertEquals(4, pages);
        // the same query through localhost is answered with localhost links
        String viaLocalhost = http.get("contacts?$select=lastname", "Prefer", "odata.maxpagesize=2").json()
                .path("@odata.nextLink").asText();
        assertTrue(viaLocalhost.startsWith("http://localhost:" + emulator.port() + "/api/data/v9.2/contacts?"), viaLocalhost);
    }

    @Test
    void entityIdAndLocationNameTheHostOfTheCall() {
        EmulatorHttp.Reply viaIp = http.post(loopbackApi() + "contacts", "{\"lastname\":\"Ip\"}");
        assertEquals(204, viaIp.status(), viaIp.body());
        UUID id = EmulatorHttp.idOf(viaIp);
        assertEquals(loopbackApi() + "contacts(" + id + ")", viaIp.header("OData-EntityId"));

        EmulatorHttp.Reply viaLocalhost = http.post("contacts", "{\"lastname\":\"Local\"}");
        assertEquals(emulator.baseUrl() + "/api/data/v9.2/contacts(" + EmulatorHttp.idOf(viaLocalhost) + ")",
                viaLocalhost.header("OData-EntityId"));
        assertTrue(emulator.baseUrl().startsWith("http://localhost:"));

        EmulatorHttp.Reply represented = http.post(loopbackApi() + "contacts?$select=lastname", "{\"lastname\":\"Rep\"}",
                "Prefer", "return=representation");
        assertEquals(201, represented.status(), represented.body());
        assertTrue(represented.header("Location").startsWith(loopbackApi() + "contacts("), represented.header("Location"));
        assertTrue(represented.json().path("@odata.context").asText().startsWith(loopbackApi() + "$metadata#contacts"));

        UUID upserted = UUID.randomUUID();
        EmulatorHttp.Reply upsert = http.patch(loopbackApi() + "contacts(" + upserted + ")", "{\"lastname\":\"Up\"}");
        assertEquals(loopbackApi() + "contacts(" + upserted + ")", upsert.header("OData-EntityId"));
        EmulatorHttp.Reply byKey = http.patch(loopbackApi() + "contacts(new_gensolveid='client-9')", "{\"lastname\":\"Key\"}");
        assertEquals(loopbackApi() + "contacts(new_gensolveid='client-9')", byKey.header("OData-EntityId"));
        assertTrue(http.get(loopbackApi() + "contacts(" + id + ")").json().path("@odata.context").asText().startsWith(loopbackApi()));
    }

    @Test
    void batchLocationsNameTheHostOfTheBatch() {
        String body = BatchTest.batch(BatchTest.changeSet("changeset_BBB456",
                BatchTest.req("1", "POST", "/api/data/v9.2/accounts", "{\"name\":\"Contoso\"}"),
                BatchTest.req("2", "POST", "/api/data/v9.2/contacts", "{\"lastname\":\"Smith\","
                        + "\"parentcustomerid_account@odata.bind\":\"$1\"}"),
                BatchTest.req("3", "PATCH", "$2", "{\"firstname\":\"Jo\"}")),
                BatchTest.req(null, "GET", "/api/data/v9.2/contacts?$select=lastname", null));
        EmulatorHttp.Reply r = http.raw(HttpRequest.newBuilder(URI.create(loopbackApi() + "$batch"))
                .header("Authorization", "Bearer " + http.accessToken())
                .header("Content-Type", "multipart/mixed; boundary=\"batch_AAA123\"")
                .POST(HttpRequest.BodyPublishers.ofString(body.replace("\n", "\r\n"))));
        assertEquals(200, r.status(), r.body());
        assertEquals(java.util.List.of(204, 204, 204, 200), BatchTest.statuses(r));
        assertTrue(r.body().contains("Location: " + loopbackApi() + "accounts("), r.body());
        assertTrue(r.body().contains("OData-EntityId: " + loopbackApi() + "contacts("), r.body());
        assertTrue(r.body().contains("\"@odata.context\":\"" + loopbackApi() + "$metadata#contacts(lastname)\""), r.body());
        assertFalse(r.body().contains("localhost"), r.body());
        JsonNode smith = http.get("contacts?$filter=" + EmulatorHttp.enc("lastname eq 'Smith'")).json().path("value").get(0);
        assertEquals("Jo", smith.path("firstname").asText());
        assertFalse(smith.path("_parentcustomerid_value").isNull());
    }

    @Test
    void withoutAUsableHostHeaderLinksUseTheBaseUrl() throws IOException {
        String noHost = rawGet("GET /api/data/v9.2/WhoAmI HTTP/1.0\r\nAuthorization: Bearer " + http.accessToken() + "\r\n\r\n");
        assertTrue(noHost.startsWith("HTTP/1.0 200") || noHost.startsWith("HTTP/1.1 200"), noHost);
        assertTrue(noHost.contains("\"@odata.context\":\"" + emulator.baseUrl() + "/api/data/v9.2/$metadata#"), noHost);
        String odd = rawGet("GET /api/data/v9.2/WhoAmI HTTP/1.1\r\nHost: a b\r\nConnection: close\r\nAuthorization: Bearer "
                + http.accessToken() + "\r\n\r\n");
        // a Host that is not host[:port] is never echoed into links (Vert.x refuses such a request itself)
        assertFalse(odd.contains("a b/api"), odd);
        assertTrue(odd.startsWith("HTTP/1.1 400") || odd.contains("\"@odata.context\":\"" + emulator.baseUrl() + "/api/"), odd);
    }

    /** One request on a plain socket, so that the Host header is exactly what the test writes (or absent). */
    private static String rawGet(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", emulator.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.UTF_8);
        }
    }
}
