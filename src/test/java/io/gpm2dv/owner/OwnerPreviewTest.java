package io.gpm2dv.owner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gpm2dv.mapping.MappingSpec;
import io.gpm2dv.sample.CsvRecords;
import io.gpm2dv.source.ExportIndex;
import io.gpm2dv.source.ExportPackage;
import io.gpm2dv.source.GpmSource;

/**
 * The owner report before the run over the bundled sample export and the users the emulator is seeded with
 * (src/main/sample/dataverse-users.json): outcomes and users recomputed from the users file, records per practitioner
 * recomputed from the CSVs by an independent reader following the default map's owner rules.
 */
class OwnerPreviewTest {
    static final Path EXPORT = Path.of("src/main/sample/export");
    static final String FALLBACK = "migration.owner@harbourside.example";

    static List<SystemUser> seedUsers() throws Exception {
        List<SystemUser> users = new ArrayList<>();
        for (JsonNode u : new ObjectMapper().readTree(Path.of("src/main/sample/dataverse-users.json").toFile())) {
            users.add(new SystemUser(UUID.randomUUID(), u.get("email").asText(), u.path("isdisabled").asBoolean(), false));
        }
        return users;
    }

    static String norm(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    static Map<String, Map<String, String>> csv(String file) throws Exception {
        return CsvRecords.read(EXPORT.resolve(file)).byKey();
    }

    /** Rows per practitioner id following the default map: owner-column, owner-via, owner-fallback. */
    static Map<String, Long> expectedRecords(ExportIndex index) throws Exception {
        Map<String, Map<String, String>> clients = csv("clients.csv");
        Map<String, Map<String, String>> appointments = csv("appointments.csv");
        Map<String, Long> n = new HashMap<>();
        clients.values().forEach(r -> count(n, r.get("default_practitioner_id")));
        csv("conditions.csv").values().forEach(r -> count(n, r.get("practitioner_id")));
        csv("client_referrals.csv").values().forEach(r -> {
            Map<String, String> c = clients.get(survivor(index, r.get("client_id")));
            count(n, c == null ? null : c.get("default_practitioner_id"));
        });
        appointments.values().forEach(r -> count(n, r.get("practitioner_id")));
        csv("communications.csv").values().forEach(r -> {
            Map<String, String> a = r.get("appointment_id") == null ? null : appointments.get(r.get("appointment_id"));
            count(n, a == null ? null : a.get("practitioner_id"));
        });
        csv("clinical_notes.csv").values().forEach(r -> count(n, r.get("author_practitioner_id")));
        csv("documents.csv").values().forEach(r -> {
            String p = r.get("author_practitioner_id");
            if (p == null && r.get("client_id") != null && clients.get(survivor(index, r.get("client_id"))) != null) {
                p = clients.get(survivor(index, r.get("client_id"))).get("default_practitioner_id");
            }
            count(n, p);
        });
        csv("invoices.csv").values().forEach(r -> count(n, r.get("practitioner_id")));
        return n;
    }

    /** A duplicate client (H01) is merged into its survivor, whose default practitioner owns what hangs off it. */
    static String survivor(ExportIndex index, String clientId) {
        return clientId == null ? null : String.valueOf(index.survivingClient(Long.valueOf(clientId)));
    }

    static void count(Map<String, Long> n, String practitioner) {
        if (practitioner != null && !practitioner.isEmpty()) {
            n.merge(practitioner, 1L, Long::sum);
        }
    }

    @Test
    void outcomesUsersAndRecordsEqualTheSeedUsersAndTheExport() throws Exception {
        GpmSource source = ExportPackage.open(EXPORT);
        ExportIndex index = ExportIndex.build(source);
        List<SystemUser> users = seedUsers();
        OwnerDirectory owners = OwnerDirectory.resolve(index.practitioners().values(), users, FALLBACK, false);
        OwnerPreview.Report report = OwnerPreview.of(owners,
                OwnerPreview.recordsPerPractitioner(source, index, MappingSpec.defaultMap()), "migration.fallback-owner");

        Map<String, Long> expected = expectedRecords(index);
        Map<String, OwnerPreview.Line> lines = new HashMap<>();
        report.practitioners().forEach(l -> lines.put(l.practitioner(), l));
        int matched = 0;
        int fallback = 0;
        for (Map<String, String> p : csv("practitioners.csv").values()) {
            String key = "practitioner-" + p.get("practitioner_id");
            List<SystemUser> same = users.stream().filter(u -> norm(u.email()).equals(norm(p.get("email")))).toList();
            List<SystemUser> enabled = same.stream().filter(u -> !u.disabled()).toList();
            long sharing = csv("practitioners.csv").values().stream()
                    .filter(o -> norm(p.get("email")) != null && norm(p.get("email")).equals(norm(o.get("email")))).count();
            String outcome = same.isEmpty() ? "FALLBACK_UNMATCHED" : enabled.isEmpty() ? "FALLBACK_DISABLED"
                    : enabled.size() > 1 ? "FALLBACK_AMBIGUOUS" : sharing > 1 ? "MATCHED_SHARED" : "MATCHED";
            long records = expected.getOrDefault(p.get("practitioner_id"), 0L);
            OwnerPreview.Line line = lines.get(key);
            if (line == null) {
                assertEquals(0, records, key + " owns records but the report lacks it");
                continue;
            }
            assertEquals(outcome, line.outcome(), key);
            assertEquals(records, line.records(), key + " records");
            if (outcome.startsWith("MATCHED")) {
                assertEquals(enabled.get(0).id().toString(), line.userId(), key);
                matched++;
            } else {
                assertNull(line.userId(), key);
                assertTrue(line.action().contains("fallback owner"), key + ": " + line.action());
                fallback++;
            }
        }
        assertTrue(matched > 0 && fallback > 0, "the sample has both matched and fallback practitioners");
        UUID fallbackId = users.stream().filter(u -> norm(u.email()).equals(FALLBACK)).findFirst().orElseThrow().id();
        assertTrue(report.fallbackOwner().usable());
        assertEquals(fallbackId.toString(), report.fallbackOwner().userId());

        // nothing personal in the written report: no practitioner's email or name
        String text = new ObjectMapper().writeValueAsString(report) + OwnerPreviewService.markdown(report)
                + OwnerPreviewService.html(report);
        for (Map<String, String> p : csv("practitioners.csv").values()) {
            for (String personal : new String[] {p.get("email"), p.get("last_name"), p.get("display_name")}) {
                if (personal != null && personal.trim().length() > 3) {
                    assertFalse(text.contains(personal.trim()), "personal value in the owner report");
                }
            }
        }
    }

    @Test
    void aMissingFallbackOwnerIsReportedNotThrown() throws Exception {
        GpmSource source = ExportPackage.open(EXPORT);
        ExportIndex index = ExportIndex.build(source);
        OwnerDirectory owners = OwnerDirectory.resolve(index.practitioners().values(), seedUsers(),
                "nobody@harbourside.example", false);
        OwnerPreview.Report report = OwnerPreview.of(owners, Map.of(), "migration.fallback-owner");
        assertFalse(report.fallbackOwner().usable());
        assertNull(report.fallbackOwner().userId());
        assertTrue(report.fallbackOwner().problem().contains("migration.fallback-owner"));
    }
}
