package io.gpm2dv.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.gpm2dv.pipeline.RunStatus;
import io.gpm2dv.emulator.DataverseEmulator;
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

    /** A second emulator of its own, with faults switched on; seeded, so every run draws the same faults. */
    public static class Unreliable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            if (unreliable == null) {
                unreliable = EmulatorResource.startOwn(o -> o.withSeed(20261201L)
                        .withThrottleFraction(0.06).withRetryAfterSeconds(1)
                        .withUnavailableFraction(0.1)
                        .withLatency(Duration.ofMillis(1), Duration.ofMillis(15))
                        .withTokenLifetime(Duration.ofSeconds(3)));
            }
            // a child waits for its parent as long as a production run would: with a fault in every few requests a
            // parent can take longer than the test profile's 10 s to land
            return EmulatorResource.pointingAt(unreliable, Map.of("dataverse.token-renew-before", "PT1S",
                    "dataverse.batch-size", "40", "migration.sink.parent-wait", "PT2M",
                    "migration.report-dir", "target/test-reports/unreliable"));
        }
    }

    @Inject
    MigrationRunner runner;

    @Inject
    MeterRegistry metrics;

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
        assertTrue(metrics.get("gpm2dv.dataverse.requests").tag("status", "503").counter().count() > 0, "503s were retried");
    }

    private static long keyed(JsonNode rows, String prefix) {
        long n = 0;
        for (JsonNode r : rows) {
            n += r.path("new_gensolveid").asText("").startsWith(prefix) ? 1 : 0;
        }
        return n;
    }
}
