package io.gpm2dv.sample;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;

/**
 * Streams the records of one export file to disk in the §5 dialect (RFC 4180, CRLF, minimal quoting), checking
 * every value against its column type so that no invalid row can leave the generator; keeps rows and SHA-256.
 */
final class CsvFileWriter implements AutoCloseable {
    private final ExportSchema.FileSpec spec;
    private final Path path;
    private final MessageDigest digest;
    private final Writer out;
    private long rows;
    private long lastKey;
    private String sha256;

    CsvFileWriter(Path dir, ExportSchema.FileSpec spec) throws IOException {
        this.spec = spec;
        this.path = dir.resolve(spec.name());
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.out = new BufferedWriter(new OutputStreamWriter(new DigestOutputStream(
                new BufferedOutputStream(Files.newOutputStream(path), 1 << 16), digest), StandardCharsets.UTF_8), 1 << 16);
        record(spec.header().toArray(String[]::new));
    }

    /** A new record; unset columns stay NULL. */
    Row row() {
        return new Row();
    }

    long rows() { return rows; }

    String name() { return spec.name(); }

    ExportSchema.FileSpec spec() { return spec; }

    /** Bytes and digest are final only after {@link #close()}. */
    long bytes() throws IOException { return Files.size(path); }

    String sha256() { return sha256; }

    @Override
    public void close() throws IOException {
        if (sha256 == null) {
            out.close();
            sha256 = HexFormat.of().formatHex(digest.digest());
        }
    }

    private void record(String[] fields) {
        try {
            for (int i = 0; i < fields.length; i++) {
                if (i > 0) {
                    out.write(',');
                }
                if (fields[i] != null) {
                    out.write(quoted(fields[i]));
                }
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String quoted(String v) {
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\r') < 0 && v.indexOf('\n') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }

    /** Renders a Java value in the lexical form of its column (§5). */
    static String lexical(Column c, Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Boolean b) {
            return b ? "Y" : "N";
        }
        if (v instanceof BigDecimal d) {
            return d.setScale(c.scale()).toPlainString();
        }
        if (v instanceof Instant t) {
            return SampleTime.ts(t);
        }
        if (v instanceof LocalDate d) {
            return d.toString();
        }
        if (v instanceof Number n) {
            return Long.toString(n.longValue());
        }
        return Json.value(v);
    }

    /** One record being filled column by column. */
    final class Row {
        private final String[] values = new String[spec.columns().size()];

        Row v(String column, Object value) {
            Column c = spec.column(column);
            values[spec.columns().indexOf(c)] = lexical(c, value);
            return this;
        }

        Row json(String column, List<String> value) {
            return v(column, (Object) value);
        }

        String get(String column) {
            return values[spec.index(column)];
        }

        /** Checks every value, sets the audit columns and writes the record; PKs must ascend. */
        void write(Instant createdAt, Instant updatedAt) {
            v("created_at", createdAt).v("updated_at", updatedAt.isBefore(createdAt) ? createdAt : updatedAt);
            List<Column> columns = spec.columns();
            for (int i = 0; i < values.length; i++) {
                String problem = columns.get(i).check(values[i]);
                if (problem != null) {
                    throw new IllegalStateException(spec.name() + " row " + values[0] + " " + columns.get(i).name() + ": " + problem);
                }
            }
            long key = Long.parseLong(values[0]);
            if (key <= lastKey) {
                throw new IllegalStateException(spec.name() + ": key " + key + " after " + lastKey);
            }
            lastKey = key;
            record(values);
            rows++;
        }
    }
}
