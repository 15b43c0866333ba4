package io.gpm2dv.sample;

/** NHI numbers in the legacy {@code LLLNNNC} form with their mod-11 check digit (H12 needs valid and broken ones). */
final class Nhi {
    private static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";

    private Nhi() {
    }

    /** The check digit of {@code LLLNNN}, or -1 when that stem has none (checksum 0). */
    static int checkDigit(String stem) {
        int sum = 0;
        for (int i = 0; i < 6; i++) {
            char c = stem.charAt(i);
            int value = i < 3 ? LETTERS.indexOf(c) + 1 : c - '0';
            sum += value * (7 - i);
        }
        int mod = sum % 11;
        if (mod == 0) {
            return -1;
        }
        return (11 - mod) % 10;
    }

    static boolean valid(String nhi) {
        if (!nhi.matches("[A-HJ-NP-Z]{3}[0-9]{4}")) {
            return false;
        }
        int check = checkDigit(nhi.substring(0, 6));
        return check >= 0 && check == nhi.charAt(6) - '0';
    }

    /** A valid test-range NHI ({@code Z..}) derived from a number; never a real person's. */
    static String forNumber(long n) {
        // stems 2n and 2n+1 differ by 2 in the checksum, so one of them always has a check digit
        for (long k = 2 * n; ; k++) {
            String stem = "Z" + LETTERS.charAt((int) (k / 1000 % 24)) + LETTERS.charAt((int) (k / 24000 % 24))
                    + String.format("%03d", k % 1000);
            int check = checkDigit(stem);
            if (check >= 0) {
                return stem + check;
            }
        }
    }
}
