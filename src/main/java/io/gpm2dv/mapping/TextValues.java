package io.gpm2dv.mapping;

import java.text.Normalizer;

/** Text rules every write obeys: NFC, never strip macrons, never truncate silently (target-mapping §1). */
public final class TextValues {
    public static final String ELLIPSIS = "…";

    private TextValues() {
    }

    public static String nfc(String s) {
        return s == null ? null : Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    public static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /**
     * The longest prefix that fits {@code max} characters (UTF-16 units, as Dataverse counts them) followed by
     * {@code …}; the value itself when it fits. Never splits a surrogate pair.
     */
    public static String fit(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = max - ELLIPSIS.length();
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, Math.max(end, 0)) + ELLIPSIS;
    }
}
