package io.gpm2dv.verify;

import com.fasterxml.jackson.databind.JsonNode;

/** The kind of a value, for the ledger and the logs: never the value itself. */
public final class ValueKinds {
    private ValueKinds() {
    }

    /** {@code null}, {@code string(<length>)}, {@code number}, {@code boolean}, {@code array(<size>)} or {@code object}. */
    public static String of(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "null";
        }
        if (v.isTextual()) {
            return "string(" + v.asText().length() + ")";
        }
        if (v.isNumber()) {
            return "number";
        }
        if (v.isBoolean()) {
            return "boolean";
        }
        if (v.isArray()) {
            return "array(" + v.size() + ")";
        }
        return "object";
    }

    /** A lookup: {@code lookup} when it points somewhere, else {@code null}. */
    static String lookup(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode() || v.asText().isEmpty() ? "null" : "lookup";
    }
}
