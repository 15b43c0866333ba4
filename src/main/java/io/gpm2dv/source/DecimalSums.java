package io.gpm2dv.source;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Exact sums of a few decimal columns per id (an invoice's line totals, its payments), collected as {@code long}
 * arrays of cents and, when first read, merged by id into sorted {@link LongColumn}s outside the heap: the export's
 * amounts are decimal(12,2), so a million invoices cost about 40 bytes each of mapped memory instead of a map entry,
 * boxed key and a {@code BigDecimal} per column in the heap. Rows are all added before the first read. A value with
 * more than two decimal places or beyond a {@code long} of cents is summed exactly on the side. Each sum has the scale
 * {@link BigDecimal#add} would give it: the largest scale of the values added, so "12.5" + "3" reads back as 15.5,
 * not 15.50.
 */
final class DecimalSums {
    private record Frozen(LongColumn keys, LongColumn counts, LongColumn cents, LongColumn scales) {
    }

    /** What was added for one id: how many rows, and the sum of each column. */
    record Sums(long count, BigDecimal[] sums) {
        BigDecimal sum(int column) {
            return sums[column];
        }
    }

    private static final int CENTS_SCALE = 2;

    private final int columns;
    private long[] keys = new long[256];
    private long[] counts = new long[256];
    private long[] cents;
    private int[] scales;
    private int size;
    private boolean sorted = true;
    /** Once read: ids ascending, and per id its row count, then per column its cents and its scale. */
    private Frozen frozen;
    /** Sums of values cents cannot hold, by id; rare (the export's amounts have two decimal places). */
    private final Map<Long, BigDecimal[]> exact = new HashMap<>();

    DecimalSums(int columns) {
        this.columns = columns;
        this.cents = new long[256 * columns];
        this.scales = new int[256 * columns];
    }

    /** Adds one row of {@code key} (a null value counts as zero). */
    synchronized void add(long key, BigDecimal... values) {
        if (frozen != null) {
            throw new IllegalStateException("sums are read-only once read");
        }
        int at = size > 0 && keys[size - 1] == key ? size - 1 : append(key);
        counts[at]++;
        for (int c = 0; c < columns; c++) {
            BigDecimal v = values[c] == null ? BigDecimal.ZERO : values[c];
            int slot = at * columns + c;
            scales[slot] = Math.max(scales[slot], v.scale());
            Long inCents = cents(v);
            if (inCents != null && fits(cents[slot], inCents)) {
                cents[slot] += inCents;
            } else {
                BigDecimal[] side = exact.computeIfAbsent(key, k -> zeros());
                side[c] = side[c].add(v);
            }
        }
    }

    /** The sums of {@code key}; null when nothing was added for it. */
    synchronized Sums get(long key) {
        Frozen f = freezeOnce();
        int i = f.keys().binarySearch(key);
        return i < 0 ? null : sums(f, i);
    }

    /** Every id with its sums, ascending. */
    synchronized void forEach(BiConsumer<Long, Sums> each) {
        Frozen f = freezeOnce();
        for (int i = 0; i < f.keys().size(); i++) {
            each.accept(f.keys().get(i), sums(f, i));
        }
    }

    synchronized int size() {
        return freezeOnce().keys().size();
    }

    private int append(long key) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            counts = Arrays.copyOf(counts, size * 2);
            cents = Arrays.copyOf(cents, size * 2 * columns);
            scales = Arrays.copyOf(scales, size * 2 * columns);
        }
        if (size > 0 && keys[size - 1] > key) {
            sorted = false;
        }
        keys[size] = key;
        counts[size] = 0;
        for (int c = 0; c < columns; c++) {
            cents[size * columns + c] = 0;
            scales[size * columns + c] = 0;
        }
        return size++;
    }

    private Sums sums(Frozen f, int i) {
        BigDecimal[] out = new BigDecimal[columns];
        BigDecimal[] side = exact.get(f.keys().get(i));
        for (int c = 0; c < columns; c++) {
            BigDecimal sum = BigDecimal.valueOf(f.cents().get(i * columns + c), CENTS_SCALE);
            if (side != null) {
                sum = sum.add(side[c]);
            }
            // exact: every value added had at most this scale
            int scale = (int) f.scales().get(i * columns + c);
            out[c] = sum.setScale(Math.max(scale, side == null ? 0 : side[c].scale()));
        }
        return new Sums(f.counts().get(i), out);
    }

    private Frozen freezeOnce() {
        if (frozen == null) {
            sortOnce();
            long[] sc = new long[size * columns];
            for (int i = 0; i < sc.length; i++) {
                sc[i] = scales[i];
            }
            frozen = new Frozen(LongColumn.of(keys, size), LongColumn.of(counts, size),
                    LongColumn.of(cents, size * columns), LongColumn.of(sc, sc.length));
            keys = null;
            counts = null;
            cents = null;
            scales = null;
        }
        return frozen;
    }

    /** Merges the rows of one key that were not added one after another (the files are not sorted by it). */
    private void sortOnce() {
        if (sorted) {
            return;
        }
        Integer[] order = LongLinks.byKey(keys, size);
        long[] k = new long[size];
        long[] n = new long[size];
        long[] s = new long[size * columns];
        int[] sc = new int[size * columns];
        int m = 0;
        for (int i = 0; i < size; i++) {
            int from = order[i];
            boolean same = m > 0 && k[m - 1] == keys[from];
            int to = same ? m - 1 : m++;
            k[to] = keys[from];
            n[to] += counts[from];
            for (int c = 0; c < columns; c++) {
                long add = cents[from * columns + c];
                if (fits(s[to * columns + c], add)) {
                    s[to * columns + c] += add;
                } else {
                    BigDecimal[] side = exact.computeIfAbsent(k[to], x -> zeros());
                    side[c] = side[c].add(BigDecimal.valueOf(add, CENTS_SCALE));
                }
                sc[to * columns + c] = Math.max(sc[to * columns + c], scales[from * columns + c]);
            }
        }
        keys = k;
        counts = n;
        cents = s;
        scales = sc;
        size = m;
        sorted = true;
    }

    private BigDecimal[] zeros() {
        BigDecimal[] z = new BigDecimal[columns];
        Arrays.fill(z, BigDecimal.ZERO);
        return z;
    }

    /** The value in cents when that is exact and fits a long; null otherwise. */
    private static Long cents(BigDecimal v) {
        try {
            return v.movePointRight(CENTS_SCALE).longValueExact();
        } catch (ArithmeticException notWhole) {
            return null;
        }
    }

    private static boolean fits(long sum, long add) {
        long r = sum + add;
        return ((sum ^ r) & (add ^ r)) >= 0;
    }
}
