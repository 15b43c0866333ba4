package io.gpm2dv.deadletter;

/**
 * Whether sending a dead letter again can succeed without a new export: yes when it failed for something outside the
 * record that can have changed since (its parent was not there; a lookup target was missing; Dataverse was throttling
 * or unavailable), no when the record itself is wrong (the export's types rejected the row, the message was
 * unreadable, Dataverse refused a value): those need a corrected export or map, and a delta.
 */
public final class RetryRule {
    /** Dataverse codes of a state that can change: record not found (a lookup's target), throttling, unavailable. */
    private static final String[] TRANSIENT_CODES = {"0x80040217", "0x80072322", "0x80072321", "0x80072326",
            "0x80040216", "0x8004f005"};

    private RetryRule() {
    }

    public static boolean retryable(String stage, String reason) {
        if ("extract".equals(stage) || reason == null || reason.startsWith("unreadable message")) {
            return false;
        }
        if (reason.startsWith("parent ")) {
            return true;
        }
        for (String code : TRANSIENT_CODES) {
            if (reason.contains(code)) {
                return true;
            }
        }
        return reason.contains(" 503 ") || reason.contains(" 502 ") || reason.contains(" 504 ")
                || reason.startsWith("503") || reason.startsWith("502") || reason.startsWith("504");
    }
}
