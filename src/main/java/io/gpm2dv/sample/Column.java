package io.gpm2dv.sample;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * One column of an export file with its §5 type, e.g. {@code s60} (string(60)), {@code dec12.2}, {@code ts},
 * {@code code:GENDER}; {@link #check} tells whether a lexical value is valid for it.
 */
public record Column(String name, String type, boolean nullable) {
    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,11}");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[+-][0-9]{2}:[0-9]{2}");

    /** Parses {@code "name type"} or {@code "name type!"} ({@code !} = not null). */
    static Column parse(String spec) {
        String[] parts = spec.trim().split(" ");
        boolean notNull = parts[1].endsWith("!");
        return new Column(parts[0], notNull ? parts[1].substring(0, parts[1].length() - 1) : parts[1], !notNull);
    }

    /** Scale of a {@code decP.S} column. */
    int scale() {
        return Integer.parseInt(type.substring(type.indexOf('.') + 1));
    }

    /** Returns null when {@code value} (null = empty field) is valid, else why not. */
    public String check(String value) {
        if (value == null) {
            return nullable ? null : "null in a not-null column";
        }
        if (value.isEmpty()) {
            return "zero-length string";
        }
        if (!Normalizer.isNormalized(value, Normalizer.Form.NFC)) {
            return "not NFC";
        }
        boolean ok = switch (kind()) {
            case "id" -> ID.matcher(value).matches();
            case "int" -> INTEGER.matcher(value).matches() && value.length() <= 11;
            case "dec" -> decimalOk(value);
            case "s" -> value.codePointCount(0, value.length()) <= Integer.parseInt(type.substring(1));
            case "text" -> true;
            case "date" -> DATE.matcher(value).matches() && parsesAsDate(value);
            case "ts" -> TIMESTAMP.matcher(value).matches() && SampleTime.hasSourceOffset(value);
            case "bool" -> value.equals("Y") || value.equals("N");
            case "code" -> CodeLists.of(type.substring(5)).contains(value);
            // the shape only: the generator writes JSON through Json, and the tests parse every value in full
            case "json" -> value.startsWith("{") && value.endsWith("}");
            case "jsonarr" -> value.startsWith("[") && value.endsWith("]");
            default -> throw new IllegalStateException("type " + type);
        };
        return ok ? null : "not a valid " + type + ": " + abbreviate(value);
    }

    private String kind() {
        if (type.startsWith("dec")) {
            return "dec";
        }
        if (type.startsWith("code:")) {
            return "code";
        }
        if (type.matches("s[0-9]+")) {
            return "s";
        }
        return type;
    }

    private boolean decimalOk(String value) {
        int p = Integer.parseInt(type.substring(3, type.indexOf('.')));
        int s = scale();
        if (!value.matches("-?[0-9]+\\.[0-9]{" + s + "}")) {
            return false;
        }
        return value.replace("-", "").replace(".", "").replaceFirst("^0+(?=.)", "").length() <= p;
    }

    private static boolean parsesAsDate(String value) {
        try {
            LocalDate.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String abbreviate(String v) {
        return v.length() > 40 ? v.substring(0, 40) + "…" : v;
    }
}
