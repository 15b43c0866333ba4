package io.gpm2dv.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gpm2dv.sample.CsvRecords;
import io.gpm2dv.sample.ExportGenerator;
import io.gpm2dv.source.ExportIndex;
import io.gpm2dv.source.ExportPackage;
import io.gpm2dv.source.GpmSource;

/**
 * The profile of a freshly generated export against counts taken from its CSV files by an independent reader: rows,
 * completeness, codes, date ranges and hazards; and nothing personal in the written report.
 */
class SourceProfilerTest {
    @TempDir
    static Path dir;
    static Path export;
    static SourceProfile profile;

    @BeforeAll
    static void profileAGeneratedExport() throws Exception {
        export = dir.resolve("export");
        ExportGenerator.generate(new ExportGenerator.Options(export, 1, 20261204L, null, false));
        GpmSource source = ExportPackage.open(export);
        profile = SourceProfiler.profile(source, ExportIndex.build(source));
        SourceProfileService.write(profile, dir.resolve("reports"));
    }

    static Collection<Map<String, String>> rows(String file) throws Exception {
        return CsvRecords.read(export.resolve(file)).byKey().values();
    }

    static SourceProfile.FileProfile file(String name) {
        return profile.files().stream().filter(f -> f.file().equals(name)).findFirst().orElseThrow();
    }

    static SourceProfile.ColumnProfile column(String file, String column) {
        return file(file).columns().stream().filter(c -> c.column().equals(column)).findFirst().orElseThrow();
    }

    static long hazard(String code) {
        return profile.hazards().stream().filter(h -> h.code().equals(code)).findFirst().orElseThrow().count();
    }

    @Test
    void rowsCompletenessCodesAndDateRangesEqualTheFiles() throws Exception {
        for (String name : List.of("clients.csv", "appointments.csv", "practitioners.csv", "invoices.csv", "clinical_notes.csv")) {
            assertEquals(rows(name).size(), file(name).rows(), name);
        }
        var clients = rows("clients.csv");
        double withEmail = (double) clients.stream().filter(c -> c.get("email") != null).count() / clients.size();
        assertEquals(withEmail, column("clients.csv", "email").completeness(), 0.0001);
        var appointments = rows("appointments.csv");
        double withClient = (double) appointments.stream().filter(a -> a.get("client_id") != null).count() / appointments.size();
        assertEquals(withClient, column("appointments.csv", "client_id").completeness(), 0.0001);

        Map<String, Long> statuses = appointments.stream().collect(Collectors.groupingBy(a -> a.get("status"), Collectors.counting()));
        assertEquals(statuses, column("appointments.csv", "status").codes());
        assertNull(column("clients.csv", "last_name").codes(), "no codes of free text");

        Comparator<String> byInstant = Comparator.comparing(s -> OffsetDateTime.parse(s).toInstant());
        List<String> starts = appointments.stream().map(a -> a.get("start_at")).sorted(byInstant).toList();
        assertEquals(starts.get(0), column("appointments.csv", "start_at").min());
        assertEquals(starts.get(starts.size() - 1), column("appointments.csv", "start_at").max());
    }

    @Test
    void hazardCountsEqualTheGeneratedData() throws Exception {
        var clients = rows("clients.csv");
        var practitioners = rows("practitioners.csv");
        var appointments = rows("appointments.csv");
        assertEquals(clients.stream().filter(c -> c.get("email") == null).count(), hazard("H02"));
        assertEquals(practitioners.stream().filter(p -> "N".equals(p.get("is_active"))).count(), hazard("H06"));
        assertEquals(appointments.stream().filter(a -> a.get("client_id") == null).count(), hazard("H08"));
        assertEquals(rows("invoices.csv").stream().filter(i -> "Y".equals(i.get("is_reexport"))).count(), hazard("H09"));
        Map<String, Long> emails = new HashMap<>();
        practitioners.stream().map(p -> p.get("email")).filter(Objects::nonNull)
                .forEach(e -> emails.merge(e.trim().toLowerCase(Locale.ROOT), 1L, Long::sum));
        assertEquals(emails.values().stream().filter(n -> n > 1).mapToLong(Long::longValue).sum(), hazard("H05"));
        assertEquals(rows("custom_field_values.csv").stream().filter(v -> "INVALID".equals(v.get("parse_status"))).count(),
                hazard("H14"));
        assertTrue(hazard("H08") > 0 && hazard("H09") > 0, "the generator plants these hazards");
        var h08 = profile.hazards().stream().filter(h -> h.code().equals("H08")).findFirst().orElseThrow();
        assertFalse(h08.examples().isEmpty());
        assertTrue(h08.examples().stream().allMatch(k -> k.matches("appointment-\\d+")), "examples are keys: " + h08.examples());
        assertNull(profile.hazards().stream().filter(h -> h.code().equals("H13")).findFirst().orElseThrow().count(),
                "a hazard the profile does not check says so");
    }

    @Test
    void theReportHoldsNoNameOrEmail() throws Exception {
        String json = Files.readString(dir.resolve("reports").resolve(SourceProfileService.JSON_FILE));
        String html = Files.readString(dir.resolve("reports").resolve(SourceProfileService.HTML_FILE))
                + Files.readString(dir.resolve("reports").resolve(SourceProfileService.MD_FILE));
        assertNotNull(json);
        for (Map<String, String> c : rows("clients.csv")) {
            for (String personal : new String[] {c.get("email"), c.get("last_name"), c.get("mobile_phone")}) {
                if (personal != null && personal.length() > 3) {
                    assertFalse(json.contains(personal) || html.contains(personal), "personal value in the profile");
                }
            }
        }
    }
}
