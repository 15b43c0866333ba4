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

/** A package whose manifest does not match its files is refused before anything moves (exit code 2). */
@QuarkusTest
@TestProfile(DamagedExportProfiles.ChecksumMismatch.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(EmulatorResource.class)
class RefusedExportTest {
    @Inject
    MigrationRunner runner;

    @Test
    void aChecksumMismatchRefusesTheRunAndWritesNothing() {
        String before = EmulatorResource.emulator().stateAsJson();
        RunOutcome outcome = runner.runFull();
        assertEquals(RunStatus.REFUSED, outcome.status());
        assertEquals(2, outcome.exitCode());
        assertTrue(outcome.message().startsWith("clients.csv: "), outcome.message());
        assertTrue(outcome.message().contains("sha256"), outcome.message());
        assertEquals(before, EmulatorResource.emulator().stateAsJson(), "nothing may reach Dataverse");
    }
}
