package io.gpm2dv.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.resource.LoadableResource;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Applies the ledger's versioned SQL migrations ({@code db/<kind>/V<n>__*.sql}) with Flyway at start. Flyway
 * takes a lock first (an advisory lock on PostgreSQL, a table lock on H2 and Oracle), so pods starting together
 * apply each version once, one after the other; on PostgreSQL and H2 each version runs in one transaction, so a
 * failure leaves no half-applied version (Oracle commits DDL statement by statement: a failed version is reported
 * and must be repaired before the next start). The migrations are listed here rather than found by scanning the
 * class path, which the packaged application's class loader does not offer for folders.
 */
@ApplicationScoped
public class LedgerSchema {
    private static final Logger LOG = Logger.getLogger(LedgerSchema.class);
    /** In order; a new version is a new file in each {@code db/<kind>/} and a new line here, never an edit of an applied one. */
    static final List<String> VERSIONS = List.of("V1__ledger", "V2__audit_owner_practitioner",
            "V3__dead_letter_position_and_migration_id", "V4__skip_rule", "V5__mapping_confirmation", "V6__run_lifecycle",
            "V7__audit_application_user", "V8__audit_record_index");
    /** Flyway's history table. */
    static final String HISTORY_TABLE = "gpm_schema_history";
    /** The history of the migrations the product applied itself before Flyway took over (V1 and V2). */
    static final String LEGACY_TABLE = "gpm_schema_version";

    @Inject
    LedgerDataSource dataSource;

    // off in a process that runs no pipeline (the standalone emulator profile): it has no ledger to prepare
    @ConfigProperty(name = "gpm2dv.pipeline.enabled", defaultValue = "true")
    boolean pipelineEnabled;

    private volatile boolean migrated;

    void onStart(@Observes @Priority(10) StartupEvent event) {
        if (pipelineEnabled) {
            ensureMigrated();
        }
    }

    /** Brings the ledger to the newest version; safe to call from several processes at once. */
    public void migrate() {
        migrate(dataSource.dataSource(), dataSource.kind());
        migrated = true;
    }

    /**
     * Migrates once per process: for whatever reads the ledger before the startup event (the topics are provisioned
     * from the map in force while Camel starts, and an uploaded map lives in the ledger).
     */
    public synchronized void ensureMigrated() {
        if (!migrated) {
            migrate();
        }
    }

    /** Brings the ledger in {@code ds} (of database kind {@code kind}) to the newest version. */
    static void migrate(DataSource ds, String kind) {
        try {
            baselineLegacyLedger(ds, kind);
            MigrateResult result = configuration(ds, kind).load().migrate();
            if (result.migrationsExecuted > 0) {
                LOG.infof("Ledger schema: %d version(s) applied, now at V%s (%s)", result.migrationsExecuted,
                        result.targetSchemaVersion, kind);
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot prepare the ledger database (" + kind + "): "
                    + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static FluentConfiguration configuration(DataSource ds, String kind) {
        return Flyway.configure(LedgerSchema.class.getClassLoader())
                .dataSource(ds)
                .table(HISTORY_TABLE)
                .resourceProvider(new Migrations(kind))
                .validateMigrationNaming(true);
    }

    /**
     * A ledger whose V1 and V2 were applied by the product's own runner before Flyway took over: Flyway records it
     * at the newest version that runner applied and goes on from there.
     */
    private static void baselineLegacyLedger(DataSource ds, String kind) {
        String newest = null;
        try (Connection c = ds.getConnection()) {
            if (!tableExists(c, LEGACY_TABLE) || tableExists(c, HISTORY_TABLE)) {
                return;
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM " + LEGACY_TABLE)) {
                while (rs.next()) {
                    int v = Integer.parseInt(rs.getString(1).replaceFirst("^V(\\d+)__.*$", "$1"));
                    newest = newest == null || v > Integer.parseInt(newest) ? Integer.toString(v) : newest;
                }
            }
        } catch (SQLException e) {
            throw new LedgerException("read the legacy schema versions", e);
        }
        if (newest != null) {
            configuration(ds, kind).baselineVersion(newest).baselineDescription("applied before Flyway (" + LEGACY_TABLE + ")")
                    .load().baseline();
            LOG.infof("Ledger schema: versions up to V%s were applied before Flyway; recorded as its baseline", newest);
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

    /** The migrations of one database kind, read from the class path by name. */
    static final class Migrations implements ResourceProvider {
        private final String kind;

        Migrations(String kind) {
            this.kind = kind;
        }

        @Override
        public LoadableResource getResource(String name) {
            return VERSIONS.stream().map(v -> v + ".sql").filter(name::endsWith).findFirst().map(this::resource).orElse(null);
        }

        @Override
        public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
            return VERSIONS.stream().map(v -> v + ".sql")
                    .filter(f -> f.startsWith(prefix) && Arrays.stream(suffixes).anyMatch(f::endsWith))
                    .map(this::resource).toList();
        }

        private LoadableResource resource(String fileName) {
            String path = "db/" + kind + "/" + fileName;
            String sql;
            try (InputStream in = LedgerSchema.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("no ledger migration " + path + " for database kind '" + kind + "'");
                }
                sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new LoadableResource() {
                @Override
                public Reader read() {
                    return new StringReader(sql);
                }

                @Override
                public String getAbsolutePath() {
                    return path;
                }

                @Override
                public String getAbsolutePathOnDisk() {
                    return path;
                }

                @Override
                public String getFilename() {
                    return fileName;
                }

                @Override
                public String getRelativePath() {
                    return fileName;
                }
            };
        }
    }
}
