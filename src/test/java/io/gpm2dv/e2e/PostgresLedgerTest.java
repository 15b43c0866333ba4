package io.gpm2dv.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import io.gpm2dv.pipeline.RunStatus;
import io.gpm2dv.audit.LedgerDataSource;
import io.gpm2dv.reconcile.ObjectReconciliation;
import io.gpm2dv.run.MigrationRunner;
import io.gpm2dv.run.RunOutcome;
import io.gpm2dv.testing.EmulatorResource;
import io.gpm2dv.testing.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The same artifact with its ledger on a real PostgreSQL server, chosen at run time. Runs where a server is given
 * ({@code .ci/run} starts one and sets {@code GPM2DV_TEST_POSTGRES_URL}, {@code _USER}, {@code _PASSWORD}).
 */
@QuarkusTest
@TestProfile(PostgresLedgerTest.OnPostgres.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(EmulatorResource.class)
@EnabledIfEnvironmentVariable(named = "GPM2DV_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")
class PostgresLedgerTest {
    // "" when no server is given: JUnit may build the profile before it reads the condition that skips the class
    static final String URL = System.getenv().getOrDefault("GPM2DV_TEST_POSTGRES_URL", "");
    static final String USER = System.getenv().getOrDefault("GPM2DV_TEST_POSTGRES_USER", "");
    static final String PASSWORD = System.getenv().getOrDefault("GPM2DV_TEST_POSTGRES_PASSWORD", "");

    /** What the {@code postgresql} profile sets, plus the server's address. */
    public static class OnPostgres implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.active", "false",
                    "quarkus.datasource.\"postgresql\".active", "true",
                    "quarkus.datasource.\"postgresql\".jdbc.url", URL,
                    "quarkus.datasource.\"postgresql\".username", USER,
                    "quarkus.datasource.\"postgresql\".password", PASSWORD,
                    "migration.report-dir", "target/test-reports/postgresql");
        }
    }

    @Inject
    MigrationRunner runner;

    @Inject
    LedgerDataSource ledger;

    @Test
    void aFullRunKeepsItsAuditLogAndFatesInPostgresql() throws Exception {
        assertEquals("postgresql", ledger.kind());
        RunOutcome outcome = runner.runFull();
        assertEquals(RunStatus.COMPLETE, outcome.status(), outcome.message());
        long loaded = outcome.reconciliation().objects().stream().mapToLong(ObjectReconciliation::loaded).sum()
                + outcome.reconciliation().unmappedNotes().loaded();
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
                PreparedStatement s = c.prepareStatement("SELECT COUNT(DISTINCT record_key) FROM gpm_audit_log WHERE run_id = ?")) {
            s.setString(1, outcome.runId());
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(loaded, rs.getLong(1), "every write of the run is in PostgreSQL's audit log");
            }
        }
    }
}
