package org.mmsim.core.mm;

/**
 * A sparse array of ints (0 = absent) in chunks allocated on first write, so that a 128 TiB mapping
 * that is barely touched costs a few hundred bytes. Used for page tables and page caches. An array
 * of at most one chunk (the explorer's, most scenarios') is that chunk alone: one array to copy.
 * Machine copies share an array ({@link #share}) until one of them writes: that one writes to a
 * {@link #copy} of its own.
 */
final class SparseIntArray {
    private static final int CHUNK_BITS = 9;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int MID_BITS = 13;
    private static final int MID = 1 << MID_BITS;

    private final long length;
    /** The chunks of a long array; null for a short one. */
    private final int[][][] top;
    /** A short array's values, allocated on the first non-zero write. */
    private int[] flat;
    /** Shared by machine copies: read-only, a write is a bug (the owner must copy it first). */
    private boolean shared;

    SparseIntArray(long length) {
        this.length = length;
        long chunks = (length + CHUNK - 1) >>> CHUNK_BITS;
        this.top = length <= CHUNK ? null : new int[(int) ((chunks + MID - 1) >>> MID_BITS)][][];
    }

    private SparseIntArray(SparseIntArray other) {
        this.length = other.length;
        if (other.top == null) {
            this.top = null;
            // copyOf, not clone(): C1 (the explorer's JIT) compiles clone() to a native call
            this.flat = other.flat == null ? null : java.util.Arrays.copyOf(other.flat, other.flat.length);
            return;
        }
        this.top = new int[other.top.length][][];
        for (int t = 0; t < top.length; t++) {
            int[][] mid = other.top[t];
            if (mid == null) {
                continue;
            }
            int[][] copy = new int[mid.length][];
            for (int m = 0; m < mid.length; m++) {
                copy[m] = mid[m] == null ? null : java.util.Arrays.copyOf(mid[m], mid[m].length);
            }
            top[t] = copy;
        }
    }

    long length() {
        return length;
    }

    int get(long i) {
        if (top == null) {
            int[] f = flat;
            return f == null ? 0 : f[(int) i];
        }
        long c = i >>> CHUNK_BITS;
        int[][] mid = top[(int) (c >>> MID_BITS)];
        if (mid == null) {
            return 0;
        }
        int[] chunk = mid[(int) (c & (MID - 1))];
        return chunk == null ? 0 : chunk[(int) (i & (CHUNK - 1))];
    }

    void set(long i, int v) {
        if (shared) {
            throw new IllegalStateException("write to a shared array: the owner must copy it first");
        }
        if (top == null) {
            if (flat == null) {
                if (v == 0) {
                    return;
                }
                flat = new int[(int) length];
            }
            flat[(int) i] = v;
            return;
        }
        long c = i >>> CHUNK_BITS;
        int t = (int) (c >>> MID_BITS);
        int[][] mid = top[t];
        if (mid == null) {
            if (v == 0) {
                return;
            }
            long chunks = (length + CHUNK - 1) >>> CHUNK_BITS;
            mid = top[t] = new int[(int) Math.min(MID, chunks - ((long) t << MID_BITS))][];
        }
        int m = (int) (c & (MID - 1));
        int[] chunk = mid[m];
        if (chunk == null) {
            if (v == 0) {
                return;
            }
            chunk = mid[m] = new int[(int) Math.min(CHUNK, length - (c << CHUNK_BITS))];
        }
        chunk[(int) (i & (CHUNK - 1))] = v;
    }

    /** The first index at or after {@code from} holding a non-zero value, or -1. */
    long nextNonZero(long from) {
        if (top == null) {
            for (int k = (int) Math.max(0, from); flat != null && k < flat.length; k++) {
                if (flat[k] != 0) {
                    return k;
                }
            }
            return -1;
        }
        long i = from;
        while (i < length) {
            long c = i >>> CHUNK_BITS;
            int[][] mid = top[(int) (c >>> MID_BITS)];
            if (mid == null) {
                i = ((c >>> MID_BITS) + 1) << (MID_BITS + CHUNK_BITS);
                continue;
            }
            int[] chunk = mid[(int) (c & (MID - 1))];
            if (chunk == null) {
                i = (c + 1) << CHUNK_BITS;
                continue;
            }
            for (int k = (int) (i & (CHUNK - 1)); k < chunk.length; k++) {
                if (chunk[k] != 0) {
                    return (c << CHUNK_BITS) + k;
                }
            }
            i = (c + 1) << CHUNK_BITS;
        }
        return -1;
    }

    /** A copy of its own, to write. */
    SparseIntArray copy() {
        return new SparseIntArray(this);
    }

    /** This array, read-only from now on, for another owner too. */
    SparseIntArray share() {
        shared = true;
        return this;
    }

    /** This, or a copy of its own if it is shared: what its owner writes to. */
    SparseIntArray writable() {
        return shared ? copy() : this;
    }

    /**
     * The same, where a copy goes into {@code spare} (an array its owner no longer uses, or null)
     * when that has the same shape: a machine copied into again and again allocates nothing here.
     */
    SparseIntArray writable(SparseIntArray spare) {
        if (shared && spare != null && top == null && spare.top == null && flat != null && spare.flat != null
                && spare.flat.length == flat.length && !spare.shared) {
            System.arraycopy(flat, 0, spare.flat, 0, flat.length);
            return spare;
        }
        return writable();
    }

    /** Whether another owner may read this array too (see {@link #share}). */
    boolean shared() {
        return shared;
    }
}
