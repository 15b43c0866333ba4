package io.gpm2dv.source;

import java.util.Arrays;

/**
 * Ids grouped by a shared long key (a hashed NHI → the clients that carry it), for duplicate detection over
 * millions of rows: pairs are collected in two arrays, and when first read only keys that two or more distinct ids
 * share are kept, so the usual case (every key unique) costs next to nothing once built.
 */
public final class LongGroups {
    private static final long[] NONE = new long[0];

    private long[] keys = new long[256];
    private long[] values = new long[256];
    private int size;
    private boolean compacted;
    /** Start of each kept group in {@link #values}; the group of {@code keys[i]} ends where group i + 1 starts. */
    private int[] starts;

    /** Adds {@code value} to the group of {@code key}; nothing may be added once the groups have been read. */
    synchronized void add(long key, long value) {
        if (compacted) {
            throw new IllegalStateException("groups are read-only once read");
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        keys[size] = key;
        values[size] = value;
        size++;
    }

    /** The ids sharing {@code key}, ascending; empty when fewer than two distinct ids have it. */
    public long[] get(long key) {
        compactOnce();
        int i = Arrays.binarySearch(keys, 0, size, key);
        return i < 0 ? NONE : Arrays.copyOfRange(values, starts[i], starts[i + 1]);
    }

    /** How many keys are shared by two or more ids. */
    public int sharedKeys() {
        compactOnce();
        return size;
    }

    private synchronized void compactOnce() {
        if (compacted) {
            return;
        }
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> keys[a] != keys[b] ? Long.compare(keys[a], keys[b]) : Long.compare(values[a], values[b]));
        long[] k = new long[Math.max(size, 1)];
        long[] v = new long[Math.max(size, 1)];
        int[] s = new int[Math.max(size, 1) + 1];
        int groups = 0;
        int kept = 0;
        for (int i = 0; i < size; ) {
            long key = keys[order[i]];
            int groupStart = kept;
            for (; i < size && keys[order[i]] == key; i++) {
                long value = values[order[i]];
                if (kept == groupStart || v[kept - 1] != value) {
                    v[kept++] = value;
                }
            }
            if (kept - groupStart >= 2) {
                k[groups] = key;
                s[groups] = groupStart;
                groups++;
            } else {
                kept = groupStart;
            }
        }
        s[groups] = kept;
        keys = Arrays.copyOf(k, groups);
        values = Arrays.copyOf(v, kept);
        starts = Arrays.copyOf(s, groups + 1);
        size = groups;
        compacted = true;
    }
}
