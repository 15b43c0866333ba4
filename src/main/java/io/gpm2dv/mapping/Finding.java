package io.gpm2dv.mapping;

/**
 * Something the reconciliation report must list about a record (truncated column, invalid value, orphan
 * reference, unknown code). Never carries the value itself: reports hold ids, columns and codes only.
 */
public record Finding(String key, String column, String code) {
    public static final String TRUNCATED = "TRUNCATED";
    public static final String INVALID_EMAIL = "INVALID_EMAIL";
    public static final String EMAIL_CLEANED = "EMAIL_CLEANED";
    public static final String INVALID_PHONE = "INVALID_PHONE";
    public static final String NOT_A_MOBILE = "NOT_A_MOBILE";
    public static final String UNKNOWN_CODE = "UNKNOWN_CODE";
    public static final String WHITESPACE_ONLY = "WHITESPACE_ONLY";
    public static final String ORPHAN_REFERENCE = "ORPHAN_REFERENCE";
}
