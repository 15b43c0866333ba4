package io.gpm2dv.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Edges of the character-walking id and decimal checks that the row tests do not reach. */
class ValueChecksTest {
    static final ColumnSpec FEE = new ColumnSpec("fee", ColumnType.decimal(10, 2), true, null);
    static final ColumnSpec RATE = new ColumnSpec("rate", ColumnType.decimal(5, 4), true, null);
    static final ColumnSpec KEY = new ColumnSpec("key", ColumnType.ID, false, null);

    @Test
    void leadingZerosDoNotCountTowardsPrecision() {
        assertNull(ValueChecks.problem(FEE, "0000000012345678.00"));
        assertNull(ValueChecks.problem(FEE, "-0.00"));
        assertEquals("fee: the value has more than 8 digits before the point (decimal(10,2))",
                ValueChecks.problem(FEE, "0123456789.00"));
        assertNull(ValueChecks.problem(RATE, "0.1500"));
        assertEquals("rate: the value has more than 1 digits before the point (decimal(5,4))",
                ValueChecks.problem(RATE, "10.0000"));
    }

    @Test
    void everyCharacterOfADecimalIsChecked() {
        String expected = "fee: the value is not decimal(10,2) (-?digits.00)";
        for (String bad : new String[] {"--1.00", "-.50", ".50", "1.0a", "1a.00", "1.00.", "+1.00", "1,00", "12", "-"}) {
            assertEquals(expected, ValueChecks.problem(FEE, bad), bad);
        }
    }

    @Test
    void idsAreDigitsWithinTwelveSignificantPlaces() {
        assertNull(ValueChecks.problem(KEY, "000000000000042"));
        assertNull(ValueChecks.problem(KEY, "999999999999"));
        String expected = "key: the value is not an id (a positive integer up to 999999999999)";
        for (String bad : new String[] {"0", "000", "1000000000000", "-4", "4a", "+4", " 4", ""}) {
            assertEquals(expected, ValueChecks.problem(KEY, bad), bad);
        }
        assertEquals("key: is NULL but the column is not nullable", ValueChecks.problem(KEY, null));
    }
}
