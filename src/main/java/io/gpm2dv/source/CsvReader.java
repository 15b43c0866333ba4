package io.gpm2dv.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader (export format §5): comma, {@code "} quotes doubled inside quoted fields, CRLF or
 * bare LF (or CR) ends a record, line breaks inside quotes are data, a leading BOM is dropped. It holds one
 * record at a time, so file size does not matter; only a single field is capped, to stop a lost quote from
 * swallowing the rest of a file into memory. Fields come back as read: an empty field is {@code ""}.
 */
public final class CsvReader implements AutoCloseable {
    /** Well above the 16 MiB the contract asks consumers to accept (H17: RTF bodies with embedded images). */
    public static final int DEFAULT_MAX_FIELD_CHARS = 64 * 1024 * 1024;
    private static final int EOF = -1;

    private final Reader in;
    private final int maxFieldChars;
    private final char[] buf = new char[64 * 1024];
    private int pos;
    private int len;
    private boolean started;
    private long records;
    private int malformedField = -1;
    private String malformation;
    private final StringBuilder field = new StringBuilder();

    public CsvReader(Reader in) {
        this(in, DEFAULT_MAX_FIELD_CHARS);
    }

    public CsvReader(Reader in, int maxFieldChars) {
        this.in = in;
        this.maxFieldChars = maxFieldChars;
    }

    /** A reader over UTF-8 bytes that fails on malformed input instead of inventing replacement characters. */
    public static CsvReader utf8(InputStream in, int maxFieldChars) {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new CsvReader(new InputStreamReader(in, strict), maxFieldChars);
    }

    /**
     * The next record's fields, or null at the end of input. Blank lines between records are skipped: a record
     * without a single field is no record of any export file, and a trailing newline is a harmless artefact.
     */
    public List<String> next() throws IOException {
        if (!started) {
            started = true;
            if (peek() == '\uFEFF') {
                read();
            }
        }
        malformedField = -1;
        malformation = null;
        List<String> fields = new ArrayList<>();
        field.setLength(0);
        boolean quoted = false;
        boolean inQuotes = false;
        boolean content = false;
        while (true) {
            int c = read();
            if (inQuotes) {
                if (c == EOF) {
                    throw new CsvFormatException("record " + (records + 1) + " (field " + (fields.size() + 1)
                            + ") has a quoted field that never ends");
                }
                if (c == '"') {
                    if (peek() == '"') {
                        read();
                        append('"');
                    } else {
                        inQuotes = false;
                    }
                } else {
                    append((char) c);
                }
                continue;
            }
            switch (c) {
                case EOF -> {
                    if (!content) {
                        return null;
                    }
                    return finish(fields);
                }
                case ',' -> {
                    content = true;
                    fields.add(field.toString());
                    field.setLength(0);
                    quoted = false;
                }
                case '\r', '\n' -> {
                    if (c == '\r' && peek() == '\n') {
                        read();
                    }
                    if (content) {
                        return finish(fields);
                    }
                }
                case '"' -> {
                    content = true;
                    if (field.length() == 0 && !quoted) {
                        quoted = true;
                        inQuotes = true;
                    } else {
                        malformed(fields.size(), quoted ? "a quote after the closing quote" : "a quote inside an unquoted field");
                        append('"');
                    }
                }
                default -> {
                    content = true;
                    if (quoted) {
                        malformed(fields.size(), "text after the closing quote");
                    }
                    append((char) c);
                }
            }
        }
    }

    /** How many records {@link #next()} has returned, the header included. */
    public long records() {
        return records;
    }

    /** 0-based index of the field that broke RFC 4180 quoting in the last record, or -1 when it was well formed. */
    public int malformedField() {
        return malformedField;
    }

    /** What was wrong with the last record's quoting, or null. */
    public String malformation() {
        return malformation;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private List<String> finish(List<String> fields) {
        fields.add(field.toString());
        field.setLength(0);
        records++;
        return fields;
    }

    private void malformed(int index, String what) {
        if (malformation == null) {
            malformedField = index;
            malformation = what;
        }
    }

    private void append(char c) throws CsvFormatException {
        if (field.length() >= maxFieldChars) {
            throw new CsvFormatException("record " + (records + 1) + " has a field longer than " + maxFieldChars
                    + " characters (is a closing quote missing?)");
        }
        field.append(c);
    }

    private int read() throws IOException {
        if (pos == len && !fill()) {
            return EOF;
        }
        return buf[pos++];
    }

    private int peek() throws IOException {
        if (pos == len && !fill()) {
            return EOF;
        }
        return buf[pos];
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        pos = 0;
        len = n;
        return true;
    }
}
