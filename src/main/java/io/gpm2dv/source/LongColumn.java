package io.gpm2dv.source;

import java.nio.LongBuffer;
import java.util.Arrays;

/**
 * A fixed column of longs (sorted ids, the values linked to them, sums in cents), written once when an index structure
 * is complete and only read after. Small columns stay on the heap; from {@link #ON_HEAP_BELOW} values on they live in
 * {@link OffHeap} memory, so the heap holds no per-row state however large the export. Reads are thread-safe.
 */
final class LongColumn {
    /** Below a few pages a mapping saves nothing: the column stays an array. */
    static final int ON_HEAP_BELOW = 2048;
    static final LongColumn EMPTY = new LongColumn(new long[0], null, 0);

    private final long[] heap;
    private final LongBuffer mapped;
    private final int size;

    private LongColumn(long[] heap, LongBuffer mapped, int size) {
        this.heap = heap;
        this.mapped = mapped;
        this.size = size;
    }

    /** The first {@code size} values of {@code values}; the array may be reused by the caller afterwards. */
    static LongColumn of(long[] values, int size) {
        if (size < ON_HEAP_BELOW) {
            return new LongColumn(Arrays.copyOf(values, size), null, size);
        }
        LongBuffer out = OffHeap.allocate((long) size * Long.BYTES).asLongBuffer();
        out.put(values, 0, size);
        return new LongColumn(null, out.asReadOnlyBuffer(), size);
    }

    int size() {
        return size;
    }

    long get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return heap != null ? heap[i] : mapped.get(i);
    }

    /** As {@link Arrays#binarySearch(long[], long)} on an ascending column: the index, or -(insertion point) - 1. */
    int binarySearch(long key) {
        if (heap != null) {
            return Arrays.binarySearch(heap, key);
        }
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long v = mapped.get(mid);
            if (v < key) {
                low = mid + 1;
            } else if (v > key) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -(low + 1);
    }

    /** Values {@code from} (inclusive) to {@code to} (exclusive) as an array. */
    long[] range(int from, int to) {
        if (heap != null) {
            return Arrays.copyOfRange(heap, from, to);
        }
        long[] out = new long[to - from];
        mapped.get(from, out);
        return out;
    }

    /** Whether the values are outside the Java heap. */
    boolean offHeap() {
        return mapped != null && mapped.isDirect();
    }
}
