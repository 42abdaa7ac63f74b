package org.mmsim.core.explore;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The set of states seen so far: a lock-free open-addressing table from a state's hash to the
 * smallest key (level, parent, move) that reached it at its level. Keeping the smallest key makes
 * the search deterministic however the threads interleave. Slot i holds its hash at 2i and its key
 * at 2i + 1, so a probe touches one cache line.
 */
final class StateTable {
    private static final long EMPTY = 0L;
    /** The most slots a table can have: 2^29, an 8 GiB array. */
    static final int MAX_SLOTS = 1 << 29;
    private final AtomicLongArray slots;
    private final int mask;

    /** A table of {@code size} slots, a power of two. */
    StateTable(int size) {
        if (Integer.bitCount(size) != 1 || size > MAX_SLOTS) {
            throw new IllegalArgumentException("table size " + size);
        }
        slots = new AtomicLongArray(2 * size);
        mask = size - 1;
    }

    int size() {
        return mask + 1;
    }

    /** Whether the search should stop offering and grow this table first: it is half full. */
    boolean wantsToGrow(long states) {
        return states >= size() / 2 && size() < MAX_SLOTS;
    }

    /** A table twice this size with the same entries. Not thread-safe: call it between levels. */
    StateTable grown() {
        StateTable t = new StateTable(2 * size());
        for (int i = 0; i <= mask; i++) {
            long h = slots.get(2 * i);
            if (h != EMPTY) {
                t.offer(h, slots.get(2 * i + 1));
            }
        }
        return t;
    }

    static long key(int level, long parent, int move) {
        return (long) level << 58 | parent << 25 | move;
    }

    static int level(long key) {
        return (int) (key >>> 58);
    }

    static long parent(long key) {
        return key >>> 25 & ((1L << 33) - 1);
    }

    static int move(long key) {
        return (int) (key & ((1 << 25) - 1));
    }

    /**
     * Offers a state. Returns 1 if the hash was new, 0 if it was already there (at an earlier level,
     * or at this level with a smaller or equal key; a larger key of this level is replaced), -1 if
     * the table is full.
     */
    int offer(long hash, long key) {
        long h = hash == EMPTY ? 1 : hash;
        int i = (int) (mix(h) & mask);
        for (int probes = 0; probes <= mask; probes++) {
            long cur = slots.get(2 * i);
            if (cur == EMPTY) {
                if (slots.compareAndSet(2 * i, EMPTY, h)) {
                    slots.set(2 * i + 1, key);
                    return 1;
                }
                cur = slots.get(2 * i);
            }
            if (cur == h) {
                while (true) {
                    long k = slots.get(2 * i + 1);
                    if (k == 0) {
                        Thread.onSpinWait(); // the claimer has not stored its key yet
                        continue;
                    }
                    if (level(k) < level(key) || k <= key) {
                        return 0;
                    }
                    if (slots.compareAndSet(2 * i + 1, k, key)) {
                        return 0;
                    }
                }
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    /** The key stored for a hash that was offered before, or 0. */
    long keyOf(long hash) {
        long h = hash == EMPTY ? 1 : hash;
        for (int i = (int) (mix(h) & mask), probes = 0; probes <= mask; i = (i + 1) & mask, probes++) {
            long cur = slots.get(2 * i);
            if (cur == h) {
                return slots.get(2 * i + 1);
            }
            if (cur == EMPTY) {
                return 0;
            }
        }
        return 0;
    }

    private static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        return x;
    }
}
