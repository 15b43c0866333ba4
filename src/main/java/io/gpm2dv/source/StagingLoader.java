package io.gpm2dv.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gpm2dv.source.ExportPackage.ManifestFile;

/**
 * Fills the {@code GPX_*} staging tables from a verified export package: every row with typed binds (dates as
 * {@link LocalDate}, timestamps as {@link OffsetDateTime}, texts as character streams), every present document
 * as a BLOB streamed from its file, and the manifest as {@code GPX_EXPORT}/{@code GPX_EXPORT_FILE}. The tables must
 * exist and be empty ({@link StagingTables#script}). A row the package rejects cannot be typed into a column, so
 * loading stops and names it: staging tables hold valid rows only.
 */
public final class StagingLoader {
    private static final int BATCH = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private StagingLoader() {
    }

    /** Loads {@code pkg} through {@code c} (auto-commit is switched off and one commit ends the load). */
    public static void load(ExportPackage pkg, Connection c) throws IOException, SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            for (GpmFile file : GpmFile.values()) {
                loadRows(pkg, file, c);
            }
            loadDocuments(pkg, c);
            loadManifest(pkg, c);
            c.commit();
        } catch (IOException | SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static void loadRows(ExportPackage pkg, GpmFile file, Connection c) throws IOException, SQLException {
        List<ColumnSpec> columns = ExportSchema.of(file).columns();
        String sql = "INSERT INTO " + StagingTables.table(file) + " ("
                + columns.stream().map(col -> StagingTables.column(col.name())).collect(Collectors.joining(", "))
                + ") VALUES (" + columns.stream().map(col -> "?").collect(Collectors.joining(", ")) + ")";
        try (RowStream rows = pkg.rows(file); PreparedStatement ps = c.prepareStatement(sql)) {
            int pending = 0;
            while (rows.hasNext()) {
                RowResult r = rows.next();
                if (r instanceof RejectedRow bad) {
                    throw new IOException(file.fileName() + " row " + bad.rowNumber() + " cannot be staged: "
                            + bad.reason());
                }
                SourceRow row = (SourceRow) r;
                for (int i = 0; i < columns.size(); i++) {
                    bind(ps, i + 1, columns.get(i).type(), row.get(columns.get(i).name()));
                }
                ps.addBatch();
                if (++pending == BATCH) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        } catch (IOException | SQLException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    static void bind(PreparedStatement ps, int index, ColumnType type, String value) throws SQLException {
        switch (type.kind()) {
            case ID, INTEGER, DECIMAL -> ps.setBigDecimal(index, value == null ? null : new BigDecimal(value));
            case DATE -> ps.setObject(index, value == null ? null : LocalDate.parse(value));
            case TIMESTAMP -> ps.setObject(index, value == null ? null : OffsetDateTime.parse(value));
            case TEXT, JSON, JSON_STRINGS -> {
                if (value == null) {
                    ps.setNull(index, java.sql.Types.CLOB);
                } else {
                    ps.setCharacterStream(index, new StringReader(value), value.length());
                }
            }
            case STRING, CODE, BOOLEAN -> ps.setString(index, value);
        }
    }

    /** Every document whose file is in the package: a missing file has no content row (§9). */
    private static void loadDocuments(ExportPackage pkg, Connection c) throws IOException, SQLException {
        SourceDocuments files = pkg.documents();
        try (RowStream rows = pkg.rows(GpmFile.DOCUMENTS); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO " + StagingTables.DOCUMENT_CONTENT + " (DOCUMENT_ID, CONTENT) VALUES (?, ?)")) {
            while (rows.hasNext()) {
                if (!(rows.next() instanceof SourceRow row)) {
                    continue;
                }
                String path = row.get("stored_path");
                var facts = files.facts(path); // empty when the file is missing (H10) or the path leaves the package
                if (facts.isEmpty()) {
                    continue;
                }
                try (InputStream in = files.open(path)) {
                    ps.setLong(1, row.id());
                    ps.setBinaryStream(2, in, facts.get().size());
                    ps.executeUpdate(); // one at a time: a batch would hold every stream open
                }
            }
        } catch (IOException | SQLException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private static void loadManifest(ExportPackage pkg, Connection c) throws IOException, SQLException {
        JsonNode m = JSON.readTree(pkg.dir().resolve(ManifestReader.MANIFEST).toFile());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + StagingTables.EXPORT + " (FORMAT, SCHEMA_VERSION,"
                + " EXPORT_ID, PRACTICE_NAME, SOURCE_PRODUCT, SOURCE_REGION, SOURCE_TIMEZONE, CURRENCY, EXPORTED_AT,"
                + " DATA_CUTOFF_AT, PRODUCER, DOCUMENTS_COUNT, DOCUMENTS_BYTES, DOCUMENTS_MISSING, WARNINGS)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int i = 1;
            for (String key : new String[] {"format", "schema_version", "export_id", "practice_name", "source_product",
                    "source_region", "source_timezone", "currency"}) {
                ps.setString(i++, m.path(key).asText());
            }
            ps.setObject(i++, OffsetDateTime.parse(m.path("exported_at").asText()));
            ps.setObject(i++, OffsetDateTime.parse(m.path("data_cutoff_at").asText()));
            ps.setString(i++, m.path("producer").asText());
            ps.setLong(i++, m.path("documents").path("count").asLong());
            ps.setLong(i++, m.path("documents").path("bytes").asLong());
            ps.setLong(i++, m.path("documents").path("missing").asLong());
            String warnings = JSON.writeValueAsString(m.path("warnings"));
            ps.setCharacterStream(i, new StringReader(warnings), warnings.length());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + StagingTables.EXPORT_FILE
                + " (NAME, ROWS_COUNT, BYTES, SHA256, REQUIRED) VALUES (?, ?, ?, ?, ?)")) {
            for (ManifestFile f : pkg.manifest().files()) {
                ps.setString(1, f.name());
                ps.setLong(2, f.rows());
                ps.setLong(3, f.bytes());
                ps.setString(4, f.sha256());
                ps.setString(5, f.required() ? "Y" : "N");
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Runs the DDL of {@code dialect} through {@code c}. */
    public static void createTables(Connection c, StagingTables.Dialect dialect) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String ddl : StagingTables.ddl(dialect)) {
                s.execute(ddl);
            }
        }
    }

    /**
     * A DBA's loader: {@code java -cp <app classpath> io.gpm2dv.source.StagingLoader <export dir> <jdbc url> <user>}
     * with the password in {@code GENSOLVE_DB_PASSWORD}; verifies the package, then fills the existing empty tables.
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: StagingLoader <export dir> <jdbc url> <user>   (password in GENSOLVE_DB_PASSWORD)");
            System.exit(2);
        }
        ExportPackage pkg = ExportPackage.open(Path.of(args[0]));
        try (Connection c = DriverManager.getConnection(args[1], args[2], System.getenv("GENSOLVE_DB_PASSWORD"))) {
            load(pkg, c);
        }
        System.out.println("loaded export " + pkg.manifest().exportId());
    }
}
