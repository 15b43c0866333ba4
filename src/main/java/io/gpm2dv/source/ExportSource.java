package io.gpm2dv.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.InjectableInstance;

/**
 * The export this process migrates, verified once, and its reference index. {@code gensolve.source} chooses
 * where it comes from: {@code export} (default) reads the CSV package in {@code gensolve.export.dir};
 * {@code oracle} reads the {@code GPX_*} staging tables over the Agroal datasource named by
 * {@code gensolve.oracle.datasource} (default {@code gensolve}), {@code gensolve.oracle.page-size} rows per query.
 * Every stage that needs export data beyond its input topic reads it from here.
 */
@ApplicationScoped
public class ExportSource {
    public static final String EXPORT = "export";
    public static final String ORACLE = "oracle";

    @ConfigProperty(name = "gensolve.export.dir")
    Path exportDir;

    @ConfigProperty(name = "gensolve.source", defaultValue = EXPORT)
    String kind;

    @ConfigProperty(name = "gensolve.oracle.datasource", defaultValue = "gensolve")
    String dataSourceName;

    @ConfigProperty(name = "gensolve.oracle.page-size", defaultValue = "500")
    int pageSize;

    @Inject
    @Any
    InjectableInstance<AgroalDataSource> dataSources;

    private GpmSource source;
    private ExportIndex index;

    /** Opens and verifies the source (manifest, sizes or row counts, headers or columns); a refusal names what. */
    public synchronized GpmSource open() throws ExportRefusedException, IOException {
        if (source == null) {
            source = switch (kind) {
                case EXPORT -> ExportPackage.open(exportDir);
                case ORACLE -> OracleStaging.open(dataSource(), dataSourceName, pageSize);
                default -> throw new ExportRefusedException(null, "gensolve.source is '" + kind + "': expected "
                        + EXPORT + " or " + ORACLE);
            };
        }
        return source;
    }

    /**
     * Forgets the opened source, so the next {@link #open} reads and verifies it again: every run verifies what it
     * loads, and a delta reads the newer export the operator put in place since the last run.
     */
    public synchronized void refresh() {
        source = null;
        index = null;
    }

    public synchronized ExportIndex index() {
        if (index == null) {
            try {
                index = ExportIndex.build(open());
            } catch (ExportRefusedException e) {
                throw new IllegalStateException(e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return index;
    }

    /**
     * Points this process at the other source for its next run ({@code export} or {@code oracle}); what was opened
     * is forgotten. Lets one process compare the two sources on the same data (the equivalence test).
     */
    public synchronized void use(String sourceKind) {
        this.kind = sourceKind;
        this.source = null;
        this.index = null;
    }

    /** {@code export} or {@code oracle}. */
    public synchronized String kind() { return kind; }

    public Path dir() { return exportDir; }

    private AgroalDataSource dataSource() throws ExportRefusedException {
        InjectableInstance<AgroalDataSource> ds = dataSources.select(new DataSource.DataSourceLiteral(dataSourceName));
        if (!ds.isResolvable()) {
            throw new ExportRefusedException(null, "gensolve.source is oracle but no datasource '" + dataSourceName
                    + "' is configured (quarkus.datasource.\"" + dataSourceName + "\".*)");
        }
        return ds.get();
    }
}
