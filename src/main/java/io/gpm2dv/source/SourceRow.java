package io.gpm2dv.source;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A validated export record. Values keep the canonical lexical form of export format §5 (NFC-normalised
 * strings; null for NULL), so a row survives a trip through Kafka as JSON without any conversion; the typed
 * getters parse on demand.
 */
public record SourceRow(GpmFile file, long rowNumber, Map<String, String> values) implements RowResult {
    private static final ObjectMapper JSON = new ObjectMapper();

    public SourceRow {
        values = Collections.unmodifiableMap(values);
    }

    public String get(String column) {
        return values.get(column);
    }

    public boolean isNull(String column) {
        return values.get(column) == null;
    }

    /** The record's primary key. */
    public long id() {
        return Long.parseLong(values.get(file.primaryKey()));
    }

    /** Migration key {@code <object>-<id>} (target-mapping §1). */
    public String migrationKey() {
        return file.keyPrefix() + "-" + id();
    }

    public Long longValue(String column) {
        String v = values.get(column);
        return v == null ? null : Long.valueOf(v);
    }

    public Integer integer(String column) {
        String v = values.get(column);
        return v == null ? null : Integer.valueOf(v);
    }

    public BigDecimal decimal(String column) {
        String v = values.get(column);
        return v == null ? null : new BigDecimal(v);
    }

    /** A calendar date, never shifted by a time zone. */
    public LocalDate date(String column) {
        String v = values.get(column);
        return v == null ? null : LocalDate.parse(v);
    }

    public OffsetDateTime timestamp(String column) {
        String v = values.get(column);
        return v == null ? null : OffsetDateTime.parse(v);
    }

    /** Y/N as a boolean. */
    public Boolean bool(String column) {
        String v = values.get(column);
        return v == null ? null : "Y".equals(v);
    }

    /** A {@code json[string]} column as a list. */
    public List<String> stringArray(String column) {
        String v = values.get(column);
        if (v == null) {
            return null;
        }
        try {
            return new ArrayList<>(JSON.readValue(v, new TypeReference<List<String>>() {
            }));
        } catch (Exception e) {
            throw new IllegalStateException(file.fileName() + " row " + rowNumber + " column " + column
                    + ": not a JSON array of strings", e);
        }
    }
}
