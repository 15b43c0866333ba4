package io.gpm2dv.source;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Renders one staging-table value into the canonical lexical form of export format §5, exactly as the CSV would
 * carry it: NULL becomes the empty field, {@code DATE} is read as a {@link LocalDate} (never through
 * {@code java.util.Date}, which the JVM's zone would shift), {@code TIMESTAMP WITH TIME ZONE} as an
 * {@link OffsetDateTime} (the instant and its offset), CLOBs through their character stream. Nothing depends on
 * the session's NLS settings. A value that does not fit its type is rendered as found and left to
 * {@link RecordValidator}, which rejects it with file, row and column, like a bad CSV field.
 */
final class StagingValues {
    /** §5 timestamp: {@code YYYY-MM-DDTHH:MM:SS±HH:MM} ({@code xxx} writes {@code +00:00}, not {@code Z}). */
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    /** A CLOB longer than the field limit: the row is rejected, as the CSV reader rejects such a field. */
    static final class TooLong extends Exception {
        TooLong(int limit) {
            super("longer than " + limit + " characters");
        }
    }

    private StagingValues() {
    }

    /** The value of result column {@code index} in §5 form; {@code ""} for NULL (the CSV's empty field). */
    static String render(ResultSet rs, int index, ColumnType type, int maxChars) throws SQLException, IOException, TooLong {
        return switch (type.kind()) {
            case ID, INTEGER -> integer(rs.getBigDecimal(index));
            case DECIMAL -> decimal(rs.getBigDecimal(index), type.scale());
            case DATE -> {
                LocalDate d = rs.getObject(index, LocalDate.class);
                yield d == null ? "" : d.toString();
            }
            case TIMESTAMP -> timestamp(rs.getObject(index, OffsetDateTime.class));
            case TEXT, JSON, JSON_STRINGS -> clob(rs.getClob(index), maxChars);
            case STRING, CODE, BOOLEAN -> {
                String s = rs.getString(index);
                yield s == null ? "" : s;
            }
        };
    }

    static String integer(BigDecimal v) {
        if (v == null) {
            return "";
        }
        try {
            return v.setScale(0).toPlainString();
        } catch (ArithmeticException fraction) {
            return v.toPlainString(); // the validator names it: not an integer
        }
    }

    static String decimal(BigDecimal v, int scale) {
        if (v == null) {
            return "";
        }
        try {
            return v.setScale(scale).toPlainString();
        } catch (ArithmeticException moreDecimals) {
            return v.toPlainString(); // the validator names it: not exactly `scale` decimals
        }
    }

    static String timestamp(OffsetDateTime t) {
        if (t == null) {
            return "";
        }
        // a fraction of a second is not §5's form: render it so the validator rejects the row instead of hiding it
        return t.getNano() == 0 ? TIMESTAMP.format(t) : t.toString();
    }

    /** The CLOB's characters, read in chunks from its stream and bounded like a CSV field. */
    static String clob(Clob clob, int maxChars) throws SQLException, IOException, TooLong {
        if (clob == null) {
            return "";
        }
        try (Reader in = clob.getCharacterStream()) {
            StringBuilder out = new StringBuilder();
            char[] buf = new char[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                if (out.length() + n > maxChars) {
                    throw new TooLong(maxChars);
                }
                out.append(buf, 0, n);
            }
            return out.toString();
        } finally {
            try {
                clob.free();
            } catch (SQLException | UnsupportedOperationException ignored) {
                // a driver that cannot free it early frees it with the result set
            }
        }
    }
}
