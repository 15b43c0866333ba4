package io.gpm2dv.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicInteger;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.gpm2dv.testing.ExportFixture;

/**
 * The staging tables as a source, on H2 in Oracle mode loaded with the §9 DDL: the sample gives the very rows the
 * CSV package gives, values keep their meaning through the database (dates at a DST change, instants, NFC, long
 * CLOBs), pages stitch together, and a manifest that does not match the tables is refused.
 */
class OracleStagingTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    static ExportPackage sample;

    @BeforeAll
    static void openSample() throws Exception {
        sample = ExportPackage.open(ExportFixture.BUNDLED);
    }

    /** A fresh in-memory database in Oracle mode with the staging tables, the sample loaded. */
    static JdbcDataSource loadedDatabase() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:staging-" + DATABASES.incrementAndGet() + ";MODE=Oracle;DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        try (Connection c = ds.getConnection()) {
            StagingLoader.createTables(c, StagingTables.Dialect.H2);
            StagingLoader.load(sample, c);
        }
        return ds;
    }

    static List<RowResult> all(GpmSource source, GpmFile file) throws Exception {
        List<RowResult> out = new ArrayList<>();
        try (RowStream rows = source.rows(file)) {
            rows.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void theSampleReadFromTheTablesGivesTheRowsAndDocumentsOfTheCsvPackage() throws Exception {
        // a page of 7 makes every file of the sample span several pages, with a partial last one
        OracleStaging staging = OracleStaging.open(loadedDatabase(), "test", 7);
        assertEquals(sample.manifest(), staging.manifest());
        long rows = 0;
        for (GpmFile file : GpmFile.values()) {
            List<RowResult> csv = all(sample, file);
            List<RowResult> db = all(staging, file);
            assertEquals(csv.size(), db.size(), file.fileName());
            for (int i = 0; i < csv.size(); i++) {
                assertEquals(csv.get(i), db.get(i), file.fileName() + " record " + (i + 1));
            }
            rows += db.size();
        }
        assertTrue(rows > 500, "the sample has rows in every file: " + rows);
        SourceDocuments files = sample.documents();
        SourceDocuments blobs = staging.documents();
        int present = 0;
        for (RowResult r : all(sample, GpmFile.DOCUMENTS)) {
            String path = ((SourceRow) r).get("stored_path");
            assertEquals(files.facts(path), blobs.facts(path), path);
            if (blobs.facts(path).isPresent()) {
                present++;
                try (InputStream a = files.open(path); InputStream b = blobs.open(path)) {
                    assertTrue(java.util.Arrays.equals(a.readAllBytes(), b.readAllBytes()), path);
                }
            }
        }
        assertTrue(present > 0, "documents are loaded as BLOBs");
        assertTrue(all(sample, GpmFile.DOCUMENTS).stream().anyMatch(r -> files.facts(((SourceRow) r).get("stored_path")).isEmpty()),
                "the sample has a missing file (H10), which has no content row");
    }

    @Test
    void aDateAtTheDaylightSavingChangeAndATimestampsInstantSurviveTheDatabaseInAnyJvmZone() throws Exception {
        JdbcDataSource ds = loadedDatabase();
        TimeZone before = TimeZone.getDefault();
        try {
            // 2024-09-29 has no 02:00-03:00 in Auckland; 2025-04-06 02:30 happens twice (+13:00, then +12:00)
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Auckland"));
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "UPDATE GPX_CLIENT SET DATE_OF_BIRTH = ?, CREATED_AT = ?, UPDATED_AT = ? WHERE CLIENT_ID = 1001")) {
                ps.setObject(1, LocalDate.parse("2024-09-29"));
                ps.setObject(2, OffsetDateTime.parse("2025-04-06T02:30:00+13:00"));
                ps.setObject(3, OffsetDateTime.parse("2025-04-06T02:30:00+12:00"));
                assertEquals(1, ps.executeUpdate());
            }
            for (String zone : List.of("Pacific/Auckland", "America/Los_Angeles", "UTC")) {
                TimeZone.setDefault(TimeZone.getTimeZone(zone));
                SourceRow tane = client(OracleStaging.open(ds, "test", 50), 1001);
                assertEquals("2024-09-29", tane.get("date_of_birth"), zone);
                assertEquals("2025-04-06T02:30:00+13:00", tane.get("created_at"), zone);
                assertEquals("2025-04-06T02:30:00+12:00", tane.get("updated_at"), zone);
                assertEquals(3600, tane.timestamp("updated_at").toEpochSecond() - tane.timestamp("created_at").toEpochSecond());
            }
        } finally {
            TimeZone.setDefault(before);
        }
    }

    @Test
    void textComesOutInNfcAndAClobOfSeveralMegabytesComesOutWhole() throws Exception {
        JdbcDataSource ds = loadedDatabase();
        StringBuilder notes = new StringBuilder();
        while (notes.length() < 6 * 1024 * 1024) {
            notes.append("Kōrero ").append(notes.length()).append(" — ");
        }
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE GPX_CLIENT SET FIRST_NAME = ?, GENERAL_NOTES = ? WHERE CLIENT_ID = 1001")) {
            ps.setString(1, "Ta\u0304ne"); // a + combining macron: the decomposed form
            ps.setCharacterStream(2, new java.io.StringReader(notes.toString()), notes.length());
            assertEquals(1, ps.executeUpdate());
        }
        SourceRow tane = client(OracleStaging.open(ds, "test", 50), 1001);
        assertEquals("T\u0101ne", tane.get("first_name")); // composed: 4 chars where the table held 5
        assertEquals(notes.toString(), tane.get("general_notes"));
    }

    @Test
    void aValueTheDatabaseHoldsButSection5DoesNotAllowRejectsItsRowAndNamesTheColumn() throws Exception {
        JdbcDataSource ds = loadedDatabase();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE GPX_CLIENT SET NHI_NUMBER = '   ' WHERE CLIENT_ID = 1002"); // H17: kept as found
            s.executeUpdate("INSERT INTO GPX_REFERRER (REFERRER_ID, REFERRER_TYPE, DISPLAY_NAME, IS_ACTIVE, CREATED_AT,"
                    + " UPDATED_AT) SELECT -5, REFERRER_TYPE, DISPLAY_NAME, IS_ACTIVE, CREATED_AT, UPDATED_AT"
                    + " FROM GPX_REFERRER FETCH FIRST 1 ROWS ONLY");
            s.executeUpdate("UPDATE GPX_EXPORT_FILE SET ROWS_COUNT = ROWS_COUNT + 1 WHERE NAME = 'referrers.csv'");
        }
        OracleStaging staging = OracleStaging.open(ds, "test", 10);
        List<RowResult> referrers = all(staging, GpmFile.REFERRERS);
        RejectedRow bad = assertInstanceOf(RejectedRow.class, referrers.get(0));
        assertEquals("referrer_id", bad.column());
        assertEquals(1, bad.rowNumber());
        assertEquals(all(sample, GpmFile.REFERRERS).size(), referrers.stream().filter(SourceRow.class::isInstance).count());
        assertEquals("   ", client(staging, 1002).get("nhi_number"));
    }

    @Test
    void tablesThatDoNotMatchTheirManifestAreRefusedNamingTheTable() throws Exception {
        JdbcDataSource ds = loadedDatabase();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM GPX_COMMUNICATION WHERE COMMUNICATION_ID = (SELECT MAX(COMMUNICATION_ID) FROM GPX_COMMUNICATION)");
        }
        ExportRefusedException lost = assertThrows(ExportRefusedException.class, () -> OracleStaging.open(ds, "test", 10));
        assertEquals("GPX_COMMUNICATION", lost.file());
        assertTrue(lost.getMessage().contains("rows but GPX_EXPORT_FILE says"), lost.getMessage());

        JdbcDataSource other = loadedDatabase();
        try (Connection c = other.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("ALTER TABLE GPX_APPOINTMENT DROP COLUMN ROOM");
        }
        ExportRefusedException column = assertThrows(ExportRefusedException.class, () -> OracleStaging.open(other, "test", 10));
        assertEquals("GPX_APPOINTMENT", column.file());

        JdbcDataSource third = loadedDatabase();
        try (Connection c = third.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE GPX_EXPORT SET SCHEMA_VERSION = '2.0.0'");
        }
        ExportRefusedException version = assertThrows(ExportRefusedException.class, () -> OracleStaging.open(third, "test", 10));
        assertTrue(version.getMessage().startsWith("GPX_EXPORT/GPX_EXPORT_FILE: schema_version 2.0.0"), version.getMessage());
    }

    @Test
    void theDdlIsGeneratedFromTheExportSchemaAsSection9SaysAndH2InOracleModeTakesIt() throws Exception {
        String oracle = StagingTables.script(StagingTables.Dialect.ORACLE);
        for (GpmFile file : GpmFile.values()) {
            FileSchema schema = ExportSchema.of(file);
            assertTrue(oracle.contains("CREATE TABLE " + StagingTables.table(file) + " ("), file.fileName());
            for (ColumnSpec c : schema.columns()) {
                String name = StagingTables.column(c.name());
                assertTrue(name.getBytes(StandardCharsets.UTF_8).length <= 30, name);
                if (c.references() != null) {
                    assertTrue(oracle.contains("ALTER TABLE " + StagingTables.table(file) + " ADD FOREIGN KEY (" + name
                            + ") REFERENCES " + StagingTables.table(c.references()) + " ("
                            + StagingTables.column(c.references().primaryKey()) + ") RELY DISABLE NOVALIDATE;"), name);
                }
            }
        }
        assertTrue(oracle.contains("  GENDER                       VARCHAR2(30) NOT NULL CHECK (GENDER IN ('MALE','FEMALE','OTHER','UNKNOWN'))"));
        assertTrue(oracle.contains("  HAS_HEALTH_ISSUE             CHAR(1) NOT NULL CHECK (HAS_HEALTH_ISSUE IN ('Y','N'))"));
        assertTrue(oracle.contains("  SUBTOTAL_EXCL_TAX            NUMBER(12,2) NOT NULL"));
        assertTrue(oracle.contains("  CREATED_AT                   TIMESTAMP(0) WITH TIME ZONE NOT NULL"));
        assertTrue(oracle.contains("  SECTIONS                     CLOB CHECK (SECTIONS IS JSON)"));
        assertTrue(oracle.contains("  CLIENT_ID                    NUMBER(12) NOT NULL PRIMARY KEY"));
        assertTrue(oracle.contains("CREATE TABLE GPX_DOCUMENT_CONTENT ("));
        assertFalse(StagingTables.script(StagingTables.Dialect.H2).contains("RELY"));
        assertEquals(oracle, java.nio.file.Files.readString(java.nio.file.Path.of("docs/gpx-staging-oracle.sql")),
                "docs/gpx-staging-oracle.sql is the generated DDL: regenerate it with StagingTables oracle");

        // H2 enforces the JSON and code checks; the disabled foreign keys let an orphan (H15) in
        JdbcDataSource ds = loadedDatabase();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            assertThrows(SQLException.class, () -> s.executeUpdate("UPDATE GPX_CLINICAL_NOTE SET SECTIONS = '{not json'"));
            assertThrows(SQLException.class, () -> s.executeUpdate("UPDATE GPX_CLIENT SET GENDER = 'MALEISH'"));
            assertEquals(1, s.executeUpdate("UPDATE GPX_CLIENT SET DEFAULT_SITE_ID = 999999 WHERE CLIENT_ID = 1001"));
        }
    }

    @Test
    void anUnknownSourceIsRefusedNamingTheSetting() {
        ExportSource source = new ExportSource();
        source.use("csv");
        ExportRefusedException e = assertThrows(ExportRefusedException.class, source::open);
        assertEquals("gensolve.source is 'csv': expected export or oracle", e.getMessage());
    }

    private static SourceRow client(GpmSource source, long id) throws Exception {
        for (RowResult r : all(source, GpmFile.CLIENTS)) {
            if (r instanceof SourceRow row && row.id() == id) {
                return row;
            }
        }
        throw new AssertionError("no client " + id);
    }
}
