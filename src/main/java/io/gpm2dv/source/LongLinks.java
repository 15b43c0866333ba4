package io.gpm2dv.source;

import java.util.Arrays;
import java.util.function.LongBinaryOperator;

/**
 * Links from one id to another (client → default practitioner, appointment → practitioner, document → the
 * communication that sends it), collected in two {@code long} arrays and, when first read, sorted into two
 * {@link LongColumn}s outside the heap: a million links cost 16 MB of mapped memory, where a
 * {@code HashMap<Long, Long>} would hold several times that in the heap for the whole run. Zero means "no link"
 * (ids are positive). Links are all added before the first read.
 */
public final class LongLinks {
    private long[] keys = new long[256];
    private long[] values = new long[256];
    private int size;
    /** The links once read: keys ascending, one value each. */
    private volatile LongColumn[] frozen;
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
        if (frozen != null) {
            throw new IllegalStateException("links are read-only once read");
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
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
        LongColumn[] kv = freezeOnce();
        int i = kv[0].binarySearch(key);
        long value = i < 0 ? 0 : kv[1].get(i);
        return value == 0 ? null : value;
    }

    /** How many keys have a link (several links of one key count once). */
    public int size() {
        return freezeOnce()[0].size();
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

    private LongColumn[] freezeOnce() {
        LongColumn[] kv = frozen;
        return kv != null ? kv : freeze();
    }

    private synchronized LongColumn[] freeze() {
        if (frozen != null) {
            return frozen;
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
        frozen = new LongColumn[] {LongColumn.of(k, n), LongColumn.of(v, n)};
        keys = null;
        values = null;
        return frozen;
    }
}
