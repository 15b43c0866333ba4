package io.gpm2dv.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class DecimalSumsTest {
    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void rowsOfOneIdAddUpExactlyWhateverOrderTheyCameIn() {
        DecimalSums sums = new DecimalSums(2);
        sums.add(7, d("10.10"), d("1.01"));
        sums.add(3, d("5.00"), d("0.50"));
        sums.add(7, d("-0.10"), d("0.99"));
        sums.add(3, d("2.25"), null);
        sums.add(7, d("0.01"), d("0"));

        DecimalSums.Sums seven = sums.get(7);
        assertEquals(3, seven.count());
        assertEquals("10.01", seven.sum(0).toPlainString());
        assertEquals("2.00", seven.sum(1).toPlainString());
        assertEquals("7.25", sums.get(3).sum(0).toPlainString());
        assertEquals("0.50", sums.get(3).sum(1).toPlainString(), "a missing value counts as zero");
        assertNull(sums.get(5), "nothing added for 5");
        List<Long> ids = new ArrayList<>();
        sums.forEach((id, s) -> ids.add(id));
        assertEquals(List.of(3L, 7L), ids, "each id once, ascending");
    }

    @Test
    void aSumHasTheScaleBigDecimalAdditionGivesIt() {
        DecimalSums sums = new DecimalSums(1);
        sums.add(1, d("12.5"));
        sums.add(1, d("3"));
        sums.add(2, d("4"));
        assertEquals(BigDecimal.ZERO.add(d("12.5")).add(d("3")), sums.get(1).sum(0));
        assertEquals("15.5", sums.get(1).sum(0).toPlainString());
        assertEquals("4", sums.get(2).sum(0).toPlainString());
    }

    @Test
    void valuesCentsCannotHoldAreSummedExactlyOnTheSide() {
        DecimalSums sums = new DecimalSums(1);
        sums.add(1, d("0.005"));
        sums.add(1, d("1.10"));
        sums.add(2, BigDecimal.valueOf(Long.MAX_VALUE / 100));
        sums.add(2, BigDecimal.valueOf(Long.MAX_VALUE / 100));
        sums.add(9, d("1"));
        sums.add(2, d("0.01"));
        assertEquals(d("1.105"), sums.get(1).sum(0));
        assertEquals(BigDecimal.valueOf(Long.MAX_VALUE / 100).multiply(BigDecimal.valueOf(2)).add(d("0.01")),
                sums.get(2).sum(0), "beyond a long of cents");
        assertEquals(3, sums.get(2).count());
    }
}
