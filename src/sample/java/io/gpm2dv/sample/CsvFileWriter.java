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
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.gpm2dv.source.CodeLists;
import io.gpm2dv.source.ColumnSpec;
import io.gpm2dv.source.FileSchema;
import io.gpm2dv.source.ValueChecks;

/**
 * Streams the records of one export file to disk in the §5 dialect (RFC 4180, CRLF, minimal quoting), checking
 * every value against its column type so that no invalid row can leave the generator; keeps rows and SHA-256.
 */
final class CsvFileWriter implements AutoCloseable {
    private final FileSchema schema;
    private final List<ColumnSpec> columns;
    private final Map<String, Integer> index = new HashMap<>();
    private final Path path;
    private final MessageDigest digest;
    private final Writer out;
    private long rows;
    private long lastKey;
    private String sha256;

    CsvFileWriter(Path dir, FileSchema schema) throws IOException {
        this.schema = schema;
        this.columns = schema.columns();
        for (int i = 0; i < columns.size(); i++) {
            index.put(columns.get(i).name(), i);
        }
        this.path = dir.resolve(name());
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.out = new BufferedWriter(new OutputStreamWriter(new DigestOutputStream(
                new BufferedOutputStream(Files.newOutputStream(path), 1 << 16), digest), StandardCharsets.UTF_8), 1 << 16);
        record(schema.columnNames().toArray(String[]::new));
    }

    /** A new record; unset columns stay NULL. */
    Row row() {
        return new Row();
    }

    long rows() { return rows; }

    String name() { return schema.file().fileName(); }

    boolean required() { return schema.file().required(); }

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

    /**
     * Null when {@code value} (null = NULL) may be written to {@code column}, else why not: the reader's §5 checks,
     * plus what §5 and §7 ask of a producer beyond what a consumer accepts.
     */
    static String problem(ColumnSpec column, String value) {
        if (value != null && value.isEmpty()) {
            return "zero-length string";
        }
        if (value != null && !Normalizer.isNormalized(value, Normalizer.Form.NFC)) {
            return "not NFC";
        }
        String problem = ValueChecks.problem(column, value);
        if (problem != null || value == null) {
            return problem;
        }
        return switch (column.type().kind()) {
            case ID -> value.charAt(0) == '0' ? "id with a leading zero" : null;
            case CODE -> CodeLists.get(column.type().codeList()).contains(value) ? null
                    : "not in code list " + column.type().codeList();
            case TIMESTAMP -> SampleTime.hasSourceOffset(value) ? null : "offset is not the source zone's";
            default -> null;
        };
    }

    /** Renders a Java value in the lexical form of its column (§5). */
    static String lexical(ColumnSpec c, Object v) {
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
            return d.setScale(c.type().scale()).toPlainString();
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

    private int indexOf(String column) {
        Integer i = index.get(column);
        if (i == null) {
            throw new IllegalArgumentException(name() + " has no column " + column);
        }
        return i;
    }

    /** One record being filled column by column. */
    final class Row {
        private final String[] values = new String[columns.size()];

        Row v(String column, Object value) {
            int i = indexOf(column);
            values[i] = lexical(columns.get(i), value);
            return this;
        }

        Row json(String column, List<String> value) {
            return v(column, (Object) value);
        }

        String get(String column) {
            return values[indexOf(column)];
        }

        /** Checks every value, sets the audit columns and writes the record; PKs must ascend. */
        void write(Instant createdAt, Instant updatedAt) {
            v("created_at", createdAt).v("updated_at", updatedAt.isBefore(createdAt) ? createdAt : updatedAt);
            for (int i = 0; i < values.length; i++) {
                String problem = problem(columns.get(i), values[i]);
                if (problem != null) {
                    throw new IllegalStateException(name() + " row " + values[0] + " " + columns.get(i).name() + ": " + problem);
                }
            }
            long key = Long.parseLong(values[0]);
            if (key <= lastKey) {
                throw new IllegalStateException(name() + ": key " + key + " after " + lastKey);
            }
            lastKey = key;
            record(values);
            rows++;
        }
    }
}
