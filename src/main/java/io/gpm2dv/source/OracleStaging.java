package io.gpm2dv.source;

import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gpm2dv.source.ExportPackage.Manifest;
import io.gpm2dv.source.ExportPackage.ManifestFile;

/**
 * The export as Oracle {@code GPX_*} staging tables (export format §9), read over JDBC. Opening checks what the
 * package form checks where a table can be checked: the manifest assembled from {@code GPX_EXPORT} and
 * {@code GPX_EXPORT_FILE} passes the same rules as {@code manifest.json}; every required table is listed and has
 * every documented column; {@code COUNT(*)} of each listed table equals {@code ROWS_COUNT}. {@code BYTES} and
 * {@code SHA256} describe the CSV the rows came from (a table has no canonical bytes: §9 allows other quoting) and
 * are kept for traceability, not verified.
 */
public final class OracleStaging implements GpmSource {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Stands in for an unset {@code SHA256} so the manifest checks apply unchanged; never compared. */
    private static final String NO_SHA256 = "0".repeat(64);

    private final DataSource dataSource;
    private final String name;
    private final Manifest manifest;
    private final int pageSize;
    private final int maxFieldChars;
    private final Map<GpmFile, Boolean> present;

    private OracleStaging(DataSource dataSource, String name, Manifest manifest, int pageSize, int maxFieldChars,
            Map<GpmFile, Boolean> present) {
        this.dataSource = dataSource;
        this.name = name;
        this.manifest = manifest;
        this.pageSize = pageSize;
        this.maxFieldChars = maxFieldChars;
        this.present = present;
    }

    /** Verifies the staging tables behind {@code dataSource}; a refusal names the table and the mismatch. */
    public static OracleStaging open(DataSource dataSource, String name, int pageSize)
            throws ExportRefusedException, IOException {
        return open(dataSource, name, pageSize, CsvReader.DEFAULT_MAX_FIELD_CHARS);
    }

    static OracleStaging open(DataSource dataSource, String name, int pageSize, int maxFieldChars)
            throws ExportRefusedException, IOException {
        if (pageSize < 1) {
            throw new ExportRefusedException(null, "gensolve.oracle.page-size must be at least 1, not " + pageSize);
        }
        try (Connection c = dataSource.getConnection()) {
            Manifest manifest = manifest(c);
            Map<GpmFile, Boolean> present = verify(c, manifest);
            return new OracleStaging(dataSource, name, manifest, pageSize, maxFieldChars, present);
        } catch (SQLException e) {
            throw new IOException("the staging tables of datasource '" + name + "' cannot be read: " + e.getMessage(), e);
        }
    }

    private static Manifest manifest(Connection c) throws SQLException, ExportRefusedException, IOException {
        ObjectNode root = JSON.createObjectNode();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT FORMAT, SCHEMA_VERSION, EXPORT_ID, PRACTICE_NAME, SOURCE_PRODUCT,"
                        + " SOURCE_REGION, SOURCE_TIMEZONE, CURRENCY, EXPORTED_AT, DATA_CUTOFF_AT, PRODUCER,"
                        + " DOCUMENTS_COUNT, DOCUMENTS_BYTES, DOCUMENTS_MISSING, WARNINGS FROM " + StagingTables.EXPORT)) {
            if (!rs.next()) {
                throw new ExportRefusedException(StagingTables.EXPORT, "has no row: the export was not loaded");
            }
            for (String key : new String[] {"format", "schema_version", "export_id", "practice_name", "source_product",
                    "source_region", "source_timezone", "currency", "producer"}) {
                String v = rs.getString(StagingTables.column(key));
                if (v != null) {
                    root.put(key, v);
                }
            }
            for (String key : new String[] {"exported_at", "data_cutoff_at"}) {
                String v = StagingValues.timestamp(rs.getObject(StagingTables.column(key), OffsetDateTime.class));
                if (!v.isEmpty()) {
                    root.put(key, v);
                }
            }
            ObjectNode documents = root.putObject("documents");
            documents.put("count", rs.getLong("DOCUMENTS_COUNT"));
            documents.put("bytes", rs.getLong("DOCUMENTS_BYTES"));
            documents.put("missing", rs.getLong("DOCUMENTS_MISSING"));
            try (Reader warnings = rs.getCharacterStream("WARNINGS")) {
                root.set("warnings", warnings == null ? null : JSON.readTree(warnings));
            }
            if (rs.next()) {
                throw new ExportRefusedException(StagingTables.EXPORT, "has more than one row: which export is meant?");
            }
        }
        ArrayNode files = root.putArray("files");
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT NAME, ROWS_COUNT, BYTES, SHA256, REQUIRED FROM "
                        + StagingTables.EXPORT_FILE)) {
            java.util.TreeMap<String, ObjectNode> inOrder = new java.util.TreeMap<>(OracleStaging::fileOrder);
            while (rs.next()) {
                ObjectNode f = JSON.createObjectNode();
                inOrder.put(rs.getString("NAME"), f);
                f.put("name", rs.getString("NAME"));
                f.put("rows", rs.getLong("ROWS_COUNT"));
                f.put("bytes", rs.getLong("BYTES"));
                String sha = rs.getString("SHA256");
                f.put("sha256", sha == null ? NO_SHA256 : sha);
                f.put("required", "Y".equals(rs.getString("REQUIRED")));
            }
            inOrder.values().forEach(files::add);
        }
        try {
            return ManifestReader.check(root);
        } catch (ExportRefusedException e) {
            // the same rule, named after the tables that broke it
            throw new ExportRefusedException(StagingTables.EXPORT + "/" + StagingTables.EXPORT_FILE,
                    e.getMessage().replaceFirst("^" + ManifestReader.MANIFEST + ": ", ""));
        }
    }

    /** A table has no order of rows: files are listed in §4 order, as the package's manifest lists them. */
    private static int fileOrder(String a, String b) {
        GpmFile fa = GpmFile.byFileName(a);
        GpmFile fb = GpmFile.byFileName(b);
        int oa = fa == null ? Integer.MAX_VALUE : fa.ordinal();
        int ob = fb == null ? Integer.MAX_VALUE : fb.ordinal();
        return oa != ob ? Integer.compare(oa, ob) : a.compareTo(b);
    }

    /** Which tables hold the export's files; refuses as {@link PackageVerifier} does for files on disk. */
    private static Map<GpmFile, Boolean> verify(Connection c, Manifest manifest) throws ExportRefusedException {
        Map<GpmFile, Boolean> present = new HashMap<>();
        for (GpmFile file : GpmFile.values()) {
            String table = StagingTables.table(file);
            ManifestFile listed = manifest.file(file.fileName());
            String problem = columnsProblem(c, file);
            if (file.required() && listed == null) {
                throw new ExportRefusedException(table, file.fileName() + " is not listed in " + StagingTables.EXPORT_FILE);
            }
            if (problem != null && (listed != null || file.required())) {
                throw new ExportRefusedException(table, problem);
            }
            if (problem != null) {
                present.put(file, false); // an optional table that is not there: no rows, as an absent optional file
                continue;
            }
            long rows = count(c, table);
            if (listed == null) {
                if (rows > 0) {
                    throw new ExportRefusedException(table, "has " + rows + " rows but " + file.fileName()
                            + " is not listed in " + StagingTables.EXPORT_FILE + ", so they cannot be verified");
                }
                present.put(file, false);
                continue;
            }
            if (rows != listed.rows()) {
                throw new ExportRefusedException(table, "has " + rows + " rows but " + StagingTables.EXPORT_FILE
                        + " says " + listed.rows());
            }
            present.put(file, true);
        }
        return present;
    }

    /** Null when the table has every documented column, else what is wrong (the driver's words, no data). */
    private static String columnsProblem(Connection c, GpmFile file) {
        String sql = "SELECT " + ExportSchema.of(file).columns().stream().map(col -> StagingTables.column(col.name()))
                .collect(Collectors.joining(", ")) + " FROM " + StagingTables.table(file) + " WHERE 1 = 0";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return null;
        } catch (SQLException e) {
            return "is missing or lacks a documented column (" + e.getMessage() + ")";
        }
    }

    private static long count(Connection c, String table) throws ExportRefusedException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new ExportRefusedException(table, "cannot be counted (" + e.getMessage() + ")");
        }
    }

    @Override
    public Manifest manifest() {
        return manifest;
    }

    @Override
    public RowStream rows(GpmFile file) {
        if (!present.getOrDefault(file, false)) {
            return CsvRowStream.empty();
        }
        return new JdbcRowStream(dataSource, file, pageSize, maxFieldChars);
    }

    @Override
    public SourceDocuments documents() {
        return new OracleDocuments(dataSource);
    }

    @Override
    public String describe() {
        return "Oracle staging tables on datasource '" + name + "'";
    }
}
