package io.gpm2dv.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code emulator.empty-org}: the emulator starts as a fresh Dataverse org — no custom column, custom table or
 * {@code new_gensolveid_key} — until the metadata API creates them (§17 lines 60 and 63 on an empty org).
 */
class EmptyOrgTest {
    @Test
    void anEmptyOrgHasNoCustomColumnsOrKeysUntilTheMetadataApiCreatesThem() {
        try (DataverseEmulator e = DataverseEmulator.start(EmulatorOptions.defaults().withEmptyOrg(true)
                .withUsersFile(EmulatorTestBase.usersFile()))) {
            EmulatorHttp http = new EmulatorHttp(e);
            JsonNode columns = http.get("EntityDefinitions(LogicalName='contact')/Attributes?$select=LogicalName").json();
            boolean anyCustom = false;
            for (JsonNode c : columns.path("value")) {
                anyCustom |= c.path("LogicalName").asText().startsWith("new_");
            }
            assertFalse(anyCustom, "no new_* column on contact");
            assertTrue(columns.path("value").size() > 10, "the standard columns are all there");
            assertEquals(0, http.get("EntityDefinitions(LogicalName='contact')/Keys").json().path("value").size());

            EmulatorHttp.Reply refused = http.post("contacts", "{\"lastname\":\"A\",\"new_gensolveid\":\"client-1\"}");
            assertEquals(400, refused.status());
            assertTrue(refused.body().contains("new_gensolveid"), refused.body());

            assertEquals(204, http.post("EntityDefinitions(LogicalName='contact')/Attributes", "{\"@odata.type\":"
                    + "\"Microsoft.Dynamics.CRM.StringAttributeMetadata\",\"SchemaName\":\"new_gensolveid\",\"MaxLength\":100,"
                    + "\"RequiredLevel\":{\"Value\":\"None\"},\"DisplayName\":{\"LocalizedLabels\":[{\"Label\":\"Gensolve id\","
                    + "\"LanguageCode\":1033}]}}").status());
            assertEquals(204, http.post("EntityDefinitions(LogicalName='contact')/Keys", "{\"@odata.type\":"
                    + "\"Microsoft.Dynamics.CRM.EntityKeyMetadata\",\"SchemaName\":\"new_gensolveid_key\","
                    + "\"KeyAttributes\":[\"new_gensolveid\"]}").status());
            String status = "";
            for (int i = 0; i < 5 && !status.equals("Active"); i++) {
                status = http.get("EntityDefinitions(LogicalName='contact')/Keys").json().path("value").path(0)
                        .path("EntityKeyIndexStatus").asText();
            }
            assertEquals("Active", status);
            assertEquals(204, http.post("contacts", "{\"lastname\":\"A\",\"new_gensolveid\":\"client-1\"}").status());
            assertEquals(200, http.get("contacts(new_gensolveid='client-1')").status(), "the key addresses records once Active");
        }
    }

    @Test
    void theConfigurationKeyStartsAnEmptyOrg() {
        Map<String, String> keys = Map.of("emulator.empty-org", "true");
        assertTrue(new EmulatorConfig(k -> Optional.ofNullable(keys.get(k))).options().emptyOrg());
        assertFalse(new EmulatorConfig(k -> Optional.empty()).options().emptyOrg(), "off by default");
    }
}
