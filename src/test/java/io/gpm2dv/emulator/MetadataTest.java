package io.gpm2dv.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** §17 lines 22, 23, 60–64: the metadata API — columns of every mapped type, lookups, custom tables, keys, publish. */
class MetadataTest extends EmulatorTestBase {
    static final String LABEL = "{\"@odata.type\":\"Microsoft.Dynamics.CRM.Label\",\"LocalizedLabels\":[{\"@odata.type\":"
            + "\"Microsoft.Dynamics.CRM.LocalizedLabel\",\"Label\":\"L\",\"LanguageCode\":1033}]}";
    static final String COMMON = "\"DisplayName\":" + LABEL + ",\"RequiredLevel\":{\"Value\":\"None\",\"CanBeChanged\":true}";

    static EmulatorHttp.Reply addColumn(String table, String type, String schemaName, String extra) {
        return http.post("EntityDefinitions(LogicalName='" + table + "')/Attributes", "{\"@odata.type\":\"Microsoft.Dynamics.CRM."
                + type + "\",\"SchemaName\":\"" + schemaName + "\"," + COMMON + (extra.isEmpty() ? "" : "," + extra) + "}");
    }

    static String options(int... values) {
        StringBuilder b = new StringBuilder("\"OptionSet\":{\"@odata.type\":\"Microsoft.Dynamics.CRM.OptionSetMetadata\","
                + "\"IsGlobal\":false,\"OptionSetType\":\"Picklist\",\"Options\":[");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ",").append("{\"Value\":").append(values[i]).append(",\"Label\":").append(LABEL).append('}');
        }
        return b.append("]}").toString();
    }

    static UUID createCustomTable(String schemaName, String nameColumn) {
        EmulatorHttp.Reply r = http.post("EntityDefinitions", "{\"@odata.type\":\"Microsoft.Dynamics.CRM.EntityMetadata\","
                + "\"SchemaName\":\"" + schemaName + "\",\"DisplayName\":" + LABEL + ",\"DisplayCollectionName\":" + LABEL
                + ",\"OwnershipType\":\"UserOwned\",\"HasActivities\":false,\"HasNotes\":true,\"IsActivity\":false,"
                + "\"Attributes\":[{\"@odata.type\":\"Microsoft.Dynamics.CRM.StringAttributeMetadata\",\"IsPrimaryName\":true,"
                + "\"SchemaName\":\"" + nameColumn + "\",\"MaxLength\":100," + COMMON + "}]}");
        assertEquals(204, r.status(), r.body());
        String e = r.header("OData-EntityId");
        return UUID.fromString(e.substring(e.lastIndexOf('(') + 1, e.length() - 1));
    }

    @Test
    void line60_createdColumnsOfEveryMappedTypeReturn204AndAreAcceptedInData() {
        EmulatorHttp.Reply r = addColumn("contact", "StringAttributeMetadata", "new_LegacyRef", "\"MaxLength\":10");
        assertEquals(204, r.status(), r.body());
        assertTrue(r.header("OData-EntityId").matches(".*/api/data/v9\\.2/EntityDefinitions\\(LogicalName='contact'\\)/Attributes\\([0-9a-f-]{36}\\)"),
                r.header("OData-EntityId"));
        assertEquals(204, addColumn("contact", "MemoAttributeMetadata", "new_Story", "\"Format\":\"TextArea\",\"MaxLength\":5000").status());
        assertEquals(204, addColumn("contact", "IntegerAttributeMetadata", "new_Visits", "\"MinValue\":0,\"MaxValue\":100").status());
        assertEquals(204, addColumn("contact", "DecimalAttributeMetadata", "new_Balance", "\"Precision\":2,\"MinValue\":0,\"MaxValue\":1000000").status());
        assertEquals(204, addColumn("contact", "DateTimeAttributeMetadata", "new_InjuryDate",
                "\"Format\":\"DateOnly\",\"DateTimeBehavior\":{\"Value\":\"DateOnly\"}").status());
        assertEquals(204, addColumn("contact", "BooleanAttributeMetadata", "new_Consent", "\"DefaultValue\":false").status());
        assertEquals(204, addColumn("contact", "PicklistAttributeMetadata", "new_Tier", options(100000000, 100000001)).status());
        assertEquals(204, addColumn("contact", "MultiSelectPicklistAttributeMetadata", "new_Channels", options(100000000, 100000001, 100000002)).status());
        EmulatorHttp.Reply ok = http.post("contacts", "{\"lastname\":\"A\",\"new_legacyref\":\"L-1\",\"new_story\":\"s\",\"new_visits\":3,"
                + "\"new_balance\":12.5,\"new_injurydate\":\"2020-02-29\",\"new_consent\":true,\"new_tier\":100000001,"
                + "\"new_channels\":\"100000000,100000002\"}");
        assertEquals(204, ok.status(), ok.body());
        JsonNode row = http.get("contacts(" + EmulatorHttp.idOf(ok) + ")?$select=new_injurydate,new_channels",
                "Prefer", "odata.include-annotations=\"*\"").json();
        assertEquals("2020-02-29", row.path("new_injurydate").asText());
        assertEquals("L; L", row.path("new_channels@OData.Community.Display.V1.FormattedValue").asText());
        assertEquals("0x80044331", http.post("contacts", "{\"lastname\":\"A\",\"new_legacyref\":\"12345678901\"}").errorCode());
        assertEquals("0x8004431A", http.post("contacts", "{\"lastname\":\"A\",\"new_channels\":\"100000000,7\"}").errorCode());
        assertEquals(400, http.post("contacts", "{\"lastname\":\"A\",\"new_visits\":101}").status());
    }

    @Test
    void line60_lookupThroughOneToManyRelationshipBindsByItsNavigationProperty() {
        createCustomTable("new_CareLink", "new_Name");
        EmulatorHttp.Reply r = http.post("RelationshipDefinitions", "{\"@odata.type\":\"Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata\","
                + "\"SchemaName\":\"new_contact_new_carelink_clientid\",\"ReferencedEntity\":\"contact\",\"ReferencedAttribute\":\"contactid\","
                + "\"ReferencingEntity\":\"new_carelink\",\"Lookup\":{\"@odata.type\":\"Microsoft.Dynamics.CRM.LookupAttributeMetadata\","
                + "\"SchemaName\":\"new_ClientId\"," + COMMON + "}}");
        assertEquals(204, r.status(), r.body());
        assertTrue(r.header("OData-EntityId").contains("RelationshipDefinitions("));
        UUID client = EmulatorHttp.idOf(http.post("contacts", "{\"lastname\":\"C\"}"));
        EmulatorHttp.Reply ref = http.post("new_carelinks", "{\"new_name\":\"C <- R\",\"new_ClientId@odata.bind\":\"/contacts(" + client + ")\"}");
        assertEquals(204, ref.status(), ref.body());
        assertEquals(client.toString(), http.get("new_carelinks(" + EmulatorHttp.idOf(ref) + ")?$select=_new_clientid_value")
                .json().path("_new_clientid_value").asText());
        // the navigation property is the lookup's SchemaName, case and all
        assertEquals(400, http.post("new_carelinks", "{\"new_clientid@odata.bind\":\"/contacts(" + client + ")\"}").status());
    }

    @Test
    void line60_customTableGetsServerPluralSetAndNotesRefuseCustomColumns() {
        UUID id = createCustomTable("new_Injury", "new_Name");
        JsonNode def = http.get("EntityDefinitions(LogicalName='new_injury')?$select=EntitySetName,PrimaryIdAttribute,PrimaryNameAttribute").json();
        assertEquals("new_injuries", def.path("EntitySetName").asText());
        assertEquals("new_injuryid", def.path("PrimaryIdAttribute").asText());
        assertEquals(id.toString(), def.path("MetadataId").asText());
        EmulatorHttp.Reply knee = http.post("new_injuries", "{\"new_name\":\"Knee\"}");
        assertEquals(204, knee.status());
        // HasNotes: a note may regard the new table
        assertEquals(204, http.post("annotations", "{\"subject\":\"n\",\"objectid_new_injury@odata.bind\":\"/new_injuries("
                + EmulatorHttp.idOf(knee) + ")\"}").status());
        assertEquals(1, http.get("sdkmessagefilters?$filter=" + EmulatorHttp.enc("primaryobjecttypecode eq 'new_injury' and name eq 'CreateMultiple new_injury'"))
                .json().path("value").size());
        assertEquals(400, addColumn("annotation", "StringAttributeMetadata", "new_Extra", "\"MaxLength\":10").status());
        assertEquals(400, addColumn("activitymimeattachment", "StringAttributeMetadata", "new_Extra", "\"MaxLength\":10").status());
        assertEquals(404, http.get("EntityDefinitions(LogicalName='new_nosuch')").status());
    }

    @Test
    void line60_theMigrationsCustomTablesAreServedAsThePlanCreatesThem() {
        for (String[] t : new String[][] {{"new_condition", "new_conditions"}, {"new_clientreferral", "new_clientreferrals"}}) {
            JsonNode def = http.get("EntityDefinitions(LogicalName='" + t[0] + "')?$select=EntitySetName,PrimaryIdAttribute,PrimaryNameAttribute")
                    .json();
            assertEquals(t[1], def.path("EntitySetName").asText(), "the server's plural");
            assertEquals(t[0] + "id", def.path("PrimaryIdAttribute").asText());
            assertEquals("new_name", def.path("PrimaryNameAttribute").asText());
            assertEquals(1, http.get("sdkmessagefilters?$filter=" + EmulatorHttp.enc("primaryobjecttypecode eq '" + t[0]
                    + "' and name eq 'UpsertMultiple " + t[0] + "'")).json().path("value").size(), "bulk messages supported");
        }
        UUID client = EmulatorHttp.idOf(http.post("contacts", "{\"lastname\":\"C\"}"));
        UUID condition = EmulatorHttp.idOf(http.post("new_conditions", "{\"new_name\":\"Knee\",\"new_gensolveid\":\"condition-1\","
                + "\"new_clientid@odata.bind\":\"/contacts(" + client + ")\"}"));
        EmulatorHttp.Reply ref = http.post("new_clientreferrals", "{\"new_name\":\"C ← R\",\"new_clientid@odata.bind\":\"/contacts("
                + client + ")\",\"new_conditionid@odata.bind\":\"/new_conditions(" + condition + ")\",\"new_linktype\":100000001}");
        assertEquals(204, ref.status(), ref.body());
        assertEquals(204, http.post("annotations", "{\"subject\":\"n\",\"objectid_new_clientreferral@odata.bind\":\"/new_clientreferrals("
                + EmulatorHttp.idOf(ref) + ")\"}").status(), "a referral's -unmapped note regards it");
        int again = http.post("new_conditions", "{\"new_name\":\"Again\",\"new_gensolveid\":\"condition-1\"}").status();
        assertTrue(again >= 400, "the alternate key refuses a second record for the same source row, got " + again);
    }

    @Test
    void line60_aCustomTableWithNotesTakesNotesOnItsRecords() {
        createCustomTable("new_Episode", "new_Name");
        UUID condition = EmulatorHttp.idOf(http.post("new_episodes", "{\"new_name\":\"Knee\"}"));
        EmulatorHttp.Reply note = http.post("annotations", "{\"subject\":\"s\",\"notetext\":\"t\",\"objecttypecode\":"
                + "\"new_episode\",\"objectid_new_episode@odata.bind\":\"/new_episodes(" + condition + ")\"}");
        assertEquals(204, note.status(), note.body());
    }

    @Test
    void line61_missingPublisherPrefixOrDuplicateSchemaNameIs400_codesUnverified() {
        EmulatorHttp.Reply noPrefix = addColumn("contact", "StringAttributeMetadata", "LegacyRef", "\"MaxLength\":10");
        assertEquals(400, noPrefix.status());
        assertTrue(noPrefix.errorMessage().contains("customization prefix"), noPrefix.errorMessage());
        assertEquals(400, addColumn("contact", "StringAttributeMetadata", "zz_LegacyRef", "\"MaxLength\":10").status());
        assertEquals(204, addColumn("contact", "StringAttributeMetadata", "new_LegacyRef", "\"MaxLength\":10").status());
        EmulatorHttp.Reply dup = addColumn("contact", "IntegerAttributeMetadata", "new_legacyref", "");
        assertEquals(400, dup.status());
        assertTrue(dup.errorMessage().contains("already exists"));
        assertEquals(400, addColumn("contact", "StringAttributeMetadata", "new_NoLength", "").status());
    }

    @Test
    void line62_attributesListTheCustomColumnWithItsAttributeType() {
        addColumn("contact", "PicklistAttributeMetadata", "new_Tier", options(100000000));
        addColumn("contact", "DateTimeAttributeMetadata", "new_InjuryDate", "\"Format\":\"DateOnly\",\"DateTimeBehavior\":{\"Value\":\"DateOnly\"}");
        JsonNode value = http.get("EntityDefinitions(LogicalName='contact')/Attributes?$select=LogicalName,AttributeType").json().path("value");
        String tier = null;
        String injury = null;
        for (JsonNode a : value) {
            if (a.path("LogicalName").asText().equals("new_tier")) {
                tier = a.path("AttributeType").asText();
            } else if (a.path("LogicalName").asText().equals("new_injurydate")) {
                injury = a.path("AttributeType").asText();
            }
            assertTrue(!a.has("SchemaName"), "only selected properties");
        }
        assertEquals("Picklist", tier);
        assertEquals("DateTime", injury);
        JsonNode one = http.get("EntityDefinitions(LogicalName='contact')/Attributes(LogicalName='new_tier')").json();
        assertEquals("new_Tier", one.path("SchemaName").asText());
        assertEquals("#Microsoft.Dynamics.CRM.PicklistAttributeMetadata", one.path("@odata.type").asText());
        assertEquals(50, http.get("EntityDefinitions(LogicalName='contact')/Attributes(LogicalName='lastname')"
                + "/Microsoft.Dynamics.CRM.StringAttributeMetadata?$select=MaxLength").json().path("MaxLength").asInt());
    }

    @Test
    void line64_publishXmlAndPublishAllXmlReturn204() {
        assertEquals(204, http.post("PublishXml", "{\"ParameterXml\":\"<importexportxml><entities><entity>contact</entity>"
                + "</entities></importexportxml>\"}").status());
        assertEquals(204, http.post("PublishAllXml", "{}").status());
        assertEquals(400, http.post("PublishXml", "{}").status());
    }
}
