package io.gpm2dv.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.gpm2dv.pipeline.RunStatus;
import io.gpm2dv.reconcile.ObjectReconciliation;
import io.gpm2dv.run.MigrationRunner;
import io.gpm2dv.run.RunOutcome;
import io.gpm2dv.testing.DataverseTestClient;
import io.gpm2dv.testing.EmulatorResource;
import io.gpm2dv.testing.KafkaBrokerResource;
import io.gpm2dv.testing.ReportFile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A row that fails validation is dead-lettered with file, row, column and reason; every other row loads, and the
 * run ends COMPLETE_WITH_FAILURES (exit 3), not COMPLETE.
 */
@QuarkusTest
@TestProfile(DamagedExportProfiles.BadRow.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(EmulatorResource.class)
class BadRowTest {
    @Inject
    MigrationRunner runner;

    @BeforeAll
    static void emptyTarget() {
        EmulatorResource.emulator().reset();
    }

    @Test
    void theBadRowIsDeadLetteredTheRestLoadAndTheRunSaysSo() {
        RunOutcome outcome = runner.runFull();
        assertEquals(RunStatus.COMPLETE_WITH_FAILURES, outcome.status(), outcome.message());
        assertEquals(3, outcome.exitCode(), "a run with a dead letter never exits 0");
        ObjectReconciliation clients = outcome.reconciliation().objects().stream()
                .filter(o -> o.object().equals("clients")).findFirst().orElseThrow();
        assertEquals(150, clients.exportRows());
        assertEquals(149, clients.extracted());
        assertEquals(1, clients.rejected());
        assertEquals(148, clients.loaded());
        assertTrue(clients.balanced());

        assertEquals(1, outcome.reconciliation().deadLetters());
        JsonNode dead = ReportFile.of(Path.of("target/test-reports/bad-row"), outcome.reconciliation().runNumber())
                .list("deadLettered").stream().filter(d -> "clients.csv".equals(d.path("file").asText())).findFirst()
                .orElseThrow();
        assertEquals("extract", dead.path("stage").asText());
        assertEquals("51", dead.path("row").asText(), "client 1051 is the 51st data record");
        assertEquals("date_of_birth", dead.path("column").asText());
        assertTrue(dead.path("reason").asText().contains("calendar date"), dead.path("reason").asText());
        assertFalse(dead.toString().contains(DamagedExportProfiles.BadRow.BAD_DOB), "the report never carries the value");

        DataverseTestClient dataverse = EmulatorResource.client();
        assertTrue(dataverse.query("contacts", "contactid", "new_gensolveid eq 'client-1051'").isEmpty());
        assertEquals(148, dataverse.query("contacts", "contactid", "startswith(new_gensolveid,'client-')").size());
    }
}
