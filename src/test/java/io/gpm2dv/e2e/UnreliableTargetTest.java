package io.gpm2dv.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.gpm2dv.pipeline.RunStatus;
import io.gpm2dv.audit.AuditEntry;
import io.gpm2dv.audit.AuditLog;
import io.gpm2dv.emulator.DataverseEmulator;
import io.gpm2dv.emulator.ServiceProtectionLimits;
import io.gpm2dv.kafka.KafkaClients;
import io.gpm2dv.pipeline.MigrationConfig;
import io.gpm2dv.reconcile.ObjectReconciliation;
import io.gpm2dv.run.MigrationRunner;
import io.gpm2dv.run.RunOutcome;
import io.gpm2dv.testing.EmulatorResource;
import io.gpm2dv.testing.KafkaBrokerResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The whole sample against a target that throttles, fails with 503, answers slowly and issues tokens that expire
 * within seconds: the run still accounts for every row, loses nothing and duplicates nothing.
 */
@QuarkusTest
@TestProfile(UnreliableTargetTest.Unreliable.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(EmulatorResource.class)
class UnreliableTargetTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static DataverseEmulator unreliable;
    static final List<String> USERS = List.of("unreliable-a", "unreliable-b", "unreliable-c");
    static final int SINK_CONSUMERS = 3;

    /** A second emulator of its own, with faults switched on; seeded, so every run draws the same faults. */
    public static class Unreliable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            if (unreliable == null) {
                unreliable = EmulatorResource.startOwn(o -> o.withSeed(20261201L)
                        .withThrottleFraction(0.06).withRetryAfterSeconds(1)
                        .withUnavailableFraction(0.1)
                        .withLatency(Duration.ofMillis(1), Duration.ofMillis(15))
                        .withTokenLifetime(Duration.ofSeconds(3))
                        .withClients(Map.of("unreliable-a", "s-a", "unreliable-b", "s-b", "unreliable-c", "s-c"))
                        // service protection per application user, tight: fewer concurrent requests than the client
                        // starts with (x-ms-dop-hint 4) and a small execution budget, so every user meets 429 storms
                        .withServiceProtection(ServiceProtectionLimits.dataverse().withConcurrentRequests(3)
                                .withExecutionTimeMs(20_000).withTimeScale(60)));
            }
            // a child waits for its parent as long as a production run would: with a fault in every few requests a
            // parent can take longer than the test profile's 10 s to land
            return EmulatorResource.pointingAt(unreliable, Map.of("dataverse.token-renew-before", "PT1S",
                    "dataverse.batch-size", "40", "migration.sink.parent-wait", "PT2M",
                    "migration.report-dir", "target/test-reports/unreliable",
                    // several polls of a table in progress at once, each consumer pausing on its own 429s and outages
                    "migration.sink.consumers", String.valueOf(SINK_CONSUMERS),
                    "dataverse.client-id", String.join(",", USERS), "dataverse.client-secret", "s-a,s-b,s-c"));
        }
    }

    @Inject
    MigrationRunner runner;

    @Inject
    MeterRegistry metrics;

    @Inject
    AuditLog audit;

    @Inject
    KafkaClients kafka;

    @Inject
    MigrationConfig config;

    @AfterAll
    static void stop() {
        if (unreliable != null) {
            unreliable.close();
            unreliable = null;
        }
    }

    @Test
    void everyRowIsAccountedForAndNothingIsDuplicated() throws Exception {
        RunOutcome outcome = runner.runFull();
        assertEquals(RunStatus.COMPLETE, outcome.status(), outcome.message());
        for (ObjectReconciliation o : outcome.reconciliation().objects()) {
            assertTrue(o.balanced(), o.object());
            assertEquals(0, o.deadLettered(), o.object() + ": nothing may be given up because the target was unreliable");
        }
        // the state dump, not the Web API: a plain query would itself meet the injected faults
        JsonNode tables = JSON.readTree(unreliable.stateAsJson()).path("tables");
        assertEquals(149, keyed(tables.path("contact"), "client-"));
        assertEquals(40, keyed(tables.path("contact"), "referrer-"));
        assertEquals(25, keyed(tables.path("account"), "organisation-"));

        assertTrue(metrics.get("gpm2dv.dataverse.throttled.wait.seconds").counter().count() > 0, "429s were waited out");
        // each record is written once per run (the audit keeps one row per record written), by one of the three users,
        // and the writes were spread over all of them, each meeting its own throttling
        Map<String, Long> writesPerUser = new java.util.TreeMap<>();
        java.util.Set<String> written = new java.util.HashSet<>();
        for (AuditEntry e : audit.entries(outcome.runId())) {
            if (!"sink".equals(e.stage())) {
                continue; // e.g. closing an invoice after its lines: a second, later write of the same record
            }
            assertTrue(written.add(e.targetTable() + "/" + e.targetId()), "written twice: " + e.recordKey());
            writesPerUser.merge(String.valueOf(e.applicationUser()), 1L, Long::sum);
        }
        assertTrue(USERS.containsAll(writesPerUser.keySet()) && writesPerUser.keySet().size() == 3,
                "every write names one of the three application users, and each wrote: " + writesPerUser);
        for (String user : USERS) {
            assertTrue(metrics.get("gpm2dv.dataverse.throttled").tag("user", user).counter().count() > 0,
                    user + " was throttled on its own budget");
        }
        assertTrue(metrics.get("gpm2dv.dataverse.requests").tag("status", "503").counter().count() > 0, "503s were retried");
        try (var admin = kafka.admin(10_000, 10_000)) {
            String group = config.kafka().groupPrefix() + "-sink-contact";
            var members = admin.describeConsumerGroups(List.of(group)).all().get().get(group).members();
            assertEquals(SINK_CONSUMERS, members.size(), "the contacts were written by " + SINK_CONSUMERS
                    + " consumers of their topic at once: " + members);
        }
    }

    private static long keyed(JsonNode rows, String prefix) {
        long n = 0;
        for (JsonNode r : rows) {
            n += r.path("new_gensolveid").asText("").startsWith(prefix) ? 1 : 0;
        }
        return n;
    }
}
