package io.gpm2dv.emulator;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Comparable forms of stored values and query literals. Text compares case-insensitively because Dataverse's
 * default collation does; nulls sort first, as SQL Server sorts them.
 */
final class FilterValues {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T.*");

    private FilterValues() {
    }

    static Object of(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        return v.asText().toLowerCase(Locale.ROOT);
    }

    /** A literal of {@code $filter} or a parameter alias: 'text', number, true/false, null, GUID, date or date-time. */
    static Object literal(String token) {
        if (token.startsWith("'")) {
            if (token.length() < 2 || !token.endsWith("'")) {
                throw ApiError.query("Unterminated string literal " + token + " in $filter.");
            }
            return token.substring(1, token.length() - 1).replace("''", "'").toLowerCase(Locale.ROOT);
        }
        switch (token) {
            case "null" -> {
                return null;
            }
            case "true" -> {
                return Boolean.TRUE;
            }
            case "false" -> {
                return Boolean.FALSE;
            }
            default -> {
            }
        }
        if (KeyRef.guid(token).isPresent()) {
            return token.toLowerCase(Locale.ROOT);
        }
        if (DATE.matcher(token).matches()) {
            return token;
        }
        if (DATE_TIME.matcher(token).matches()) {
            try {
                return OffsetDateTime.parse(token).toInstant().truncatedTo(ChronoUnit.SECONDS).toString().toLowerCase(Locale.ROOT);
            } catch (DateTimeParseException e) {
                throw ApiError.query("The date-time literal '" + token + "' is not valid.");
            }
        }
        try {
            return new BigDecimal(token);
        } catch (NumberFormatException e) {
            throw ApiError.query("Syntax error at '" + token + "' in $filter.");
        }
    }

    static boolean isLiteralStart(String token) {
        return token.startsWith("'") || token.equals("null") || token.equals("true") || token.equals("false")
                || KeyRef.guid(token).isPresent() || Character.isDigit(token.charAt(0)) || token.charAt(0) == '-';
    }

    /** Compares two non-null comparable values; values of different kinds cannot be compared. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object a, Object b) {
        if (a.getClass() != b.getClass()) {
            throw ApiError.query("A binary operator with incompatible types was detected. Found operand types '"
                    + kind(a) + "' and '" + kind(b) + "'.");
        }
        return ((Comparable) a).compareTo(b);
    }

    /** Null-first ordering for {@code $orderby} and paging. */
    static int order(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a.getClass() != b.getClass()) {
            return a.getClass().getName().compareTo(b.getClass().getName());
        }
        return compare(a, b);
    }

    private static String kind(Object o) {
        return o instanceof BigDecimal ? "Edm.Decimal" : o instanceof Boolean ? "Edm.Boolean" : "Edm.String";
    }
}
