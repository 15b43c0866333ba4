package io.gpm2dv.source;

import java.util.Arrays;
import java.util.function.LongBinaryOperator;

/**
 * Links from one id to another (client → default practitioner, appointment → practitioner, document → the
 * communication that sends it), as two sorted {@code long} arrays: a million links cost 16 MB, a
 * {@code HashMap<Long, Long>} several times that. Zero means "no link" (ids are positive).
 */
public final class LongLinks {
    private long[] keys = new long[256];
    private long[] values = new long[256];
    private int size;
    private boolean sorted = true;
    /** Combines two values of one key, earlier first; applied once, when the links are first read. */
    private final LongBinaryOperator merge;

    /** Links where a later link for the same key wins. */
    public LongLinks() {
        this((earlier, later) -> later);
    }

    /** Links whose values for one key are combined by {@code merge} (e.g. {@code Math::min} for "the earliest"). */
    public LongLinks(LongBinaryOperator merge) {
        this.merge = merge;
    }

    /** Adds a link; several links for one key are combined by the merge rule. */
    synchronized void put(long key, long value) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        if (size > 0 && keys[size - 1] >= key) {
            sorted = false;
        }
        keys[size] = key;
        values[size] = value;
        size++;
    }

    /** The linked id, or null. */
    public Long get(Long key) {
        if (key == null) {
            return null;
        }
        sortOnce();
        int i = Arrays.binarySearch(keys, 0, size, key);
        return i < 0 || values[i] == 0 ? null : values[i];
    }

    public int size() {
        return size;
    }

    /**
     * The positions of the first {@code size} keys in key order; a stable sort, so the entries of one key stay in the
     * order they were added and a merge sees the earlier first.
     */
    static Integer[] byKey(long[] keys, int size) {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(keys[a], keys[b]));
        return order;
    }

    private synchronized void sortOnce() {
        if (sorted) {
            return;
        }
        Integer[] order = byKey(keys, size);
        long[] k = new long[size];
        long[] v = new long[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            long key = keys[order[i]];
            long value = values[order[i]];
            if (n > 0 && k[n - 1] == key) {
                v[n - 1] = merge.applyAsLong(v[n - 1], value);
            } else {
                k[n] = key;
                v[n] = value;
                n++;
            }
        }
        size = n;
        keys = k;
        values = v;
        sorted = true;
    }
}
