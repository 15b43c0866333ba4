package io.gpm2dv.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** The keys on which two clients count as one person (H01). */
class ClientKeysTest {
    static final LocalDate DOB = LocalDate.of(1990, 4, 5);

    @Test
    void macronsCaseSpacesAndDecomposedFormsFoldToOneKey() {
        assertEquals("tane kumara-otaki", ClientKeys.foldName("  Tāne   Kūmara-Ōtaki "));
        // ā as a + combining macron (NFD, from an earlier export) folds like the composed letter
        assertEquals(ClientKeys.foldName("Tāne"), ClientKeys.foldName("Ta\u0304ne"));
        assertEquals(ClientKeys.personKey("Tāne", "Kūmara-Ōtaki", DOB), ClientKeys.personKey("TANE", "kumara-otaki", DOB));
        // double vowels are another spelling, not folded (export format H16)
        assertNotEquals(ClientKeys.personKey("Taane", "Smith", DOB), ClientKeys.personKey("Tane", "Smith", DOB));
    }

    @Test
    void aDeleteMeMarkerIsLeftOutOfTheName() {
        assertEquals("smith", ClientKeys.foldName("Smith Delete Me"));
        assertEquals("smith", ClientKeys.foldName("Smith DELETEME"));
        assertEquals(ClientKeys.personKey("John", "Smith", DOB), ClientKeys.personKey("John Delete me", "Smith", DOB));
    }

    @Test
    void withoutLastNameOrBirthDateThereIsNoPersonKeyAndNhisCompareTrimmedInUpperCase() {
        assertNull(ClientKeys.personKey("John", "Smith", null));
        assertNull(ClientKeys.personKey("John", "  ", DOB));
        assertEquals(ClientKeys.personKey(null, "Rangimārie", DOB), ClientKeys.personKey("", "Rangimarie", DOB));
        assertEquals(ClientKeys.nhiKey("ZZZ0024"), ClientKeys.nhiKey(" zzz0024 "));
        assertNull(ClientKeys.nhiKey(" "));
    }
}
