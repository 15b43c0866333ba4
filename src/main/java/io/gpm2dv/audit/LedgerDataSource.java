package io.gpm2dv.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

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
 * per supported kind (H2 unnamed, {@code postgresql}, {@code oracle}), all but one inactive; this picks the one
 * {@code gpm2dv.ledger.db-kind} names (set by the run-time profiles {@code postgresql} and {@code oracle}).
 */
@ApplicationScoped
public class LedgerDataSource {
    @ConfigProperty(name = "gpm2dv.ledger.db-kind", defaultValue = "h2")
    String kind;

    @Inject
    @Any
    InjectableInstance<AgroalDataSource> dataSources;

    private volatile AgroalDataSource selected;

    public Connection getConnection() throws SQLException {
        return dataSource().getConnection();
    }

    /** {@code h2}, {@code postgresql} or {@code oracle}: also names the folder of the ledger's SQL migrations. */
    public String kind() {
        return kind.toLowerCase(Locale.ROOT);
    }

    private AgroalDataSource dataSource() {
        AgroalDataSource ds = selected;
        if (ds == null) {
            ds = switch (kind()) {
                case "h2" -> dataSources.select(Default.Literal.INSTANCE).get();
                case "postgresql", "oracle" -> dataSources.select(new DataSource.DataSourceLiteral(kind())).get();
                default -> throw new IllegalStateException("gpm2dv.ledger.db-kind must be h2, postgresql or oracle, not '"
                        + kind + "'");
            };
            selected = ds;
        }
        return ds;
    }
}
