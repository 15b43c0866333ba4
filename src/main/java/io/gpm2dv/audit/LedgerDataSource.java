package io.gpm2dv.audit;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.agroal.DataSource;

/**
 * The ledger's database. Quarkus fixes a datasource's driver at build time, so the artifact carries one datasource
 * per supported kind (H2 unnamed, {@code postgresql}, {@code oracle}); the run-time profiles {@code postgresql} and
 * {@code oracle} activate theirs. The ledger uses whichever named one is active, else H2.
 */
@ApplicationScoped
public class LedgerDataSource {
    @ConfigProperty(name = "quarkus.datasource.\"postgresql\".active", defaultValue = "false")
    boolean postgresqlActive;

    @ConfigProperty(name = "quarkus.datasource.\"oracle\".active", defaultValue = "false")
    boolean oracleActive;

    @Inject
    @Any
    InjectableInstance<AgroalDataSource> dataSources;

    private volatile AgroalDataSource selected;

    public Connection getConnection() throws SQLException {
        return dataSource().getConnection();
    }

    /** {@code h2}, {@code postgresql} or {@code oracle}: also names the folder of the ledger's SQL migrations. */
    public String kind() {
        return postgresqlActive ? "postgresql" : oracleActive ? "oracle" : "h2";
    }

    /** The active ledger datasource (for Flyway). */
    public AgroalDataSource dataSource() {
        AgroalDataSource ds = selected;
        if (ds == null) {
            ds = "h2".equals(kind()) ? dataSources.select(Default.Literal.INSTANCE).get()
                    : dataSources.select(new DataSource.DataSourceLiteral(kind())).get();
            selected = ds;
        }
        return ds;
    }
}
