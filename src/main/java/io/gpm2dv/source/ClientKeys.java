package io.gpm2dv.source;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The keys on which two client rows count as the same person (H01): the NHI, or last name + first name + date of
 * birth compared NFC-normalised, case-folded, with macrons (and other diacritics) folded, trimmed, and with a
 * "Delete Me" marker left out, so {@code Tāne Kūmara-Ōtaki} meets {@code Tane Kumara-Otaki} and a merge leftover
 * meets the record it was meant to merge into. Keys are hashed to 64 bits so the index never holds names.
 */
public final class ClientKeys {
    /** The marker practices add to a record's name before merging it away (GPM Merge From, H01). */
    public static final Pattern DELETE_ME = Pattern.compile("(?iu)\\bdelete\\s*me\\b");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private ClientKeys() {
    }

    /** A name as compared: NFC, diacritics folded (ā → a), lower case, "Delete Me" left out, spaces collapsed. */
    public static String foldName(String name) {
        if (name == null) {
            return "";
        }
        String nfc = Normalizer.normalize(name, Normalizer.Form.NFC);
        // decomposing splits ā into a + U+0304, so dropping the marks folds every macron whatever form it came in
        String folded = MARKS.matcher(Normalizer.normalize(nfc, Normalizer.Form.NFD)).replaceAll("");
        folded = DELETE_ME.matcher(folded.toLowerCase(Locale.ROOT)).replaceAll(" ");
        return SPACES.matcher(folded).replaceAll(" ").trim();
    }

    /** The hashed person key, or null when the row lacks a last name or a date of birth (too weak to compare). */
    public static Long personKey(String firstName, String lastName, LocalDate dateOfBirth) {
        String last = foldName(lastName);
        if (last.isEmpty() || dateOfBirth == null) {
            return null;
        }
        return hash("person\u001f" + last + "\u001f" + foldName(firstName) + "\u001f" + dateOfBirth);
    }

    /** The hashed NHI key (trimmed, upper case), or null when there is none. */
    public static Long nhiKey(String nhi) {
        if (nhi == null || nhi.isBlank()) {
            return null;
        }
        return hash("nhi\u001f" + nhi.trim().toUpperCase(Locale.ROOT));
    }

    /**
     * The first 64 bits of the key's SHA-256: with a million clients an accidental collision has odds well under one
     * in ten million (and would at worst add a candidate for review), and the index holds no personal data.
     */
    static long hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
