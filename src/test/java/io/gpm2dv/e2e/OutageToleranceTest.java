package io.gpm2dv.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.gpm2dv.pipeline.RunStatus;
import io.gpm2dv.audit.RunRegistry;
import io.gpm2dv.emulator.DataverseEmulator;
import io.gpm2dv.emulator.Incident;
import io.gpm2dv.run.MigrationRunner;
import io.gpm2dv.run.RunOutcome;
import io.gpm2dv.testing.DataverseTestClient;
import io.gpm2dv.testing.EmulatorResource;
import io.gpm2dv.testing.KafkaBrokerResource;
import io.gpm2dv.testing.ReportFile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * An outage longer than {@code migration.outage-tolerance}: the run ends FAILED (exit 1), with its reconciliation
 * written and nothing dead-lettered; once Dataverse is back, a second run completes the migration.
 */
@QuarkusTest
@TestProfile(OutageToleranceTest.ShortTolerance.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(EmulatorResource.class)
class OutageToleranceTest {
    static final Path REPORTS = Path.of("target/test-reports/tolerance");
    static DataverseEmulator target;

    /** An emulator of its own, and a run that tolerates five seconds of outage. */
    public static class ShortTolerance implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            if (target == null) {
                target = EmulatorResource.startOwn(o -> o);
            }
            return EmulatorResource.pointingAt(target, Map.of("migration.outage-tolerance", "PT5S",
                    "migration.stage.retry-max", "PT2S", "migration.report-dir", REPORTS.toString()));
        }
    }

    @Inject
    MigrationRunner runner;

    @Inject
    RunRegistry runs;

    @AfterAll
    static void stop() {
        if (target != null) {
            target.close();
            target = null;
        }
    }

    @Test
    void anOutageBeyondTheToleranceFailsTheRunAndASecondRunCompletesIt() throws Exception {
        target.reset();
        RunOutcome failed;
        try (AutoCloseable midRun = EmulatorResource.incidentAfter(target, 100, Incident.outage(Duration.ofSeconds(20), 0))) {
            failed = runner.runFull();
        }

        assertEquals(RunStatus.FAILED, failed.status(), failed.message());
        assertEquals(1, failed.exitCode());
        assertTrue(failed.message().contains("migration.outage-tolerance"), failed.message());
        assertEquals(Optional.of("FAILED"), runs.status(failed.runId()));
        ReportFile report = ReportFile.of(REPORTS, failed.reconciliation().runNumber());
        assertEquals("FAILED", report.root().path("status").asText(), "the failed run's reconciliation is written");
        assertEquals(0, failed.reconciliation().deadLetters(), "waiting for Dataverse gives up no record");

        while (target.incidentInProgress()) {
            sleep(200);
        }
        RunOutcome second = runner.runFull();
        assertEquals(RunStatus.COMPLETE, second.status(), second.message());
        DataverseTestClient dataverse = new DataverseTestClient(target.baseUrl());
        assertEquals(149, dataverse.query("contacts", "contactid", "startswith(new_gensolveid,'client-')").size());
        assertEquals(40, dataverse.query("contacts", "contactid", "startswith(new_gensolveid,'referrer-')").size());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
