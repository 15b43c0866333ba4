package io.gpm2dv.mapping.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.gpm2dv.emulator.DataverseEmulator;
import io.gpm2dv.emulator.EmulatorOptions;
import io.gpm2dv.mapping.MappingSpec;
import io.gpm2dv.mapping.MappingSpecs;
import io.gpm2dv.schema.SchemaApplier;
import io.gpm2dv.schema.SchemaPlanner;
import io.gpm2dv.source.CodeLists;
import io.gpm2dv.source.ExportIndex;
import io.gpm2dv.source.ExportPackage;
import io.gpm2dv.testing.EmulatorMetadataHttp;

/**
 * The validator against the bundled default map and edited copies of it, with the in-process emulator's metadata as
 * the target: the default map is valid; each kind of mistake is reported at its line with a reason naming it.
 */
class MappingValidatorTest {
    static final Path USERS = Path.of("src/main/sample/dataverse-users.json");
    static final String DEFAULT = new String(MappingSpecs.bundledBytes(), StandardCharsets.UTF_8);
    static DataverseEmulator emulator;
    static TargetColumns target;

    @BeforeAll
    static void start() {
        emulator = DataverseEmulator.start(EmulatorOptions.defaults().withPort(0).withUsersFile(USERS));
        target = new TargetColumns(new EmulatorMetadataHttp(emulator.baseUrl()));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    static List<MappingError> validate(String yaml) {
        return MappingValidator.validate(yaml.getBytes(StandardCharsets.UTF_8), SourceColumns.exportSchema(), target);
    }

    /** The 1-based line of the first line of the default map containing {@code text}. */
    static int lineOf(String yaml, String text) {
        String[] lines = yaml.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError("the map has no line with " + text);
    }

    static String replaceOnce(String yaml, String from, String to) {
        assertTrue(yaml.contains(from), from);
        int at = yaml.indexOf(from);
        return yaml.substring(0, at) + to + yaml.substring(at + from.length());
    }

    static MappingError only(List<MappingError> errors) {
        assertEquals(1, errors.size(), errors.toString());
        return errors.get(0);
    }

    @Test
    void theDefaultMapIsValidAgainstTheDefaultEmulator() {
        assertEquals(List.of(), validate(DEFAULT));
    }

    @Test
    void theDefaultMapIsValidAgainstAnEmptyOrgOnceTheSchemaPlanIsApplied() throws Exception {
        try (DataverseEmulator empty = DataverseEmulator.start(EmulatorOptions.defaults().withPort(0).withUsersFile(USERS)
                .withEmptyOrg(true))) {
            EmulatorMetadataHttp http = new EmulatorMetadataHttp(empty.baseUrl());
            var fields = ExportIndex.build(ExportPackage.open(Path.of("src/main/sample/export"))).customFields();
            var plan = new SchemaPlanner(CodeLists::get).plan(MappingSpec.defaultMap(), fields);
            new SchemaApplier(http, "gpm2dvmigration", Duration.ofSeconds(30), Duration.ofMillis(50)).apply(plan);
            assertEquals(List.of(), MappingValidator.validate(MappingSpecs.bundledBytes(), SourceColumns.exportSchema(),
                    new TargetColumns(http)));
        }
    }

    @Test
    void aMisspeltSourceColumnIsReportedAtItsLine() {
        String yaml = replaceOnce(DEFAULT, "source: preferred_name", "source: prefered_name");
        MappingError e = only(validate(yaml));
        assertEquals(lineOf(yaml, "prefered_name"), e.line());
        assertEquals("clients: source column 'prefered_name' is not a column of clients.csv (did you mean 'preferred_name'?)",
                e.reason());
    }

    @Test
    void aMisspeltTargetColumnIsReportedWithTheNearestColumn() {
        String yaml = replaceOnce(DEFAULT, "{target: nickname, source: preferred_name", "{target: nicknme, source: preferred_name");
        MappingError e = only(validate(yaml));
        assertEquals(lineOf(yaml, "nicknme"), e.line());
        assertEquals("clients: target column 'contact.nicknme' does not exist in the target (did you mean 'nickname'?)",
                e.reason());
    }

    @Test
    void aDateTransformIntoAStringColumnIsATypeMismatch() {
        String yaml = replaceOnce(DEFAULT, "{target: nickname, source: preferred_name, max: 100}",
                "{target: nickname, source: date_of_birth, transform: date}");
        MappingError e = only(validate(yaml));
        assertEquals(lineOf(yaml, "target: nickname"), e.line());
        assertTrue(e.reason().startsWith("clients: transform 'date' does not fit 'contact.nickname', a String column"),
                e.reason());
    }

    @Test
    void aDateTransformOnATextSourceColumnIsATypeMismatch() {
        String yaml = replaceOnce(DEFAULT, "{target: birthdate, source: date_of_birth, transform: date}",
                "{target: birthdate, source: preferred_name, transform: date}");
        MappingError e = only(validate(yaml));
        assertEquals(lineOf(yaml, "target: birthdate"), e.line());
        assertTrue(e.reason().startsWith("clients: transform 'date' of 'birthdate' cannot read source column"
                + " 'preferred_name', which is"), e.reason());
    }

    @Test
    void anUnknownTransformIsReported() {
        String yaml = replaceOnce(DEFAULT, "{target: birthdate, source: date_of_birth, transform: date}",
                "{target: birthdate, source: date_of_birth, transform: dat}");
        MappingError e = only(validate(yaml));
        assertEquals(lineOf(yaml, "transform: dat}"), e.line());
        assertEquals("clients: unknown transform 'dat' for 'birthdate' (did you mean 'date'?)", e.reason());
    }

    @Test
    void aYamlSyntaxErrorIsReportedAtItsLine() {
        String yaml = replaceOnce(DEFAULT, "{target: nickname, source: preferred_name, max: 100}",
                "{target: nickname, source: preferred_name, max: 100");
        MappingError e = only(validate(yaml));
        int broken = lineOf(yaml, "source: preferred_name, max: 100");
        assertTrue(e.line() >= broken && e.line() <= broken + 1, e + " near line " + broken);
        assertTrue(e.reason().startsWith("YAML syntax error: "), e.reason());
    }

    @Test
    void anUnknownKeyIsReportedAtItsLine() {
        String yaml = replaceOnce(DEFAULT, "{target: nickname, source: preferred_name, max: 100}",
                "{target: nickname, source: preferred_name, maxlength: 100}");
        MappingError e = only(validate(yaml));
        assertEquals(lineOf(yaml, "maxlength"), e.line());
        assertTrue(e.reason().startsWith("clients: unknown key 'maxlength' (known: target, source, transform, max,"),
                e.reason());
    }

    @Test
    void everyErrorOfAFileIsReportedSortedByLine() {
        String yaml = replaceOnce(DEFAULT, "source: preferred_name", "source: prefered_name");
        yaml = replaceOnce(yaml, "transform: date}", "transform: dat}");
        yaml = replaceOnce(yaml, "\nrestricted-notes: hold-back", "\nrestricted-notes: keep");
        yaml = replaceOnce(yaml, "skip-rules: [block-time]", "skip-rules: [block-tme]");
        List<MappingError> errors = validate(yaml);
        assertEquals(List.of(lineOf(yaml, "restricted-notes: keep"), lineOf(yaml, "prefered_name"),
                lineOf(yaml, "transform: dat}"), lineOf(yaml, "block-tme")), errors.stream().map(MappingError::line).toList(),
                errors.toString());
    }

    @Test
    void withoutTargetMetadataTheTargetChecksAreSkippedAndTheResultSaysSo() {
        String yaml = replaceOnce(DEFAULT, "{target: nickname,", "{target: nicknme,");
        MappingValidator.Result r = MappingValidator.validate(yaml.getBytes(StandardCharsets.UTF_8),
                SourceColumns.exportSchema());
        assertFalse(r.targetChecked());
        assertEquals(List.of(), r.errors());
    }

    @Test
    void anErrorSerialisesAsLineAndReason() throws Exception {
        assertEquals("{\"line\":3,\"reason\":\"x\"}", new ObjectMapper().writeValueAsString(new MappingError(3, "x")));
    }

    @Test
    void anUnknownOptionValueIsReported() {
        String yaml = replaceOnce(DEFAULT, "\nblock-appointments: skip", "\nblock-appointments: task");
        MappingError e = only(validate(yaml));
        assertEquals(lineOf(yaml, "block-appointments: task"), e.line());
        assertEquals("option block-appointments: 'task' is not one of skip", e.reason());
    }

    @Test
    void aRefusedMappingFileNamesFileLineAndReasonPerError() {
        String yaml = replaceOnce(DEFAULT, "source: preferred_name", "source: prefered_name");
        yaml = replaceOnce(yaml, "transform: date}", "transform: dat}");
        InvalidMappingException e = new InvalidMappingException("mapping file /maps/edited.yaml", validate(yaml));
        assertEquals(List.of(
                "mapping file /maps/edited.yaml line " + lineOf(yaml, "prefered_name")
                        + ": clients: source column 'prefered_name' is not a column of clients.csv (did you mean 'preferred_name'?)",
                "mapping file /maps/edited.yaml line " + lineOf(yaml, "transform: dat}")
                        + ": clients: unknown transform 'dat' for 'birthdate' (did you mean 'date'?)"),
                List.of(e.getMessage().split("\n")));
        assertEquals(e.getMessage(), io.gpm2dv.pipeline.SafeText.of(e), "the lines reach the run's refusal as they are");
    }

    @Test
    void aValueOfTheWrongShapeIsReportedAtItsLine() {
        String yaml = replaceOnce(DEFAULT, "{target: nickname, source: preferred_name, max: 100}",
                "{target: nickname, source: preferred_name, max: wide}");
        MappingError e = only(validate(yaml));
        assertEquals(lineOf(yaml, "max: wide"), e.line());
        assertTrue(e.reason().startsWith("cannot read the map: "), e.reason());
    }
}
