package io.gpm2dv.source;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the records of one file into accepted or rejected rows (§5, §10 step 2): field count, RFC 4180 quoting,
 * not-null, the lexical form of every documented column in header order, and primary-key uniqueness. Values of
 * accepted rows are NFC-normalised and otherwise keep their lexical form.
 */
final class RecordValidator {
    private final FileSchema schema;
    private final List<String> header;
    private final ColumnSpec[] specs;
    /** Header position of the primary key (the header binds, so it is there). */
    private final int keyIndex;
    private final LongSet acceptedIds = new LongSet();
    private final Map<String, Long> unknownCodes = new TreeMap<>();

    RecordValidator(FileSchema schema, List<String> header) {
        this.schema = schema;
        this.header = List.copyOf(header);
        this.specs = new ColumnSpec[header.size()];
        for (int i = 0; i < specs.length; i++) {
            specs[i] = schema.column(header.get(i));
        }
        this.keyIndex = this.header.indexOf(schema.file().primaryKey());
    }

    /**
     * Checks one record. {@code malformedField}/{@code malformation} come from the CSV reader (-1/null when the
     * quoting was sound).
     */
    RowResult validate(long rowNumber, List<String> fields, int malformedField, String malformation) {
        GpmFile file = schema.file();
        if (fields.size() != header.size()) {
            return new RejectedRow(file, rowNumber, null,
                    "has " + fields.size() + " fields but the header has " + header.size(), rawValues(fields));
        }
        if (malformation != null) {
            String column = header.get(malformedField);
            return new RejectedRow(file, rowNumber, column, column + ": " + malformation + " (RFC 4180 quoting)",
                    rawValues(fields));
        }
        Map<String, String> values = new LinkedHashMap<>();
        long id = 0;
        for (int i = 0; i < specs.length; i++) {
            ColumnSpec spec = specs[i];
            if (spec == null) {
                continue;
            }
            String value = fields.get(i).isEmpty() ? null : nfc(fields.get(i));
            String problem = ValueChecks.problem(spec, value);
            if (problem != null) {
                return new RejectedRow(file, rowNumber, spec.name(), problem, rawValues(fields));
            }
            if (i == keyIndex) {
                id = ValueChecks.idValue(value);
                if (acceptedIds.contains(id)) {
                    return new RejectedRow(file, rowNumber, spec.name(),
                            spec.name() + ": id " + value + " repeats the key of an earlier row", rawValues(fields));
                }
            }
            values.put(spec.name(), value);
        }
        // Only accepted rows claim their key: they alone become target records, so only they can collide.
        acceptedIds.add(id);
        countUnknownCodes(values);
        return new SourceRow(file, rowNumber, values);
    }

    /** Accepted rows per column whose code is outside the column's §7 list, by column name. */
    Map<String, Long> unknownCodes() {
        return unknownCodes;
    }

    private void countUnknownCodes(Map<String, String> values) {
        for (ColumnSpec spec : specs) {
            if (spec != null && spec.type().kind() == ColumnType.Kind.CODE) {
                String value = values.get(spec.name());
                if (value != null && !CodeLists.get(spec.type().codeList()).contains(value)) {
                    unknownCodes.merge(spec.name(), 1L, Long::sum);
                }
            }
        }
    }

    /**
     * What was read, by header name (NULL for empty); fields past the header are kept as {@code #<position>}. Built
     * only for a rejected row: accepted rows carry their values, and this runs per row.
     */
    private Map<String, String> rawValues(List<String> fields) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            String name = i < header.size() ? header.get(i) : "#" + (i + 1);
            raw.put(name, fields.get(i).isEmpty() ? null : fields.get(i));
        }
        return raw;
    }

    private static String nfc(String value) {
        return Normalizer.isNormalized(value, Normalizer.Form.NFC) ? value : Normalizer.normalize(value, Normalizer.Form.NFC);
    }
}
