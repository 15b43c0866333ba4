package io.gpm2dv.pipeline;

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
    /** A booking before the export's cut-off that nobody closed: left Open in Dataverse (target-mapping §2). */
    public static final String LEFT_OPEN = "LEFT_OPEN";
    /** A value below what the target column takes (a negative duration, H18): kept in the note instead. */
    public static final String OUT_OF_RANGE = "OUT_OF_RANGE";
    /** A note body declared in one format that is really another (H11): treated as what it is. */
    public static final String FORMAT_SNIFFED = "FORMAT_SNIFFED";
    /** Text over notetext's 100,000 characters: cut with … and the full original attached to the note (H17). */
    public static final String NOTE_ATTACHED = "NOTE_ATTACHED";
    /** An RTF body whose pictures or objects did not survive conversion: the original is attached (H11). */
    public static final String RTF_CONTENT_DROPPED = "RTF_CONTENT_DROPPED";
    /** A date of birth such as 1900-01-01 that stands for "unknown" (H18): migrated as is, reported. */
    public static final String DOB_PLACEHOLDER = "DOB_PLACEHOLDER";
    /** A name that looks damaged by an earlier single-byte export (H16): migrated as is, reported, never repaired. */
    public static final String SUSPECTED_MOJIBAKE = "SUSPECTED_MOJIBAKE";
    /** An identifier that does not match its format (NHI, CPN; H12): kept, flagged. */
    public static final String INVALID_IDENTIFIER = "INVALID_IDENTIFIER";
    /** An NHI of the right shape whose check digit or check letter does not match (H12): kept, flagged. */
    public static final String INVALID_CHECK_CHARACTER = "INVALID_CHECK_CHARACTER";
    /** An NHI another client carries too (H12): kept on both; the column names the other client's key. */
    public static final String DUPLICATE_IDENTIFIER = "DUPLICATE_IDENTIFIER";
    /** A client that may be the same person as another (equal NHI, or folded name + DOB; H01): never merged, the column names the other. */
    public static final String DUPLICATE_CANDIDATE = "DUPLICATE_CANDIDATE";
    /** A client named "Delete Me" that was never merged away (H01): migrated as is, for a person to merge or keep. */
    public static final String MERGE_LEFTOVER = "MERGE_LEFTOVER";
    /** A date of birth after the client's first attended appointment (H18): migrated as is, reported. */
    public static final String DOB_AFTER_FIRST_VISIT = "DOB_AFTER_FIRST_VISIT";
    /** A BOOKED or CONFIRMED appointment of a deceased client after the cut-off or the date of death (H18). */
    public static final String BOOKED_AFTER_DEATH = "BOOKED_AFTER_DEATH";
    /** An appointment whose end is not after its start (H18). */
    public static final String END_NOT_AFTER_START = "END_NOT_AFTER_START";
    /** A COMPLETED appointment after the export's cut-off (H18). */
    public static final String FUTURE_COMPLETED = "FUTURE_COMPLETED";
    /** A cancelled or no-show appointment without reason or time (H18, older data). */
    public static final String CANCELLED_WITHOUT_REASON = "CANCELLED_WITHOUT_REASON";
    /** An invoice header whose totals differ from the sum of its lines (H18): loaded as found, reported. */
    public static final String TOTALS_MISMATCH = "TOTALS_MISMATCH";
    /** A line whose price Dataverse cannot hold so that price × quantity gives the line total: price adjusted, source kept in the description. */
    public static final String LINE_PRICE_ADJUSTED = "LINE_PRICE_ADJUSTED";
    /** A line written as quantity 1 at its total, the source quantity and price kept in the description. */
    public static final String LINE_FOLDED = "LINE_FOLDED";
    /** An original invoice that carries a synced re-export's Xero id because its own sync failed (H09). */
    public static final String XERO_ID_FROM_REEXPORT = "XERO_ID_FROM_REEXPORT";
}
