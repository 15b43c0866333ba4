package io.gpm2dv.verify;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One sent column of one record against what Dataverse holds: the value sent and the value read back (both as JSON,
 * for the operator's diff only), their kinds (for the ledger and the logs, never values), and whether they match.
 * {@code code} names the kind of difference ({@code null} when they match).
 */
public record ColumnCheck(String object, String key, String table, String column, JsonNode sent, JsonNode read,
        String sentKind, String readKind, String code) {

    public static final String VALUE_DIFFERS = "VALUE_DIFFERS";
    public static final String LOOKUP_DIFFERS = "LOOKUP_DIFFERS";
    public static final String PARTIES_DIFFER = "PARTIES_DIFFER";
    public static final String FILE_DIFFERS = "FILE_DIFFERS";
    public static final String RECORD_MISSING = "RECORD_MISSING";

    public boolean matches() {
        return code == null;
    }
}
