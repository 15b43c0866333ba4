package io.gpm2dv.proposal;

import java.util.Collection;
import java.util.regex.Pattern;

/** What a column's sample values look like: the value profile that tips a proposal between columns of one type. */
public enum ValueKind {
    EMPTY, EMAIL, PHONE, DATE, YES_NO, NUMBER, CODE, TEXT;

    private static final Pattern EMAIL_LIKE = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern PHONE_LIKE = Pattern.compile("^[+(]?[0-9][0-9 ()+\\-]{5,}$");
    private static final Pattern DATE_LIKE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}([T ].*)?$");
    private static final Pattern NUMBER_LIKE = Pattern.compile("^-?\\d+([.,]\\d+)?$");
    private static final Pattern CODE_LIKE = Pattern.compile("^[A-Z0-9_]{1,20}$");

    /** The kind most samples share (at least four in five), else TEXT; nulls and blanks are ignored. */
    public static ValueKind of(Collection<String> samples) {
        int n = 0;
        int[] counts = new int[values().length];
        for (String s : samples) {
            if (s == null || s.isBlank()) {
                continue;
            }
            n++;
            counts[kindOf(s.trim()).ordinal()]++;
        }
        if (n == 0) {
            return EMPTY;
        }
        for (ValueKind k : values()) {
            if (k != TEXT && counts[k.ordinal()] * 5 >= n * 4) {
                return k;
            }
        }
        return TEXT;
    }

    private static ValueKind kindOf(String s) {
        String lower = s.toLowerCase();
        if (lower.equals("y") || lower.equals("n") || lower.equals("yes") || lower.equals("no") || lower.equals("true")
                || lower.equals("false")) {
            return YES_NO;
        }
        if (EMAIL_LIKE.matcher(s).matches()) {
            return EMAIL;
        }
        if (DATE_LIKE.matcher(s).matches()) {
            return DATE;
        }
        if (NUMBER_LIKE.matcher(s).matches()) {
            return NUMBER;
        }
        if (PHONE_LIKE.matcher(s).matches()) {
            return PHONE;
        }
        if (CODE_LIKE.matcher(s).matches()) {
            return CODE;
        }
        return TEXT;
    }
}
