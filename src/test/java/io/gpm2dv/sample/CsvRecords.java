package io.gpm2dv.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An independent strict RFC 4180 reader for the tests: CRLF record ends, quoted line breaks, empty = null. */
public final class CsvRecords {
    final List<String> header;
    final List<List<String>> rows;

    private CsvRecords(List<String> header, List<List<String>> rows) {
        this.header = header;
        this.rows = rows;
    }

    public static CsvRecords read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xef) {
            throw new AssertionError(file + " starts with a BOM");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
                i++;
                continue;
            }
            if (c == '"' && field.length() == 0) {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                record.add(value(field, wasQuoted));
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\r') {
                if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                    throw new AssertionError(file + ": bare CR outside quotes at " + i);
                }
                record.add(value(field, wasQuoted));
                field.setLength(0);
                wasQuoted = false;
                records.add(record);
                record = new ArrayList<>();
                i++;
            } else if (c == '\n') {
                throw new AssertionError(file + ": bare LF outside quotes at " + i);
            } else if (c == '"') {
                throw new AssertionError(file + ": quote inside an unquoted field at " + i);
            } else {
                field.append(c);
            }
            i++;
        }
        if (quoted || field.length() > 0 || !record.isEmpty()) {
            throw new AssertionError(file + " does not end with CRLF");
        }
        List<String> header = records.remove(0);
        return new CsvRecords(header, records);
    }

    private static String value(StringBuilder field, boolean quoted) {
        return field.length() == 0 ? null : field.toString();
    }

    public List<String> header() {
        return header;
    }

    /** Every record after the header, cells in header order (an empty cell is null). */
    public List<List<String>> rows() {
        return rows;
    }

    /** Rows keyed by their first column (the primary key). */
    public Map<String, Map<String, String>> byKey() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (List<String> r : rows) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                m.put(header.get(i), r.get(i));
            }
            out.put(r.get(0), m);
        }
        return out;
    }
}
