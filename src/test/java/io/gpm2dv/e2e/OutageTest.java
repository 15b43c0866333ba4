package io.gpm2dv.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.gpm2dv.pipeline.RunStatus;
import io.gpm2dv.emulator.DataverseEmulator;
import io.gpm2dv.emulator.Incident;
import io.gpm2dv.reconcile.ObjectReconciliation;
import io.gpm2dv.run.MigrationRunner;
import io.gpm2dv.run.RunOutcome;
import io.gpm2dv.testing.EmulatorResource;
import io.gpm2dv.testing.KafkaBrokerResource;
import io.gpm2dv.testing.TargetContent;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Dataverse answers only 503 for longer than the client's whole retry budget, in the middle of a run, then
 * recovers: the run slows down and finishes COMPLETE (exit 0) with nothing dead-lettered, Dataverse holds exactly
 * what an uninterrupted run leaves, and no record was delivered or audited twice.
 */
@QuarkusTest
@TestProfile(OutageTest.Outage.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(EmulatorResource.class)
class OutageTest {
    /**
     * Longer than the retry budget of the production schedule at a quarter of its scale (6 attempts, back-off
     * 0.25 + 0.5 + 1 + 2 + 4 s = 7.75 s; production: 31 s) and than the stage's back-off after it (at most 4 s).
     */
    static final Duration OUTAGE = Duration.ofSeconds(15);
    static DataverseEmulator target;

    /**
     * An emulator of its own, and the production retry schedule at a quarter of its scale: what matters is that the
     * outage outlasts the client's whole budget, not how long either is (the test profile shortens them further).
     */
    public static class Outage implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            if (target == null) {
                target = EmulatorResource.startOwn(o -> o);
            }
            return EmulatorResource.pointingAt(target, Map.of("dataverse.initial-backoff", "PT0.25S",
                    "dataverse.max-backoff", "PT15S", "migration.stage.retry-max", "PT4S",
                    "migration.report-dir", "target/test-reports/outage"));
        }
    }

    @Inject
    MigrationRunner runner;

    @Inject
    MeterRegistry metrics;

    @Inject
    DataSource ledger;

    @AfterAll
    static void stop() {
        if (target != null) {
            target.close();
            target = null;
        }
    }

    @Test
    void anOutageLongerThanTheRetryBudgetSlowsTheRunButLosesAndDuplicatesNothing() throws Exception {
        target.reset();
        RunOutcome calm = runner.runFull();
        assertEquals(RunStatus.COMPLETE, calm.status(), calm.message());
        Map<String, JsonNode> uninterrupted = TargetContent.of(target);
        Map<String, Integer> calmDeliveries = target.deliveries();

        target.reset();
        double unavailableBefore = counter("gpm2dv.dataverse.requests", "status", "503");
        long started = System.nanoTime();
        RunOutcome stormy;
        // sites, users, organisations, referrers and some clients are in when Dataverse goes down
        try (AutoCloseable midRun = EmulatorResource.incidentAfter(target, 100, Incident.outage(OUTAGE, 0))) {
            stormy = runner.runFull();
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;

        assertTrue(counter("gpm2dv.dataverse.requests", "status", "503") - unavailableBefore >= 6,
                "the outage happened in the middle of the run");
        assertTrue(seconds >= OUTAGE.toSeconds(), "the run waited the outage out (" + seconds + " s)");
        assertEquals(RunStatus.COMPLETE, stormy.status(), stormy.message());
        assertEquals(0, stormy.exitCode());
        assertEquals(0, stormy.reconciliation().deadLetters(), "an outage is nobody's fault: nothing dead-lettered");
        for (ObjectReconciliation o : stormy.reconciliation().objects()) {
            assertTrue(o.balanced(), o.object());
        }
        assertEquals(List.of(), TargetContent.diff(uninterrupted, TargetContent.of(target)),
                "Dataverse holds what an uninterrupted run leaves");
        Map<String, Integer> stormyDeliveries = target.deliveries();
        // activity parties get a fresh id from Dataverse each time their activity is written: compare them by count
        assertEquals(withoutParties(calmDeliveries), withoutParties(stormyDeliveries),
                "every record was delivered as often as in an uninterrupted run");
        assertEquals(partyDeliveries(calmDeliveries), partyDeliveries(stormyDeliveries), "and every activity party");
        assertEquals(List.of(), keysAuditedTwice(stormy.runId()));
    }

    private static Map<String, Integer> withoutParties(Map<String, Integer> deliveries) {
        Map<String, Integer> out = new java.util.TreeMap<>(deliveries);
        out.keySet().removeIf(k -> k.startsWith("activityparty/"));
        return out;
    }

    private static long partyDeliveries(Map<String, Integer> deliveries) {
        return deliveries.entrySet().stream().filter(e -> e.getKey().startsWith("activityparty/"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private List<String> keysAuditedTwice(String runId) throws Exception {
        List<String> twice = new ArrayList<>();
        try (Connection c = ledger.getConnection(); PreparedStatement ps = c.prepareStatement(
                // an invoice's closing after its lines is a write of its own, audited under stage 'close'
                "SELECT record_key FROM gpm_audit_log WHERE run_id = ? AND stage <> 'close' GROUP BY record_key"
                        + " HAVING COUNT(*) > 1")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    twice.add(rs.getString(1));
                }
            }
        }
        return twice;
    }

    private double counter(String name, String tag, String value) {
        var c = metrics.find(name).tag(tag, value).counter();
        return c == null ? 0 : c.count();
    }
}
