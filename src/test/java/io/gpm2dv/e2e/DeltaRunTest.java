package io.gpm2dv.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gpm2dv.audit.AuditEntry;
import io.gpm2dv.audit.AuditLog;
import io.gpm2dv.audit.RecordFates;
import io.gpm2dv.audit.RunHistory;
import io.gpm2dv.dataverse.DataverseClient;
import io.gpm2dv.emulator.DataverseEmulator;
import io.gpm2dv.mapping.RecordIds;
import io.gpm2dv.pipeline.RunStatus;
import io.gpm2dv.run.MigrationRunner;
import io.gpm2dv.run.RunOutcome;
import io.gpm2dv.run.RunRequest;
import io.gpm2dv.run.RunStart;
import io.gpm2dv.testing.EmulatorResource;
import io.gpm2dv.testing.ExportFixture;
import io.gpm2dv.testing.KafkaBrokerResource;
import io.gpm2dv.testing.TargetContent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The cutover: after a full load, a delta over the same export writes nothing; over a newer export in which three
 * clients changed and two appointments were added it writes exactly those five records, and reports a row that left
 * the export without deleting it.
 */
@QuarkusTest
@TestProfile(DeltaRunTest.OwnExport.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(EmulatorResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeltaRunTest {
    static DataverseEmulator target;
    static ExportFixture export;
    static final Set<String> CHANGED_CLIENTS = Set.of("1004", "1005", "1006");
    static final String LATER = "2025-03-20T10:00:00+13:00";

    /** A copy of the sample the test edits between runs, its own target and its own ledger. */
    public static class OwnExport implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            if (target == null) {
                target = EmulatorResource.startOwn(o -> o);
                export = ExportFixture.copyOfSample();
            }
            return EmulatorResource.pointingAt(target, Map.of("gensolve.export.dir", export.dir().toString(),
                    "quarkus.datasource.jdbc.url", "jdbc:h2:mem:ledger-delta;DB_CLOSE_DELAY=-1",
                    "migration.kafka.group-prefix", "delta-test",
                    "migration.report-dir", "target/test-reports/delta"));
        }
    }

    @Inject
    MigrationRunner runner;

    @Inject
    AuditLog audit;

    @Inject
    RecordFates fates;

    @Inject
    DataverseClient dataverse;

    @AfterAll
    static void stop() {
        if (target != null) {
            target.close();
            target = null;
        }
    }

    private RunOutcome run(String kind) {
        RunStart start = runner.start(RunRequest.of(kind), "test-operator");
        assertTrue(!start.refused(), () -> start.refusal().message());
        return runner.execute(start);
    }

    /** The source records a run wrote (a note the map adds to a record counts as that record's). */
    private Set<String> written(RunOutcome run) {
        Set<String> keys = new TreeSet<>();
        audit.entries(run.runId()).stream().map(AuditEntry::recordKey).map(RunHistory::sourceKey).forEach(keys::add);
        return keys;
    }

    @Test
    @Order(1)
    void aDeltaWithoutAFullRunBeforeItIsRefused() {
        RunStart start = runner.start(RunRequest.of(RunRequest.DELTA), "test-operator");
        assertTrue(start.refused());
        assertTrue(start.refusal().message().contains("full run"), start.refusal().message());
    }

    @Test
    @Order(2)
    void aDeltaOverTheSameExportWritesNothing() {
        RunOutcome full = run(RunRequest.FULL);
        assertEquals(RunStatus.COMPLETE, full.status(), full.message());
        Map<String, com.fasterxml.jackson.databind.JsonNode> loaded = TargetContent.of(target);

        RunOutcome delta = run(RunRequest.DELTA);
        assertEquals(RunStatus.COMPLETE, delta.status(), delta.message());
        assertEquals(Set.of(), written(delta));
        assertEquals(java.util.List.of(), TargetContent.diff(loaded, TargetContent.of(target)));
    }

    @Test
    @Order(3)
    void aDeltaWritesExactlyTheRecordsChangedSinceAndReportsRowsThatLeftTheExport() {
        // three clients changed after the cut-off (a new client number), two appointments booked since, one referral gone
        export.edit("clients.csv", csv -> {
            StringBuilder out = new StringBuilder();
            for (String line : csv.split("\n", -1)) {
                String id = line.split(",", 2)[0];
                out.append(CHANGED_CLIENTS.contains(id) ? line.replaceFirst("^(\\d+),([^,]*),", "$1,$2R,")
                        .replaceFirst(",[^,]*$", "," + LATER) : line).append(line.isEmpty() ? "" : "\n");
            }
            return out.toString().stripTrailing() + "\n";
        });
        String[] appointments = new String[1];
        export.edit("appointments.csv", csv -> {
            Matcher first = Pattern.compile("(?m)^10001,.*$").matcher(csv);
            assertTrue(first.find());
            String template = first.group().replaceFirst(",[^,]*$", "," + LATER);
            appointments[0] = csv.stripTrailing() + "\n" + template.replaceFirst("^10001,", "12001,") + "\n"
                    + template.replaceFirst("^10001,", "12002,") + "\n";
            return appointments[0];
        });
        String[] goneReferral = new String[1];
        export.edit("client_referrals.csv", csv -> {
            String[] lines = csv.split("\n");
            goneReferral[0] = "referral-" + lines[lines.length - 1].split(",", 2)[0];
            return String.join("\n", java.util.Arrays.copyOf(lines, lines.length - 1)) + "\n";
        });
        export.editManifest(m -> {
            m.put("export_id", UUID.randomUUID().toString());
            m.put("exported_at", "2025-03-21T21:00:00+13:00");
            m.put("data_cutoff_at", "2025-03-21T20:00:00+13:00");
            for (com.fasterxml.jackson.databind.JsonNode f : m.withArray("files")) {
                String name = f.get("name").asText();
                if (name.equals("appointments.csv")) {
                    ((ObjectNode) f).put("rows", f.get("rows").asLong() + 2);
                } else if (name.equals("client_referrals.csv")) {
                    ((ObjectNode) f).put("rows", f.get("rows").asLong() - 1);
                }
            }
            return m;
        }).reseal();

        RunOutcome delta = run(RunRequest.DELTA);
        assertEquals(RunStatus.COMPLETE, delta.status(), delta.message());
        assertEquals(Set.of("appointment-12001", "appointment-12002", "client-1004", "client-1005", "client-1006"),
                written(delta));
        java.util.List<String> gone = new java.util.ArrayList<>();
        fates.forEachFinding(delta.runId(), "referrals", f -> {
            if ("GONE_FROM_EXPORT".equals(f.code())) {
                gone.add(f.key());
            }
        });
        assertEquals(java.util.List.of(goneReferral[0]), gone, "the referral that left the export is reported");
        UUID referral = new RecordIds("Harbourside Physiotherapy Ltd").idFor(goneReferral[0]);
        assertTrue(dataverse.retrieve("new_clientreferrals", referral, "new_clientreferralid", false).isPresent(),
                "a row gone from the export is never deleted from Dataverse");
        assertEquals("C1004R", dataverse.retrieve("contacts", new RecordIds("Harbourside Physiotherapy Ltd")
                .idFor("client-1004"), "new_clientnumber", false).orElseThrow().path("new_clientnumber").asText(),
                "the change reached Dataverse");
    }
}
