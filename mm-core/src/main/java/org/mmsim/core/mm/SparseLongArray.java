package org.mmsim.core.mm;

/**
 * A sparse array of longs (0 = absent) in chunks allocated on first write, so that a 128 TiB mapping
 * that is barely touched costs a few hundred bytes. Used for page tables and page caches.
 */
final class SparseLongArray {
    private static final int CHUNK_BITS = 9;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int MID_BITS = 13;
    private static final int MID = 1 << MID_BITS;

    private final long length;
    private final long[][][] top;

    SparseLongArray(long length) {
        this.length = length;
        long chunks = (length + CHUNK - 1) >>> CHUNK_BITS;
        this.top = new long[(int) ((chunks + MID - 1) >>> MID_BITS)][][];
    }

    private SparseLongArray(SparseLongArray other) {
        this.length = other.length;
        this.top = new long[other.top.length][][];
        for (int t = 0; t < top.length; t++) {
            long[][] mid = other.top[t];
            if (mid == null) {
                continue;
            }
            long[][] copy = new long[mid.length][];
            for (int m = 0; m < mid.length; m++) {
                copy[m] = mid[m] == null ? null : mid[m].clone();
            }
            top[t] = copy;
        }
    }

    long length() {
        return length;
    }

    long get(long i) {
        long c = i >>> CHUNK_BITS;
        long[][] mid = top[(int) (c >>> MID_BITS)];
        if (mid == null) {
            return 0L;
        }
        long[] chunk = mid[(int) (c & (MID - 1))];
        return chunk == null ? 0L : chunk[(int) (i & (CHUNK - 1))];
    }

    void set(long i, long v) {
        long c = i >>> CHUNK_BITS;
        int t = (int) (c >>> MID_BITS);
        long[][] mid = top[t];
        if (mid == null) {
            if (v == 0L) {
                return;
            }
            long chunks = (length + CHUNK - 1) >>> CHUNK_BITS;
            mid = top[t] = new long[(int) Math.min(MID, chunks - ((long) t << MID_BITS))][];
        }
        int m = (int) (c & (MID - 1));
        long[] chunk = mid[m];
        if (chunk == null) {
            if (v == 0L) {
                return;
            }
            chunk = mid[m] = new long[(int) Math.min(CHUNK, length - (c << CHUNK_BITS))];
        }
        chunk[(int) (i & (CHUNK - 1))] = v;
    }

    /** The first index at or after {@code from} holding a non-zero value, or -1. */
    long nextNonZero(long from) {
        long i = from;
        while (i < length) {
            long c = i >>> CHUNK_BITS;
            long[][] mid = top[(int) (c >>> MID_BITS)];
            if (mid == null) {
                i = ((c >>> MID_BITS) + 1) << (MID_BITS + CHUNK_BITS);
                continue;
            }
            long[] chunk = mid[(int) (c & (MID - 1))];
            if (chunk == null) {
                i = (c + 1) << CHUNK_BITS;
                continue;
            }
            for (int k = (int) (i & (CHUNK - 1)); k < chunk.length; k++) {
                if (chunk[k] != 0L) {
                    return (c << CHUNK_BITS) + k;
                }
            }
            i = (c + 1) << CHUNK_BITS;
        }
        return -1;
    }

    SparseLongArray copy() {
        return new SparseLongArray(this);
    }
}
