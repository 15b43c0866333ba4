package io.gpm2dv.source;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Oracle staging layout of export format §9, derived from {@link ExportSchema} so the columns live in one
 * place: table names (§8 headings), column names (CSV names upper-cased) and the DDL a DBA runs to create the
 * {@code GPX_*} tables. {@link Dialect#ORACLE} is the contract; {@link Dialect#H2} is what H2 in Oracle mode
 * takes for the same tables (tests).
 */
public final class StagingTables {
    /** The SQL flavour of the DDL. */
    public enum Dialect {
        /** §9 as written: foreign keys {@code RELY DISABLE NOVALIDATE}. */
        ORACLE,
        /**
         * H2 2.x in {@code MODE=Oracle}: rejects {@code RELY DISABLE NOVALIDATE} (a syntax error), so the foreign
         * keys are declared and then switched off per table with {@code SET REFERENTIAL_INTEGRITY FALSE}, which
         * lets orphans (H15) load just as Oracle's disabled constraints do. Everything else is taken as written.
         */
        H2
    }

    public static final String EXPORT = "GPX_EXPORT";
    public static final String EXPORT_FILE = "GPX_EXPORT_FILE";
    public static final String DOCUMENT_CONTENT = "GPX_DOCUMENT_CONTENT";

    private static final Map<GpmFile, String> TABLES = tables();

    private StagingTables() {
    }

    private static Map<GpmFile, String> tables() {
        Map<GpmFile, String> m = new EnumMap<>(GpmFile.class);
        m.put(GpmFile.SITES, "GPX_SITE");
        m.put(GpmFile.PRACTITIONERS, "GPX_PRACTITIONER");
        m.put(GpmFile.CLIENT_ORGANISATIONS, "GPX_CLIENT_ORGANISATION");
        m.put(GpmFile.CLIENTS, "GPX_CLIENT");
        m.put(GpmFile.REFERRERS, "GPX_REFERRER");
        m.put(GpmFile.CLIENT_REFERRALS, "GPX_CLIENT_REFERRAL");
        m.put(GpmFile.CONDITIONS, "GPX_CONDITION");
        m.put(GpmFile.APPOINTMENTS, "GPX_APPOINTMENT");
        m.put(GpmFile.CLINICAL_NOTES, "GPX_CLINICAL_NOTE");
        m.put(GpmFile.INVOICES, "GPX_INVOICE");
        m.put(GpmFile.INVOICE_LINES, "GPX_INVOICE_LINE");
        m.put(GpmFile.PAYMENTS, "GPX_PAYMENT");
        m.put(GpmFile.CUSTOM_FIELD_DEFINITIONS, "GPX_CUSTOM_FIELD_DEFINITION");
        m.put(GpmFile.CUSTOM_FIELD_VALUES, "GPX_CUSTOM_FIELD_VALUE");
        m.put(GpmFile.DOCUMENTS, "GPX_DOCUMENT");
        m.put(GpmFile.COMMUNICATIONS, "GPX_COMMUNICATION");
        for (GpmFile f : GpmFile.values()) {
            if (!m.containsKey(f)) {
                throw new IllegalStateException("no staging table for " + f.fileName());
            }
        }
        return m;
    }

    /** The §8 table of {@code file}: {@code clients.csv} → {@code GPX_CLIENT}. */
    public static String table(GpmFile file) {
        return TABLES.get(file);
    }

    /** The column name of §9: the CSV name upper-cased. */
    public static String column(String csvName) {
        return csvName.toUpperCase(Locale.ROOT);
    }

    /** The SQL type of §5's Oracle column for {@code type}. */
    static String sqlType(ColumnType type) {
        return switch (type.kind()) {
            case ID -> "NUMBER(12)";
            case INTEGER -> "NUMBER(10)";
            case DECIMAL -> "NUMBER(" + type.precision() + "," + type.scale() + ")";
            case STRING -> "VARCHAR2(" + type.length() + " CHAR)";
            case TEXT, JSON, JSON_STRINGS -> "CLOB";
            case DATE -> "DATE";
            case TIMESTAMP -> "TIMESTAMP(0) WITH TIME ZONE";
            case BOOLEAN -> "CHAR(1)";
            case CODE -> "VARCHAR2(30)";
        };
    }

    /** The statements that create every staging table, then the foreign keys (tables refer forward, §8 order). */
    public static List<String> ddl(Dialect dialect) {
        List<String> out = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<String> unchecked = new ArrayList<>();
        for (GpmFile file : GpmFile.values()) {
            FileSchema schema = ExportSchema.of(file);
            String table = table(file);
            List<String> lines = new ArrayList<>();
            for (ColumnSpec c : schema.columns()) {
                String name = column(c.name());
                StringBuilder line = new StringBuilder("  ").append(pad(name)).append(' ').append(sqlType(c.type()));
                if (!c.nullable()) {
                    line.append(" NOT NULL");
                }
                if (c.name().equals(file.primaryKey())) {
                    // Oracle takes a RELY foreign key only towards a RELY key (ORA-25158); H2 knows no RELY
                    line.append(dialect == Dialect.ORACLE ? " PRIMARY KEY RELY" : " PRIMARY KEY");
                }
                String check = check(name, c.type());
                if (check != null) {
                    line.append(' ').append(check);
                }
                lines.add(line.toString());
                if (c.references() != null) {
                    keys.add("ALTER TABLE " + table + " ADD FOREIGN KEY (" + name + ") REFERENCES "
                            + table(c.references()) + " (" + column(c.references().primaryKey()) + ")"
                            + (dialect == Dialect.ORACLE ? " RELY DISABLE NOVALIDATE" : ""));
                    if (!unchecked.contains(table)) {
                        unchecked.add(table);
                    }
                }
            }
            out.add("CREATE TABLE " + table + " (\n" + String.join(",\n", lines) + ")");
        }
        out.add("CREATE INDEX GPX_DOCUMENT_PATH_IX ON GPX_DOCUMENT (STORED_PATH)");
        out.add("CREATE TABLE " + DOCUMENT_CONTENT + " (\n  DOCUMENT_ID NUMBER(12) NOT NULL PRIMARY KEY,\n"
                + "  CONTENT     BLOB NOT NULL)");
        out.add("CREATE TABLE " + EXPORT + " (\n"
                + "  FORMAT            VARCHAR2(40)  NOT NULL,\n"
                + "  SCHEMA_VERSION    VARCHAR2(40)  NOT NULL,\n"
                + "  EXPORT_ID         VARCHAR2(36)  NOT NULL PRIMARY KEY,\n"
                + "  PRACTICE_NAME     VARCHAR2(200 CHAR) NOT NULL,\n"
                + "  SOURCE_PRODUCT    VARCHAR2(100 CHAR) NOT NULL,\n"
                + "  SOURCE_REGION     VARCHAR2(2)   NOT NULL,\n"
                + "  SOURCE_TIMEZONE   VARCHAR2(64)  NOT NULL,\n"
                + "  CURRENCY          VARCHAR2(3)   NOT NULL,\n"
                + "  EXPORTED_AT       TIMESTAMP(0) WITH TIME ZONE NOT NULL,\n"
                + "  DATA_CUTOFF_AT    TIMESTAMP(0) WITH TIME ZONE NOT NULL,\n"
                + "  PRODUCER          VARCHAR2(200 CHAR) NOT NULL,\n"
                + "  DOCUMENTS_COUNT   NUMBER(12)    NOT NULL,\n"
                + "  DOCUMENTS_BYTES   NUMBER(18)    NOT NULL,\n"
                + "  DOCUMENTS_MISSING NUMBER(12)    NOT NULL,\n"
                + "  WARNINGS          CLOB          NOT NULL CHECK (WARNINGS IS JSON))");
        out.add("CREATE TABLE " + EXPORT_FILE + " (\n"
                + "  NAME       VARCHAR2(100) NOT NULL PRIMARY KEY,\n"
                + "  ROWS_COUNT NUMBER(12)    NOT NULL,\n"
                + "  BYTES      NUMBER(18),\n"
                + "  SHA256     VARCHAR2(64),\n"
                + "  REQUIRED   CHAR(1)       NOT NULL CHECK (REQUIRED IN ('Y','N')))");
        out.addAll(keys);
        if (dialect == Dialect.H2) {
            unchecked.forEach(t -> out.add("ALTER TABLE " + t + " SET REFERENTIAL_INTEGRITY FALSE"));
        }
        return out;
    }

    /** The DDL as one script, statements ended by {@code ;} (SQL*Plus, SQL Developer, sqlcl). */
    public static String script(Dialect dialect) {
        return "-- Gensolve export staging tables (export format §9), generated from the product's export schema.\n"
                + "-- Database: AL32UTF8, NLS_LENGTH_SEMANTICS=CHAR; store timestamps with the region name.\n\n"
                + ddl(dialect).stream().map(s -> s + ";\n").collect(Collectors.joining("\n"));
    }

    private static String check(String name, ColumnType type) {
        return switch (type.kind()) {
            case BOOLEAN -> "CHECK (" + name + " IN ('Y','N'))";
            case CODE -> "CHECK (" + name + " IN (" + CodeLists.get(type.codeList()).stream()
                    .map(v -> "'" + v + "'").collect(Collectors.joining(",")) + "))";
            case JSON, JSON_STRINGS -> "CHECK (" + name + " IS JSON)";
            default -> null;
        };
    }

    private static String pad(String name) {
        return name.length() >= 28 ? name : name + " ".repeat(28 - name.length());
    }

    /** Prints the Oracle DDL (or {@code h2}'s) to standard output: {@code java -cp … StagingTables [oracle|h2]}. */
    public static void main(String[] args) {
        Dialect d = args.length > 0 && "h2".equalsIgnoreCase(args[0]) ? Dialect.H2 : Dialect.ORACLE;
        System.out.print(script(d));
    }
}
