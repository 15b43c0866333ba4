package io.gpm2dv.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Applies the ledger's versioned SQL migrations ({@code db/<db-kind>/V<n>__*.sql}) once each, recording them in
 * {@code gpm_schema_version}, so H2, PostgreSQL and Oracle get the same tables from plain SQL files.
 */
@ApplicationScoped
public class LedgerSchema {
    private static final Logger LOG = Logger.getLogger(LedgerSchema.class);
    /** In order; a new version is a new file here, never an edit of an applied one. */
    static final List<String> VERSIONS = List.of("V1__ledger", "V2__audit_owner_practitioner");

    @Inject
    LedgerDataSource dataSource;

    // off in a process that runs no pipeline (the standalone emulator profile): it has no ledger to prepare
    @ConfigProperty(name = "gpm2dv.pipeline.enabled", defaultValue = "true")
    boolean pipelineEnabled;

    void onStart(@Observes @Priority(10) StartupEvent event) {
        if (pipelineEnabled) {
            migrate();
        }
    }

    public synchronized void migrate() {
        try (Connection c = dataSource.getConnection()) {
            if (!tableExists(c, "gpm_schema_version")) {
                exec(c, "CREATE TABLE gpm_schema_version (version VARCHAR(100) PRIMARY KEY)");
            }
            for (String version : VERSIONS) {
                if (!applied(c, version)) {
                    for (String statement : statements(version)) {
                        exec(c, statement);
                    }
                    exec(c, "INSERT INTO gpm_schema_version (version) VALUES ('" + version + "')");
                    LOG.infof("Ledger schema %s applied (%s)", version, dataSource.kind());
                }
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot prepare the ledger database: " + e.getMessage(), e);
        }
    }

    private List<String> statements(String version) throws IOException {
        String kind = dataSource.kind();
        String resource = "/db/" + kind + "/" + version + ".sql";
        try (InputStream in = LedgerSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no ledger schema for database kind '" + kind + "' (" + resource + ")");
            }
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
            return java.util.Arrays.stream(sql.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
            try (ResultSet rs = md.getTables(null, null, name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean applied(Connection c, String version) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM gpm_schema_version WHERE version = '" + version + "'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
