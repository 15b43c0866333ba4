package io.gpm2dv.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gpm2dv.emulator.DataverseEmulator;
import io.gpm2dv.emulator.EmulatorOptions;
import io.gpm2dv.mapping.MappingSpec;
import io.gpm2dv.source.CodeLists;
import io.gpm2dv.source.ExportIndex;
import io.gpm2dv.source.ExportPackage;
import io.gpm2dv.testing.EmulatorMetadataHttp;

/**
 * The schema plan against real emulators over HTTP: an empty org lacks every item; applying the plan creates them
 * (keys Active), a second apply creates nothing; and the drift guard — what the plan creates for the default map is
 * exactly the new_* columns schema.json pre-applies (same types, lengths and options).
 */
class SchemaApplyTest {
    static final Path USERS = Path.of("src/main/sample/dataverse-users.json");
    static SchemaPlan plan;
    static DataverseEmulator preApplied;

    @BeforeAll
    static void setUp() throws Exception {
        var fields = ExportIndex.build(ExportPackage.open(Path.of("src/main/sample/export"))).customFields();
        plan = new SchemaPlanner(CodeLists::get).plan(MappingSpec.defaultMap(), fields);
        preApplied = DataverseEmulator.start(EmulatorOptions.defaults().withPort(0).withUsersFile(USERS));
    }

    @AfterAll
    static void tearDown() {
        preApplied.close();
    }

    static DataverseEmulator emptyOrg() {
        return DataverseEmulator.start(EmulatorOptions.defaults().withPort(0).withUsersFile(USERS).withEmptyOrg(true));
    }

    static SchemaApplier applier(EmulatorMetadataHttp http) {
        return new SchemaApplier(http, "gpm2dvmigration", Duration.ofSeconds(30), Duration.ofMillis(50));
    }

    @Test
    void theBundledSchemaHasEverythingTheDefaultMapWrites() {
        assertEquals(List.of(), SchemaCheck.missing(plan, new EmulatorMetadataHttp(preApplied.baseUrl())));
    }

    @Test
    void anEmptyOrgLacksEveryItemAndTheCheckNamesThem() {
        try (DataverseEmulator empty = emptyOrg()) {
            List<SchemaCheck.Missing> missing = SchemaCheck.missing(plan, new EmulatorMetadataHttp(empty.baseUrl()));
            List<String> items = missing.stream().map(SchemaCheck.Missing::item).toList();
            assertTrue(items.contains("column contact.new_cf_pain_score (Decimal, precision 1)"), items.toString());
            assertTrue(items.contains("alternate key contact.new_gensolveid_key (new_gensolveid)"), items.toString());
            assertEquals(plan.tables().size() + plan.columns().size() + plan.keys().size(), missing.size(),
                    "every custom table, column and key, nothing else");
        }
    }

    @Test
    void applyingThePlanToAnEmptyOrgCreatesExactlyWhatSchemaJsonPreApplies() throws Exception {
        try (DataverseEmulator empty = emptyOrg()) {
            EmulatorMetadataHttp http = new EmulatorMetadataHttp(empty.baseUrl());
            SchemaApplier.Result first = applier(http).apply(plan);
            assertEquals(List.of(), first.remaining(), "keys Active, every column there");
            assertEquals(plan.tables().size() + plan.columns().size() + plan.keys().size(), first.created().size());
            assertTrue(http.posts.contains("PublishXml"));

            EmulatorMetadataHttp again = new EmulatorMetadataHttp(empty.baseUrl());
            SchemaApplier.Result second = applier(again).apply(plan);
            assertEquals(List.of(), second.created(), "applying twice creates nothing the second time");
            assertEquals(List.of(), again.posts, "not even a publish");

            EmulatorMetadataHttp bundled = new EmulatorMetadataHttp(preApplied.baseUrl());
            for (String table : plan.written().keySet()) {
                assertEquals(customColumns(bundled, table), customColumns(http, table),
                        table + ": the map and schema.json drifted apart; change them together");
            }
            assertEquals(options(preApplied), options(empty), "Choice options and values");
        }
    }

    @Test
    void aColumnOfAnotherTypeIsNamedAndNeverAltered() {
        try (DataverseEmulator empty = emptyOrg()) {
            EmulatorMetadataHttp http = new EmulatorMetadataHttp(empty.baseUrl());
            SchemaPlan.Column pain = plan.columns().stream().filter(c -> c.logicalName().equals("new_cf_pain_score")).findFirst()
                    .orElseThrow();
            // someone created the column by hand as text
            http.post("EntityDefinitions(LogicalName='contact')/Attributes", SchemaApplier.column(new SchemaPlan.Column("contact",
                    pain.logicalName(), "Pain score", SchemaPlan.Type.String, 20, null, Map.of(), null, "by hand")), Map.of());
            SchemaApplier.Result r = applier(http).apply(plan);
            assertEquals(List.of("column contact.new_cf_pain_score (Decimal, precision 1) is String in the target"),
                    r.remaining().stream().map(SchemaCheck.Missing::item).toList());
            assertFalse(r.created().contains("column contact.new_cf_pain_score (Decimal, precision 1)"));
        }
    }

    /** new_* columns of a table as the metadata API shows them: name → type, type name, length, date format. */
    static Map<String, String> customColumns(EmulatorMetadataHttp http, String table) {
        Map<String, String> out = new TreeMap<>();
        JsonNode list = http.get("EntityDefinitions(LogicalName='" + table + "')/Attributes");
        for (JsonNode a : list.path("value")) {
            String name = a.path("LogicalName").asText();
            if (name.startsWith("new_")) {
                out.put(name, a.path("AttributeType").asText() + "/" + a.path("AttributeTypeName").path("Value").asText() + "/"
                        + a.path("MaxLength").asText("-") + "/" + a.path("Format").asText("-") + "/"
                        + a.path("Targets").toString());
            }
        }
        return out;
    }

    /** Every Choice column's options in the emulator's state: table.column → options. */
    static Map<String, String> options(DataverseEmulator e) throws Exception {
        Map<String, String> out = new TreeMap<>();
        JsonNode state = new ObjectMapper().readTree(e.stateAsJson());
        // the empty org's columns came through the metadata API: they are schema extensions in its state
        for (JsonNode change : state.path("schema")) {
            if (change.path("op").asText().equals("column") && change.path("def").has("options")) {
                out.put(change.path("table").asText() + "." + change.path("name").asText(), change.path("def").path("options").toString());
            }
        }
        if (out.isEmpty()) {
            io.gpm2dv.emulator.Schema bundled = io.gpm2dv.emulator.Schema.load();
            for (String table : plan.written().keySet()) {
                bundled.table(table).ifPresent(t -> t.columns().values().stream()
                        .filter(c -> c.name().startsWith("new_") && !c.options().isEmpty())
                        .forEach(c -> out.put(table + "." + c.name(), optionsJson(c.options()))));
            }
        }
        return out;
    }

    static String optionsJson(Map<Integer, String> options) {
        var node = new ObjectMapper().createObjectNode();
        options.forEach((k, v) -> node.put(k.toString(), v));
        return node.toString();
    }
}
