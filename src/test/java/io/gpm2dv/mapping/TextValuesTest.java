package io.gpm2dv.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class TextValuesTest {

    @Test
    void aValueThatFitsIsKeptAsIs() {
        String v = "Kūmara-Ōtaki";
        assertSame(v, TextValues.fit(v, 50));
    }

    @Test
    void aLongValueGetsTheLongestPrefixThatFitsPlusEllipsis() {
        String fitted = TextValues.fit("abcdefghij", 5);
        assertEquals("abcd…", fitted);
        assertEquals(5, fitted.length());
    }

    @Test
    void truncationNeverSplitsASurrogatePair() {
        String withEmoji = "abc\uD83D\uDE00def"; // a, b, c, 😀 (two UTF-16 units), d, e, f
        assertEquals("abc…", TextValues.fit(withEmoji, 5));
    }

    @Test
    void decomposedMacronsBecomeComposed() {
        String nfd = "Nga\u0304ti";
        assertEquals("Ngāti", TextValues.nfc(nfd));
        assertEquals(5, TextValues.nfc(nfd).length());
    }
}
