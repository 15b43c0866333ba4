package io.gpm2dv.proposal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gpm2dv.emulator.DataverseEmulator;
import io.gpm2dv.emulator.EmulatorOptions;
import io.gpm2dv.mapping.MappingSpec;
import io.gpm2dv.mapping.MappingSpecs;
import io.gpm2dv.schema.SchemaPlan;
import io.gpm2dv.schema.SchemaPlanner;
import io.gpm2dv.source.CodeLists;
import io.gpm2dv.source.ColumnSpec;
import io.gpm2dv.source.CustomFields;
import io.gpm2dv.source.CustomFields.Definition;
import io.gpm2dv.source.ExportSchema;
import io.gpm2dv.source.GpmFile;
import io.gpm2dv.testing.EmulatorMetadataHttp;

/**
 * The proposer against the emulator's metadata (Dataverse's standard contact columns with their display names): the
 * default map's columns keep their targets, custom fields worded unlike any column name find the column that means the
 * same, and a field that matches nothing gets a new column.
 */
class MappingProposerTest {
    /** Six custom fields whose labels share no wording with the column they belong on, and the column. */
    static final Map<String, String> EXPECTED = new LinkedHashMap<>();
    static {
        EXPECTED.put("pref_time_to_call", "preferredappointmenttimecode");
        EXPECTED.put("spouse_partner", "spousesname");
        EXPECTED.put("relationship_status", "familystatuscode");
        EXPECTED.put("no_of_kids", "numberofchildren");
        EXPECTED.put("wedding_anniversary", "anniversary");
        EXPECTED.put("line_manager", "managername");
    }

    static final Path EXPORT = Path.of("src/main/sample/export");
    static final int SAMPLE_ROWS = 20;
    static final String EXTRA_COLUMN = "secondary_email_address";

    @TempDir
    static Path reportDir;

    static DataverseEmulator target;
    static CustomFields fields;
    static Proposal proposal;
    static final MappingSpec DEFAULTS = MappingSpec.defaultMap();

    @BeforeAll
    static void propose() throws Exception {
        target = DataverseEmulator.start(EmulatorOptions.defaults().withPort(0)
                .withUsersFile(Path.of("src/main/sample/dataverse-users.json")));
        List<Definition> defs = new ArrayList<>();
        defs.add(def(901, "pref_time_to_call", "Pref. time to call", "PICKLIST", List.of("Morning", "Afternoon", "Evening"), null));
        defs.add(def(902, "spouse_partner", "Spouse / partner", "TEXT", List.of(), null));
        defs.add(def(903, "relationship_status", "Relationship status", "PICKLIST",
                List.of("Single", "Married", "Divorced", "Widowed"), null));
        defs.add(def(904, "no_of_kids", "No. of kids", "NUMBER", List.of(), 0));
        defs.add(def(905, "wedding_anniversary", "Wedding anniversary", "DATE", List.of(), null));
        defs.add(def(906, "line_manager", "Line manager", "TEXT", List.of(), null));
        defs.add(def(907, "pain_score", "Pain score (0-10)", "NUMBER", List.of(), 1));
        fields = new CustomFields(defs, List.of());
        // the bundled export's actual headers and first rows, plus one column no export format documents
        Map<String, List<String>> headers = new LinkedHashMap<>();
        Map<String, Map<String, List<String>>> values = new LinkedHashMap<>();
        ExportSamples.read(EXPORT, SAMPLE_ROWS).forEach((file, sample) -> {
            headers.put(file, new ArrayList<>(sample.header()));
            values.put(file, new LinkedHashMap<>(sample.values()));
        });
        headers.get("clients.csv").add(EXTRA_COLUMN);
        values.get("clients.csv").put(EXTRA_COLUMN, List.of("a@example.org", "b@example.org"));
        EmulatorMetadataHttp http = new EmulatorMetadataHttp(target.baseUrl());
        proposal = new MappingProposer(new Embeddings(), MappingProposer.Settings.defaults())
                .propose(new MappingProposer.Input(DEFAULTS, headers, fields, table -> TargetColumn.read(http, table), values));
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    static Definition def(long id, String key, String label, String type, List<String> options, Integer places) {
        return new Definition(id, key, label, "CLIENT", "Registration", type, false, false, false, options, null,
                places, (int) id, true);
    }

    @Test
    void everyColumnOfTheDefaultMapKeepsItsDefaultTargetAndTransform() {
        int checked = 0;
        for (MappingSpec.ObjectMap om : DEFAULTS.objects()) {
            for (MappingSpec.ObjectMap shape : om.allShapes()) {
                for (MappingSpec.ColumnMap c : shape.columns()) {
                    if (c.source() == null) {
                        continue;
                    }
                    checked++;
                    boolean found = proposal.entries().stream().anyMatch(e -> e.file().equals(om.file())
                            && e.column().equals(c.source()) && c.target().equals(e.target())
                            && c.transformName().equals(e.transform()) && e.table().equals(shape.table())
                            && e.confidence() == 1.0 && !e.reason().isBlank());
                    assertTrue(found, om.object() + ": " + c.source() + " → " + shape.table() + "." + c.target());
                }
            }
        }
        assertTrue(checked > 150, "the default map's columns were checked: " + checked);
    }

    @Test
    void customFieldsWordedUnlikeTheColumnsFindTheColumnThatMeansTheSame() {
        int right = 0;
        List<String> wrong = new ArrayList<>();
        for (var e : EXPECTED.entrySet()) {
            ProposalEntry entry = entry(e.getKey());
            if (e.getValue().equals(entry.target()) && !entry.isNew()) {
                right++;
                assertTrue(entry.reason().contains("~"), "a reason naming what matched: " + entry.reason());
                assertTrue(entry.confidence() > 0 && entry.confidence() <= 1, entry.toString());
            } else {
                wrong.add(e.getKey() + " → " + entry.target() + " (" + entry.reason() + ")");
            }
        }
        assertTrue(right >= 5, right + " of 6 right; wrong: " + wrong);
    }

    @Test
    void aFieldThatMeansNothingTheTargetHasGetsANewColumn() {
        ProposalEntry pain = entry("pain_score");
        assertTrue(pain.isNew(), pain.toString());
        assertEquals("new_cf_pain_score", pain.target());
        assertTrue(pain.reason().contains("new custom column"), pain.reason());
        for (ProposalEntry e : proposal.entries()) {
            assertTrue(e.confidence() >= 0 && e.confidence() <= 1, "a confidence is 0 to 1: " + e);
        }
    }

    @Test
    void theProposalIsAMappingFileThatLoadsAndSendsTheFieldsToTheirColumns() throws Exception {
        String yaml = ProposalFiles.mappingFile(new String(MappingSpecs.bundledBytes(), StandardCharsets.UTF_8), proposal);
        MappingSpec proposed = MappingSpec.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        Map<String, MappingSpec.CustomFieldTarget> onto = proposed.customFieldTargets();
        assertEquals("spousesname", onto.get("spouse_partner").target());
        MappingSpec.CustomFieldTarget time = onto.get("pref_time_to_call");
        assertNotNull(time, yaml);
        assertEquals(Map.of("Morning", 1, "Afternoon", 2, "Evening", 3), time.values(), "answers take the column's option values");
        assertFalse(onto.containsKey("pain_score"));
        // the schema plan creates no column for a field sent to an existing one, and still creates the new one
        SchemaPlan plan = new SchemaPlanner(CodeLists::get).plan(proposed, fields);
        assertTrue(plan.columns().stream().noneMatch(c -> c.logicalName().equals("new_cf_spouse_partner")));
        assertTrue(plan.columns().stream().anyMatch(c -> c.logicalName().equals("new_cf_pain_score")));
        String page = ProposalFiles.html(proposal);
        assertTrue(page.contains("Spouse/Partner Name") && page.contains("<table>"));
    }

    @Test
    void everyColumnOfTheActualHeaderHasAnEntryAndAnUndocumentedOneIsNotMigrated() throws Exception {
        List<String> missing = new ArrayList<>();
        for (MappingSpec.ObjectMap om : DEFAULTS.objects()) {
            for (String column : ExportSamples.read(EXPORT, 1).get(om.file()).header()) {
                if (proposal.entries().stream().noneMatch(e -> e.file().equals(om.file()) && e.column().equals(column))) {
                    missing.add(om.file() + " " + column);
                }
            }
        }
        assertTrue(missing.isEmpty(), "columns without an entry: " + missing);
        ProposalEntry extra = proposal.entries().stream()
                .filter(e -> e.file().equals("clients.csv") && e.column().equals(EXTRA_COLUMN)).findFirst().orElseThrow();
        assertEquals(null, extra.target(), extra.toString());
        assertTrue(extra.reason().contains("not a documented column"), extra.reason());
        assertFalse(extra.reason().contains("example.org"), "no value in a reason: " + extra.reason());
    }

    @Test
    void anUnusedColumnGoesOnlyOntoAColumnWhoseTypeTakesItsValues() {
        ColumnSpec date = ExportSchema.of(GpmFile.CLIENTS).column("date_of_birth");
        ColumnSpec flag = ExportSchema.of(GpmFile.CLIENTS).column("sms_opt_out");
        TargetColumn text = new TargetColumn("contact", "jobtitle", "Job Title", "String", Map.of(), true);
        TargetColumn day = new TargetColumn("contact", "anniversary", "Anniversary", "DateTime", Map.of(), true);
        TargetColumn yesNo = new TargetColumn("contact", "donotsms", "Do not allow SMS", "Boolean", Map.of(), true);
        assertEquals(null, TypeFit.transform(date, ValueKind.DATE, text));
        assertEquals("date", TypeFit.transform(date, ValueKind.DATE, day));
        assertEquals("boolean", TypeFit.transform(flag, ValueKind.YES_NO, yesNo));
        assertEquals(null, TypeFit.transform(flag, ValueKind.YES_NO, text));
        // undocumented: the value profile decides
        assertEquals("date", TypeFit.transform(null, ValueKind.DATE, day));
        assertEquals(null, TypeFit.transform(null, ValueKind.DATE, yesNo));
        for (ProposalEntry e : proposal.entries()) {
            if (ProposalFiles.isExtraColumn(e)) {
                assertNotNull(e.transform(), e.toString());
            }
        }
    }

    @Test
    void samplesAreTheFilesActualHeaderAndItsFirstRows() throws Exception {
        Map<String, ExportSamples.FileSample> samples = ExportSamples.read(EXPORT, 3);
        ExportSamples.FileSample clients = samples.get("clients.csv");
        assertTrue(clients.header().containsAll(ExportSchema.of(GpmFile.CLIENTS).columnNames()), clients.header().toString());
        assertEquals(3, clients.values().get("client_id").size());
        assertEquals(GpmFile.values().length, samples.size());
    }

    @Test
    void theReportIsWrittenAsAMappingFileAMarkdownTableAndAPage() throws Exception {
        ProposalFiles.write(reportDir, new String(MappingSpecs.bundledBytes(), StandardCharsets.UTF_8), proposal);
        MappingSpec.read(reportDir.resolve(ProposalFiles.MAP_FILE));
        String md = java.nio.file.Files.readString(reportDir.resolve(ProposalFiles.MARKDOWN_FILE));
        assertTrue(md.contains("| file | column | label | → table.target |"), md.substring(0, 400));
        assertTrue(md.contains("contact.spousesname"), "the field's row");
        // lowest confidence first, and flagged
        String firstRow = md.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| |")).findFirst().orElseThrow();
        double lowest = proposal.entries().stream().mapToDouble(ProposalEntry::confidence).min().orElseThrow();
        assertTrue(firstRow.contains(String.format(java.util.Locale.ROOT, "| %.2f |", lowest)), firstRow);
        assertTrue(lowest >= ProposalFiles.LOW_CONFIDENCE || firstRow.startsWith("| **check**"), firstRow);
        assertTrue(java.nio.file.Files.readString(reportDir.resolve(ProposalFiles.HTML_FILE)).contains("<table>"));
    }

    private static ProposalEntry entry(String fieldKey) {
        return proposal.entries().stream().filter(e -> e.file().equals("custom_field_definitions.csv")
                && e.column().equals(fieldKey)).findFirst().orElseThrow(() -> new AssertionError("no entry for " + fieldKey));
    }
}
