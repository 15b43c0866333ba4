package io.gpm2dv.mapping;

import java.util.regex.Pattern;

/**
 * NZ health identifiers (H12): the NHI number in its legacy {@code LLLNNNC} form with a mod-11 check digit and its
 * newer {@code LLLNNLX} form with a mod-24 check letter (HISO 10046), and the HPI common person number (CPN). Only
 * says whether a value is well-formed: a failing identifier is kept and reported, never changed.
 */
public final class Identifiers {
    /** NHI letters: A–Z without I and O, valued 1–24 in this order. */
    private static final String NHI_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final Pattern NHI_LEGACY = Pattern.compile("[A-HJ-NP-Z]{3}[0-9]{4}");
    private static final Pattern NHI_NEW = Pattern.compile("[A-HJ-NP-Z]{3}[0-9]{2}[A-HJ-NP-Z]{2}");
    private static final Pattern CPN = Pattern.compile("[0-9]{2}[A-Z]{4}");

    private Identifiers() {
    }

    /** Whether {@code nhi} has one of the two NHI shapes (check character not verified). */
    public static boolean isNhiFormat(String nhi) {
        return nhi != null && (NHI_LEGACY.matcher(nhi).matches() || NHI_NEW.matcher(nhi).matches());
    }

    /**
     * Whether a well-formed NHI's last character is its check character. Both forms weigh the first six characters
     * 7, 6, 5, 4, 3, 2 (letters by their 1–24 value, digits by their value). Legacy: the check digit is
     * {@code (11 − sum mod 11) mod 10}, and a stem whose sum is divisible by 11 has none, so it is never valid.
     * New: the check letter is the letter valued {@code 24 − sum mod 24}.
     */
    public static boolean hasValidNhiCheck(String nhi) {
        if (nhi == null) {
            return false;
        }
        boolean legacy = NHI_LEGACY.matcher(nhi).matches();
        if (!legacy && !NHI_NEW.matcher(nhi).matches()) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 6; i++) {
            sum += nhiValue(nhi.charAt(i)) * (7 - i);
        }
        int last = nhiValue(nhi.charAt(6));
        if (legacy) {
            int remainder = sum % 11;
            return remainder != 0 && (11 - remainder) % 10 == last;
        }
        return 24 - sum % 24 == last;
    }

    /** Whether {@code cpn} is an HPI common person number: two digits, four capital letters. */
    static boolean isCpn(String cpn) {
        return cpn != null && CPN.matcher(cpn).matches();
    }

    private static int nhiValue(char c) {
        return c >= '0' && c <= '9' ? c - '0' : NHI_LETTERS.indexOf(c) + 1;
    }
}
