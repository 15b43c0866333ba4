package io.gpm2dv.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** §17 lines 22, 23, 63: keys created through the metadata API, their index status, multi-part addressing. */
class AlternateKeyTest extends EmulatorTestBase {

    static EmulatorHttp.Reply addKey(String table, String name, String... columns) {
        return http.post("EntityDefinitions(LogicalName='" + table + "')/Keys", "{\"@odata.type\":\"Microsoft.Dynamics.CRM.EntityKeyMetadata\","
                + "\"SchemaName\":\"" + name + "\",\"DisplayName\":" + MetadataTest.LABEL + ",\"KeyAttributes\":[\""
                + String.join("\",\"", columns) + "\"]}");
    }

    static String status(String table, String name) {
        for (JsonNode k : http.get("EntityDefinitions(LogicalName='" + table + "')/Keys?$select=SchemaName,KeyAttributes,EntityKeyIndexStatus")
                .json().path("value")) {
            if (k.path("SchemaName").asText().equals(name)) {
                return k.path("EntityKeyIndexStatus").asText();
            }
        }
        return null;
    }

    @Test
    void line63_keyReportsPendingThenInProgressThenActive() {
        EmulatorHttp.Reply r = addKey("contact", "new_contact_email_key", "emailaddress1");
        assertEquals(204, r.status(), r.body());
        assertTrue(r.header("OData-EntityId").contains("EntityDefinitions(LogicalName='contact')/Keys("));
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            seen.add(status("contact", "new_contact_email_key"));
        }
        assertEquals(List.of("Pending", "InProgress", "Active"), seen);
        assertEquals("Active", status("contact", "new_contact_email_key"));
        assertEquals("Active", status("contact", "new_gensolveid_key"));
    }

    @Test
    void line63_keyOverExistingDuplicatesFails() {
        http.post("contacts", "{\"lastname\":\"A\",\"emailaddress1\":\"same@example.com\"}");
        http.post("contacts", "{\"lastname\":\"B\",\"emailaddress1\":\"SAME@example.com\"}");
        assertEquals(204, addKey("contact", "new_contact_email_key", "emailaddress1").status());
        status("contact", "new_contact_email_key");
        status("contact", "new_contact_email_key");
        assertEquals("Failed", status("contact", "new_contact_email_key"));
        assertEquals(400, http.get("contacts(emailaddress1='same@example.com')").status());
        assertEquals(400, addKey("contact", "bad_key", "emailaddress1").status());
        assertEquals(400, addKey("contact", "new_desc_key", "description").status()); // Memo cannot be a key column
    }

    @Test
    void line23_keyedAccessRefusedUntilActive_communityReported() {
        http.post("contacts", "{\"lastname\":\"A\",\"emailaddress1\":\"a@example.com\"}");
        assertEquals(204, addKey("contact", "new_contact_email_key", "emailaddress1").status());
        // assumed refusal: the key is not yet a declared key, so the URL is "not valid" (400)
        EmulatorHttp.Reply early = http.get("contacts(emailaddress1='a@example.com')");
        assertEquals(400, early.status());
        assertTrue(early.errorMessage().startsWith("The key in the request URI is not valid"));
        assertEquals("Pending", status("contact", "new_contact_email_key"));
        assertEquals("InProgress", status("contact", "new_contact_email_key"));
        assertEquals(400, http.get("contacts(emailaddress1='a@example.com')").status());
        assertEquals("Active", status("contact", "new_contact_email_key"));
        assertEquals(200, http.get("contacts(emailaddress1='a@example.com')").status());
        assertEquals(412, http.post("contacts", "{\"lastname\":\"B\",\"emailaddress1\":\"a@example.com\"}").status());
    }

    @Test
    void line22_multiPartKeyMatchesAllPartsInAnyOrder_orderIndependenceUnverified() {
        MetadataTest.addColumn("contact", "IntegerAttributeMetadata", "new_Branch", "");
        assertEquals(204, addKey("contact", "new_contact_name_branch_key", "lastname", "new_branch").status());
        status("contact", "new_contact_name_branch_key");
        status("contact", "new_contact_name_branch_key");
        assertEquals("Active", status("contact", "new_contact_name_branch_key"));
        EmulatorHttp.Reply up = http.patch("contacts(lastname='Smith',new_branch=2)", "{\"firstname\":\"Jo\"}");
        assertEquals(204, up.status(), up.body());
        assertTrue(up.header("OData-EntityId").endsWith("contacts(lastname='Smith',new_branch=2)"));
        assertEquals("Jo", http.get("contacts(new_branch=2,lastname='Smith')").json().path("firstname").asText());
        assertEquals(404, http.get("contacts(lastname='Smith',new_branch=3)").status());
        assertEquals(400, http.get("contacts(lastname='Smith')").status());
        assertEquals(204, http.post("contacts", "{\"lastname\":\"Smith\",\"new_branch\":3}").status());
        assertEquals(412, http.post("contacts", "{\"lastname\":\"smith\",\"new_branch\":2}").status());
    }
}
