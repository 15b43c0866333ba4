package io.gpm2dv.source;

import java.util.Map;

/**
 * A record that failed validation (export format §5, §10 step 2). {@code column} names the offending
 * column (null for record-level faults such as a wrong field count); {@code rawValues} keeps what was read
 * so nothing is lost on the dead-letter topic.
 */
public record RejectedRow(GpmFile file, long rowNumber, String column, String reason, Map<String, String> rawValues)
        implements RowResult {

    /** The primary key as read, when it was readable; used to name the record in reports. */
    public String rawId() {
        return rawValues == null ? null : rawValues.get(file.primaryKey());
    }
}
