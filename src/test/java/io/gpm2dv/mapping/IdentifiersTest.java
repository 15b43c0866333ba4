package io.gpm2dv.mapping;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** NHI and CPN rules of H12, on the Ministry's test range (NHIs starting Z) and hand-computed check characters. */
class IdentifiersTest {

    @Test
    void aLegacyNhiNeedsItsMod11CheckDigit() {
        assertTrue(Identifiers.hasValidNhiCheck("ZZZ0016"));
        assertTrue(Identifiers.hasValidNhiCheck("ZZZ0024"));
        assertFalse(Identifiers.hasValidNhiCheck("ZZZ0017"));
        // Z Z Z 0 0 4 weigh 440, divisible by 11: that stem has no check digit, so no last digit makes it valid
        for (char d = '0'; d <= '9'; d++) {
            assertFalse(Identifiers.hasValidNhiCheck("ZZZ004" + d), "ZZZ004" + d);
        }
    }

    @Test
    void aNewFormatNhiNeedsItsMod24CheckLetter() {
        // Z Z Z 0 0 A weigh 434; 434 mod 24 = 2; the check letter is the 22nd NHI letter, X
        assertTrue(Identifiers.hasValidNhiCheck("ZZZ00AX"));
        assertFalse(Identifiers.hasValidNhiCheck("ZZZ00AA"));
        // A L U 1 8 K weigh 216 = 9 × 24: the check letter is the 24th, Z
        assertTrue(Identifiers.hasValidNhiCheck("ALU18KZ"));
        assertFalse(Identifiers.hasValidNhiCheck("ALU18KY"));
    }

    @Test
    void theShapeExcludesIAndOAndLowerCase() {
        assertTrue(Identifiers.isNhiFormat("ZZZ0016"));
        assertTrue(Identifiers.isNhiFormat("ZZZ00AX"));
        assertFalse(Identifiers.isNhiFormat("ZIO1234"));
        assertFalse(Identifiers.isNhiFormat("zzz0016"));
        assertFalse(Identifiers.isNhiFormat("ZZZ00A1"));
        assertFalse(Identifiers.hasValidNhiCheck("ZIO1234"), "no check without the shape");
    }

    @Test
    void aCpnIsTwoDigitsThenFourCapitals() {
        assertTrue(Identifiers.isCpn("12ABCD"));
        assertFalse(Identifiers.isCpn("1234AB"));
        assertFalse(Identifiers.isCpn("ABC123"));
        assertFalse(Identifiers.isCpn("ZZ12AB"));
        assertFalse(Identifiers.isCpn("12abcd"));
        assertFalse(Identifiers.isCpn(null));
    }
}
