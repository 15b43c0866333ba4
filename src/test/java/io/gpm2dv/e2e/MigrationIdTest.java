package io.gpm2dv.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.gpm2dv.pipeline.RunStatus;
import io.gpm2dv.audit.RunRegistry;
import io.gpm2dv.run.MigrationRunner;
import io.gpm2dv.run.RunOutcome;
import io.gpm2dv.testing.EmulatorResource;
import io.gpm2dv.testing.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A ledger remembers the migration id its first run used, because every record id derives from it: a later run
 * under another id (a practice renamed in the export, say) is refused before anything moves.
 */
@QuarkusTest
@TestProfile(MigrationIdTest.OwnLedger.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(EmulatorResource.class)
class MigrationIdTest {
    static final String EARLIER = "Harbourside Physio (before the rename)";

    /** A ledger of its own, so the id recorded here binds no other test. */
    public static class OwnLedger implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.url", "jdbc:h2:mem:ledger-migration-id;DB_CLOSE_DELAY=-1",
                    "migration.report-dir", "target/test-reports/migration-id");
        }
    }

    @Inject
    RunRegistry runs;

    @Inject
    MigrationRunner runner;

    @Test
    void theFirstIdStaysAndAnotherIsRefusedBeforeAnythingMoves() {
        assertEquals(Optional.empty(), runs.fixMigrationId(EARLIER, "first-run"), "the first id is recorded");
        assertEquals(Optional.empty(), runs.fixMigrationId(EARLIER, "second-run"), "the same id again is fine");
        assertEquals(Optional.of(EARLIER), runs.fixMigrationId("Another practice", "third-run"));

        Map<String, Integer> before = EmulatorResource.emulator().deliveries();
        RunOutcome outcome = runner.runFull(); // the export's practice name is not the id this ledger recorded
        assertEquals(RunStatus.REFUSED, outcome.status());
        assertEquals(2, outcome.exitCode());
        assertTrue(outcome.message().contains(EARLIER) && outcome.message().contains("migration.id"), outcome.message());
        assertEquals(before, EmulatorResource.emulator().deliveries(), "nothing moved");
    }
}
