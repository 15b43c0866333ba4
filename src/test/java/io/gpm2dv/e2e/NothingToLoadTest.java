package io.gpm2dv.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.gpm2dv.pipeline.RunStatus;
import io.gpm2dv.run.MigrationRunner;
import io.gpm2dv.run.RunOutcome;
import io.gpm2dv.testing.EmulatorResource;
import io.gpm2dv.testing.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A valid package with nothing in it runs, but is reported as failed (exit code 1): a migration that loads nothing is not one. */
@QuarkusTest
@TestProfile(DamagedExportProfiles.NothingToLoad.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(EmulatorResource.class)
class NothingToLoadTest {
    @Inject
    MigrationRunner runner;

    @Test
    void aRunThatLoadsNothingIsReportedAsIncomplete() {
        RunOutcome outcome = runner.runFull();
        assertEquals(RunStatus.INCOMPLETE, outcome.status());
        assertEquals(1, outcome.exitCode());
        assertEquals(RunStatus.INCOMPLETE, outcome.reconciliation().status());
        assertTrue(outcome.reconciliation().problems().contains("the run loaded nothing"), outcome.message());
    }
}
