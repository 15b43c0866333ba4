package io.gpm2dv.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.gpm2dv.reconcile.ObjectReconciliation;
import io.gpm2dv.run.MigrationRunner;
import io.gpm2dv.run.RunOutcome;
import io.gpm2dv.testing.DataverseTestClient;
import io.gpm2dv.testing.EmulatorResource;
import io.gpm2dv.testing.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A row that fails validation is dead-lettered with file, row, column and reason; every other row loads. */
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
    void theBadRowIsDeadLetteredAndTheRestLoad() {
        RunOutcome outcome = runner.runFull();
        assertEquals(RunOutcome.Status.COMPLETE, outcome.status(), outcome.message());
        ObjectReconciliation clients = outcome.reconciliation().objects().stream()
                .filter(o -> o.object().equals("clients")).findFirst().orElseThrow();
        assertEquals(150, clients.exportRows());
        assertEquals(149, clients.extracted());
        assertEquals(1, clients.rejected());
        assertEquals(148, clients.loaded());
        assertTrue(clients.balanced());

        Map<String, String> dead = outcome.reconciliation().deadLettered().stream()
                .filter(d -> "clients.csv".equals(d.get("file"))).findFirst().orElseThrow();
        assertEquals("extract", dead.get("stage"));
        assertEquals("51", dead.get("row"), "client 1051 is the 51st data record");
        assertEquals("date_of_birth", dead.get("column"));
        assertTrue(dead.get("reason").contains("calendar date"), dead.get("reason"));

        DataverseTestClient dataverse = EmulatorResource.client();
        assertTrue(dataverse.query("contacts", "contactid", "new_gensolveid eq 'client-1051'").isEmpty());
        assertEquals(148, dataverse.query("contacts", "contactid", "startswith(new_gensolveid,'client-')").size());
    }
}
