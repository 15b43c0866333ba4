package io.gpm2dv.source;

/**
 * A set of positive longs in one open-addressed array, for primary-key uniqueness over millions of rows
 * (a {@code HashSet<Long>} would cost several times the memory). Zero marks an empty slot, which is safe
 * because ids are positive.
 */
final class LongSet {
    private long[] slots = new long[1024];
    private int size;

    /** Adds {@code value} (> 0); false when it was already there. */
    boolean add(long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("ids are positive");
        }
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        if (!insert(slots, value)) {
            return false;
        }
        size++;
        return true;
    }

    boolean contains(long value) {
        int mask = slots.length - 1;
        for (int i = hash(value) & mask; slots[i] != 0; i = (i + 1) & mask) {
            if (slots[i] == value) {
                return true;
            }
        }
        return false;
    }

    int size() {
        return size;
    }

    private static boolean insert(long[] table, long value) {
        int mask = table.length - 1;
        int i = hash(value) & mask;
        while (table[i] != 0) {
            if (table[i] == value) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = value;
        return true;
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        for (long v : slots) {
            if (v != 0) {
                insert(bigger, v);
            }
        }
        slots = bigger;
    }

    private static int hash(long value) {
        long h = value * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
