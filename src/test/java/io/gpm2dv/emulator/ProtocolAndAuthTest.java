package io.gpm2dv.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** §17 lines 1–5 and 65: URL versions, bearer tokens, the token endpoint, OData-Version, error shape; WhoAmI. */
class ProtocolAndAuthTest extends EmulatorTestBase {

    @Test
    void line01_servesV92AndAcceptsV90AndV91Aliases() {
        for (String version : new String[] {"v9.2", "v9.1", "v9.0"}) {
            EmulatorHttp.Reply r = http.get(emulator.baseUrl() + "/api/data/" + version + "/WhoAmI");
            assertEquals(200, r.status(), version);
            assertTrue(r.json().path("@odata.context").asText().contains("/api/data/" + version + "/"), version);
        }
        assertEquals(404, http.get(emulator.baseUrl() + "/api/data/v8.2/WhoAmI").status());
    }

    @Test
    void line02_rejectsRequestsWithoutBearerTokenWith401() {
        EmulatorHttp.Reply none = http.raw(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/api/data/v9.2/contacts")));
        assertEquals(401, none.status());
        assertTrue(none.errorCode().startsWith("0x"));
        EmulatorHttp.Reply forged = http.raw(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/api/data/v9.2/contacts"))
                .header("Authorization", "Bearer not-issued-here"));
        assertEquals(401, forged.status());
    }

    @Test
    void line03_tokenEndpointIssuesClientCredentialsToken() {
        EmulatorHttp.Reply r = http.token("grant_type=client_credentials&client_id=app&client_secret=s&scope="
                + EmulatorHttp.enc("https://contoso.crm.dynamics.com/.default"));
        assertEquals(200, r.status());
        JsonNode body = r.json();
        assertEquals("Bearer", body.path("token_type").asText());
        assertEquals(3599, body.path("expires_in").asInt());
        assertTrue(body.path("access_token").asText().length() > 20);
        EmulatorHttp.Reply wrongGrant = http.token("grant_type=password&client_id=app&client_secret=s&scope=x/.default");
        assertEquals(400, wrongGrant.status());
        assertEquals("unsupported_grant_type", wrongGrant.json().path("error").asText());
    }

    @Test
    void line04_scopeNotEndingInDotDefaultIsInvalidScope() {
        EmulatorHttp.Reply r = http.token("grant_type=client_credentials&client_id=app&client_secret=s&scope="
                + EmulatorHttp.enc("https://contoso.crm.dynamics.com/user_impersonation"));
        assertEquals(400, r.status());
        assertEquals("invalid_scope", r.json().path("error").asText());
        assertEquals(70011, r.json().path("error_codes").get(0).asInt());
    }

    @Test
    void line05_everyResponseCarriesODataVersion() {
        assertEquals("4.0", http.get("WhoAmI").header("OData-Version"));
        assertEquals("4.0", http.get("nosuchset").header("OData-Version"));
        assertEquals("4.0", http.post("contacts", "{\"lastname\":\"A\"}").header("OData-Version"));
        assertEquals("4.0", http.raw(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/api/data/v9.2/contacts")))
                .header("OData-Version"));
        assertEquals("4.0", http.token("grant_type=client_credentials").header("OData-Version"));
    }

    @Test
    void line65_errorBodiesAreCodeAndMessageAsJson() {
        EmulatorHttp.Reply r = http.post("contacts", "{\"nosuchcolumn\":1}");
        assertEquals(400, r.status());
        assertTrue(r.header("Content-Type").startsWith("application/json"));
        assertTrue(r.errorCode().matches("0x[0-9A-Fa-f]{8}"), r.body());
        assertNotNull(r.errorMessage());
        assertEquals(1, r.json().size());
        assertEquals(2, r.json().path("error").size());
    }

    @Test
    void whoAmI_returnsApplicationUserRootBusinessUnitAndOrganization() {
        JsonNode who = http.get("WhoAmI").json();
        assertEquals(emulator.identity().applicationUserId().toString(), who.path("UserId").asText());
        assertEquals(emulator.identity().rootBusinessUnitId().toString(), who.path("BusinessUnitId").asText());
        assertEquals(emulator.identity().organizationId().toString(), who.path("OrganizationId").asText());
        JsonNode app = http.get("systemusers(" + who.path("UserId").asText() + ")?$select=applicationid,accessmode").json();
        assertEquals(emulator.identity().applicationId().toString(), app.path("applicationid").asText());
        JsonNode root = http.get("businessunits?$select=businessunitid,name&$filter="
                + EmulatorHttp.enc("_parentbusinessunitid_value eq null")).json().path("value");
        assertEquals(1, root.size());
        assertEquals(who.path("BusinessUnitId").asText(), root.get(0).path("businessunitid").asText());
    }
}
