package io.gpm2dv.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.gpm2dv.mapping.MappingSpec;
import io.gpm2dv.schema.SchemaPlan.Column;
import io.gpm2dv.schema.SchemaPlan.Type;
import io.gpm2dv.source.CodeLists;
import io.gpm2dv.source.CustomFields;
import io.gpm2dv.source.ExportIndex;
import io.gpm2dv.source.ExportPackage;

/** The schema plan derived from the default map and the sample's custom field definitions (target-mapping §3). */
class SchemaPlanTest {
    static CustomFields sampleFields;
    static SchemaPlan plan;

    @BeforeAll
    static void planTheSample() throws Exception {
        sampleFields = ExportIndex.build(ExportPackage.open(Path.of("src/main/sample/export"))).customFields();
        plan = new SchemaPlanner(CodeLists::get).plan(MappingSpec.defaultMap(), sampleFields);
    }

    static Column column(SchemaPlan p, String table, String name) {
        return p.columns().stream().filter(c -> c.table().equals(table) && c.logicalName().equals(name)).findFirst().orElse(null);
    }

    @Test
    void mapColumnsTakeTheirTypeFromTheirTransform() {
        assertEquals(Type.String, column(plan, "contact", "new_nhinumber").type());
        assertEquals(7, column(plan, "contact", "new_nhinumber").maxLength());
        assertEquals(Type.Picklist, column(plan, "account", "new_organisationtype").type());
        assertEquals("EMPLOYER", column(plan, "account", "new_organisationtype").options().get(100_000_000));
        assertEquals(Type.Boolean, column(plan, "contact", "new_smsoptout").type());
        assertEquals(Type.DateOnly, column(plan, "contact", "new_dateofdeath").type());
        assertEquals(Type.DateTime, column(plan, "appointment", "new_cancelledat").type());
        assertEquals(Type.Integer, column(plan, "task", "new_durationminutes").type(), "variants' tables are planned too");
        Column fund = column(plan, "contact", "new_healthfundid");
        assertEquals(Type.Lookup, fund.type());
        assertEquals("account", fund.lookupTable());
        assertEquals(Type.String, column(plan, "email", "new_gensolvepractitioner").type(), "the practitioner column");
        assertNull(column(plan, "annotation", "new_gensolveid"), "notes take no custom columns");
    }

    @Test
    void aColumnTwoObjectsWriteIsOneColumnWithTheOptionsOfBoth() {
        Column referralType = column(plan, "contact", "new_referraltype");
        assertEquals("PATIENT", referralType.options().get(100_000_000), "the clients' constant");
        assertEquals("GP", referralType.options().get(100_000_001), "the referrer types from 100000001");
        assertEquals(1, plan.columns().stream().filter(c -> c.table().equals("contact")
                && c.logicalName().equals("new_referraltype")).count());
    }

    @Test
    void everyTableWithASourceKeyGetsTheColumnAndItsAlternateKey() {
        for (String table : List.of("businessunit", "account", "contact", "appointment", "task", "email")) {
            assertEquals(100, column(plan, table, "new_gensolveid").maxLength(), table);
            assertTrue(plan.keys().contains(new SchemaPlan.Key(table, "new_gensolveid_key", List.of("new_gensolveid"))), table);
        }
        assertFalse(plan.keys().stream().anyMatch(k -> k.table().equals("systemuser")), "users are matched, never keyed");
    }

    @Test
    void customFieldsBecomeTypedColumnsOnTheTableOfTheirEntity() {
        Column pain = column(plan, "contact", "new_cf_pain_score");
        assertEquals(Type.Decimal, pain.type());
        assertEquals(1, pain.precision());
        assertEquals("Pain score (0-10)", pain.displayName());
        assertEquals(Type.DateOnly, column(plan, "contact", "new_cf_injury_date").type());
        assertEquals(Type.Boolean, column(plan, "contact", "new_cf_consent_signed").type());
        assertEquals(Type.Boolean, column(plan, "contact", "new_cf_gym_member").type(), "inactive fields still carry values");
        Column contact = column(plan, "contact", "new_cf_preferred_contact");
        assertEquals(Type.Picklist, contact.type());
        assertEquals(Map.of(100_000_000, "Phone", 100_000_001, "Email", 100_000_002, "SMS"), contact.options());
        assertEquals(Type.DateTime, column(plan, "appointment", "new_cf_arrival_time").type(), "DATE with includes_time");
        Column languages = column(plan, "systemuser", "new_cf_languages");
        assertEquals(Type.MultiSelectPicklist, languages.type());
        assertEquals("te reo Māori", languages.options().get(100_000_001));
    }

    @Test
    void fieldsOfAnEntityNoObjectCarriesAreNamedNotDropped() {
        // the sample's CONDITION fields under a map without a conditions object
        MappingSpec all = MappingSpec.defaultMap();
        MappingSpec noConditions = new MappingSpec(all.restrictedNotes(), all.objects().stream()
                .filter(o -> !o.object().equals("conditions")).toList());
        SchemaPlan p = new SchemaPlanner(CodeLists::get).plan(noConditions, sampleFields);
        assertTrue(p.notPlanned().stream().anyMatch(l -> l.contains("symptoms") && l.contains("CONDITION")), p.notPlanned().toString());
        assertNull(column(p, "new_condition", "new_cf_symptoms"));
    }

    @Test
    void theChecklistIsNumberedAndNamesTypesOptionsRelationshipsAndKeys() {
        String md = PlanMarkdown.render(plan, "the default map");
        assertTrue(md.contains("1. [ ] "), md);
        assertTrue(md.contains("`new_cf_preferred_contact` \"Preferred contact\": Choice, options 100000000 Phone; 100000001 Email; "
                + "100000002 SMS"), md);
        assertTrue(md.contains("`new_cf_pain_score` \"Pain score (0-10)\": Decimal, precision 1"), md);
        assertTrue(md.contains("Choices (multi-select)"), md);
        assertTrue(md.contains("One-to-many `new_account_contact_new_healthfundid`: `account` (1) → `contact` (many)"), md);
        assertTrue(md.contains("Key `new_gensolveid_key` on `contact` (new_gensolveid)"), md);
        int last = 0;
        for (String line : md.split("\n")) {
            if (line.matches("^\\d+\\. \\[ \\] .*")) {
                int n = Integer.parseInt(line.substring(0, line.indexOf('.')));
                assertEquals(last + 1, n, "numbered without gaps: " + line);
                last = n;
            }
        }
    }

    static MappingSpec map(String yaml) throws Exception {
        return MappingSpec.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    static final String HEAD = """
            objects:
              - object: conditions
                file: conditions.csv
                table: new_condition
                entity-set: new_conditions
                primary-key: new_conditionid
                owner: practitioner
                source-key-column: true
                columns:
            """;

    @Test
    void aCustomTableAndAnExplicitTypeComeFromTheMapAlone() throws Exception {
        SchemaPlan p = new SchemaPlanner(CodeLists::get).plan(map(HEAD + """
                      - {target: new_name, source: name, max: 300}
                      - {target: new_clientid, source: client_id, transform: lookup, lookup: client, lookup-set: contacts}
                      - {target: new_excess, source: excess, transform: decimal, type: Money, precision: 2}
                      - {target: new_notes, source: notes, max: 10000}
                """), sampleFields);
        assertEquals(List.of(new SchemaPlan.Table("new_condition", "new_conditions", "Condition", "new_name", 300)), p.tables());
        assertEquals("contact", column(p, "new_condition", "new_clientid").lookupTable(), "a set the map does not write");
        assertEquals(Type.Money, column(p, "new_condition", "new_excess").type());
        assertEquals(Type.Memo, column(p, "new_condition", "new_notes").type(), "text over 4,000 is a Memo");
        assertNull(column(p, "new_condition", "new_name"), "the primary name comes with the table");
        assertEquals(Type.MultiSelectPicklist, column(p, "new_condition", "new_cf_symptoms").type(),
                "once a conditions object exists, its custom fields are planned without code changes");
    }

    @Test
    void aMapThatContradictsItselfIsRefusedWithTheColumnNamed() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SchemaPlanner(CodeLists::get)
                .plan(map(HEAD + """
                              - {target: new_x, source: a, transform: integer}
                              - {target: new_x, source: b, transform: date}
                        """), CustomFields.none()));
        assertTrue(e.getMessage().contains("new_condition.new_x"), e.getMessage());
        IllegalArgumentException untyped = assertThrows(IllegalArgumentException.class, () -> new SchemaPlanner(CodeLists::get)
                .plan(map(HEAD + """
                              - {target: new_kind, transform: constant, value: "1"}
                        """), CustomFields.none()));
        assertTrue(untyped.getMessage().contains("new_condition.new_kind"), untyped.getMessage());
    }
}
