package io.gpm2dv.source;

import java.util.Arrays;

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

    /** Adds a link; a later link for the same key wins. */
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

    private synchronized void sortOnce() {
        if (sorted) {
            return;
        }
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(keys[a], keys[b]));
        long[] k = new long[size];
        long[] v = new long[size];
        for (int i = 0; i < size; i++) {
            k[i] = keys[order[i]];
            v[i] = values[order[i]];
        }
        keys = k;
        values = v;
        sorted = true;
    }
}
