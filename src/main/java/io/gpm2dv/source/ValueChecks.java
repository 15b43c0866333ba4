package io.gpm2dv.source;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks one value against its column's nullability and §5 lexical form, for the reader and the sample
 * generator alike. A fault comes back as a reason that starts with the column name and never holds the value.
 */
public final class ValueChecks {
    private static final long MAX_ID = 999_999_999_999L;
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,10}");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,29}");
    private static final DateTimeFormatter STRICT_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ValueChecks() {
    }

    /** Null when {@code value} (NFC; null = NULL) is a valid {@code column} value, else why not. */
    public static String problem(ColumnSpec column, String value) {
        if (value == null) {
            return column.nullable() ? null : column.name() + ": is NULL but the column is not nullable";
        }
        ColumnType type = column.type();
        String fault = switch (type.kind()) {
            case ID -> id(value);
            case INTEGER -> INTEGER.matcher(value).matches() ? null : "is not an integer of at most 10 digits";
            case DECIMAL -> decimal(value, type.precision(), type.scale());
            case STRING -> string(value, type.length());
            case TEXT -> null;
            case DATE -> date(value);
            case TIMESTAMP -> timestamp(value);
            case BOOLEAN -> "Y".equals(value) || "N".equals(value) ? null : "is not Y or N";
            case CODE -> code(value);
            case JSON -> json(value, false);
            case JSON_STRINGS -> json(value, true);
        };
        if (fault == null) {
            return null;
        }
        // never the value: reasons reach reports; the raw values travel in the dead letter's payload
        return column.name() + ": the value " + fault;
    }

    /** The id value of a valid {@code id} field. */
    static long idValue(String value) {
        return Long.parseLong(value);
    }

    private static String id(String value) {
        if (value.isEmpty() || !digits(value, 0, value.length()) || value.length() > 12 + leadingZeros(value, 0, value.length())) {
            return "is not an id (a positive integer up to 999999999999)";
        }
        long v = Long.parseLong(value);
        return v < 1 || v > MAX_ID ? "is not an id (a positive integer up to 999999999999)" : null;
    }

    /*
     * The per-field checks below walk the characters instead of using a regex or substrings: they run for
     * every id and decimal of every row, and a valid value should cost no allocation.
     */

    /** Whether {@code value[from, to)} is all ASCII digits (true when empty). */
    private static boolean digits(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Leading zeros of the digits {@code value[from, to)}, keeping at least one digit. */
    private static int leadingZeros(String value, int from, int to) {
        int n = from;
        while (n < to - 1 && value.charAt(n) == '0') {
            n++;
        }
        return n - from;
    }

    private static String decimal(String value, int precision, int scale) {
        int start = value.startsWith("-") ? 1 : 0;
        int dot = value.indexOf('.');
        if (dot <= start || value.length() - dot - 1 != scale || !digits(value, start, dot)
                || !digits(value, dot + 1, value.length())) {
            return "is not decimal(" + precision + "," + scale + ") (-?digits." + "0".repeat(scale) + ")";
        }
        if (dot - start - leadingZeros(value, start, dot) > precision - scale) {
            return "has more than " + (precision - scale) + " digits before the point (decimal(" + precision + ","
                    + scale + "))";
        }
        return null;
    }

    private static String string(String value, int max) {
        int length = value.codePointCount(0, value.length());
        return length > max ? "is " + length + " characters long, more than string(" + max + ") allows" : null;
    }

    private static String date(String value) {
        if (!DATE.matcher(value).matches()) {
            return "is not a date (YYYY-MM-DD)";
        }
        try {
            LocalDate.parse(value, STRICT_DATE);
            return null;
        } catch (DateTimeParseException e) {
            return "is not a calendar date (YYYY-MM-DD)";
        }
    }

    private static String timestamp(String value) {
        if (!TIMESTAMP.matcher(value).matches()) {
            return "is not a timestamp with offset (YYYY-MM-DDTHH:MM:SS±HH:MM or Z)";
        }
        try {
            OffsetDateTime.parse(value);
            return null;
        } catch (DateTimeParseException e) {
            return "is not a real date, time and offset (YYYY-MM-DDTHH:MM:SS±HH:MM)";
        }
    }

    /*
     * An unknown but well-formed code is accepted: §7 says it is mapped to a fallback and logged, not rejected,
     * and a higher minor schema version may add codes. The mapping layer already notes it as UNKNOWN_CODE
     * (ColumnTransforms.choice) and the row stream counts it, so nothing is lost. Only a value that cannot be a
     * code at all (not ASCII upper snake case of at most 30 characters) is a fault of the row.
     */
    private static String code(String value) {
        return CODE.matcher(value).matches() ? null : "is not a code (ASCII upper snake case, at most 30 characters)";
    }

    private static String json(String value, boolean stringsOnly) {
        JsonNode node;
        try {
            node = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            return "is not one JSON value";
        }
        if (node == null || node.isMissingNode()) {
            return "is not one JSON value";
        }
        if (stringsOnly) {
            if (!node.isArray()) {
                return "is not a JSON array of strings";
            }
            for (JsonNode element : node) {
                if (!element.isTextual()) {
                    return "is not a JSON array of strings";
                }
            }
        }
        return null;
    }
}
