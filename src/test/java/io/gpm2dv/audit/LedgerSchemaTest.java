package io.gpm2dv.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The ledger schema under Flyway: pods starting together apply each version exactly once, and a ledger whose first
 * versions the product applied itself before Flyway is taken over where it stands.
 */
class LedgerSchemaTest {

    @Test
    void twoProcessesMigratingTheSameH2LedgerAtOnceApplyEachVersionOnce() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:schema-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        migrateTwiceAtOnce(ds, "h2");
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "GPM2DV_TEST_POSTGRES_URL", matches = ".+")
    void twoProcessesMigratingTheSamePostgresLedgerAtOnceApplyEachVersionOnce() throws Exception {
        PGSimpleDataSource admin = postgres(null);
        String schema = "schema_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        migrateTwiceAtOnce(postgres(schema), "postgresql");
    }

    @Test
    void aLedgerMigratedBeforeFlywayIsTakenOverAtItsVersion() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:legacy-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE gpm_schema_version (version VARCHAR(100) PRIMARY KEY)");
            for (String v : List.of("V1__ledger", "V2__audit_owner_practitioner")) {
                for (String sql : statements("db/h2/" + v + ".sql")) {
                    s.execute(sql);
                }
                s.execute("INSERT INTO gpm_schema_version VALUES ('" + v + "')");
            }
        }
        LedgerSchema.migrate(ds, "h2");
        assertEquals(List.of("2:BASELINE", "3:SQL", "4:SQL", "5:SQL", "6:SQL", "7:SQL", "8:SQL"), history(ds), "later versions applied on top");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM gpm_migration")) {
            assertTrue(rs.next(), "V3 was applied on top");
        }
    }

    private static void migrateTwiceAtOnce(DataSource ds, String kind) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> pods = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            pods.add(CompletableFuture.runAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                LedgerSchema.migrate(ds, kind);
            }));
        }
        start.countDown();
        for (CompletableFuture<Void> pod : pods) {
            pod.get(); // neither fails
        }
        List<String> expected = new ArrayList<>();
        for (int v = 1; v <= LedgerSchema.VERSIONS.size(); v++) {
            expected.add(v + ":SQL");
        }
        assertEquals(expected, history(ds), "each version applied once");
    }

    private static List<String> history(DataSource ds) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT \"version\", \"type\", \"success\" FROM "
                        + "\"" + LedgerSchema.HISTORY_TABLE + "\"" + " WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            while (rs.next()) {
                assertTrue(rs.getBoolean(3), "version " + rs.getString(1) + " succeeded");
                out.add(rs.getString(1) + ":" + rs.getString(2));
            }
        }
        return out;
    }

    private static List<String> statements(String resource) throws Exception {
        try (InputStream in = LedgerSchemaTest.class.getClassLoader().getResourceAsStream(resource)) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
            return java.util.Arrays.stream(sql.split(";")).map(String::trim).filter(x -> !x.isEmpty()).toList();
        }
    }

    private static PGSimpleDataSource postgres(String schema) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(System.getenv("GPM2DV_TEST_POSTGRES_URL"));
        ds.setUser(System.getenv("GPM2DV_TEST_POSTGRES_USER"));
        ds.setPassword(System.getenv("GPM2DV_TEST_POSTGRES_PASSWORD"));
        if (schema != null) {
            ds.setCurrentSchema(schema);
        }
        return ds;
    }
}
