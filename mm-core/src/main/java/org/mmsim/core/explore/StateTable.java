package org.mmsim.core.explore;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The set of states seen so far: a lock-free open-addressing table from a state's hash to the
 * smallest key (level, parent, move) that reached it at its level. Keeping the smallest key makes
 * the search deterministic however the threads interleave. Slot i holds its hash, then its key and,
 * with sleep sets, its sleep set (the intersection of the sleep sets it arrived with at its level),
 * side by side in one array, so that a probe and the sleep set's update touch one cache line.
 *
 * <p>The arrays are plain, read and written by the workers through a {@link VarHandle}
 * (volatile reads, compare-and-set), and plainly between passes, when only the search thread
 * holds the table: a new table is filled and grown without atomics.
 */
final class StateTable {
    private static final long EMPTY = 0L;
    /** The most slots a table can have: 2^29, an 8 GiB array. */
    static final int MAX_SLOTS = 1 << 29;
    /** What {@link #offer} found, in its result's low bits: a new state, one of this level, one of an earlier level. */
    static final int NEW = 1, THIS_LEVEL = 2, EARLIER = 0;
    private static final VarHandle AT = MethodHandles.arrayElementVarHandle(long[].class);
    /** Per slot: hash, key and, with sleep sets, the sleep set (all moves until an arrival says otherwise). */
    private final long[] slots;
    /** Longs per slot: 3 with sleep sets, else 2. */
    private final int width;
    private final int mask;

    /** A table of {@code size} slots, a power of two, with sleep sets or without. */
    StateTable(int size, boolean sleepSets) {
        if (Integer.bitCount(size) != 1 || size > MAX_SLOTS) {
            throw new IllegalArgumentException("table size " + size);
        }
        width = sleepSets ? 3 : 2;
        slots = new long[width * size];
        mask = size - 1;
        for (int i = 2; sleepSets && i < slots.length; i += 3) {
            slots[i] = -1L;
        }
    }

    /** The bytes this table holds. */
    long bytes() {
        return 8L * width * size();
    }

    int size() {
        return mask + 1;
    }

    /** Whether the search should stop offering and grow this table first: it is half full. */
    boolean wantsToGrow(long states) {
        return states >= size() / 2 && size() < MAX_SLOTS;
    }

    /** Below this many slots a table grows fourfold (fewer passes and copies for a short search), twofold from it on. */
    static final int FOURFOLD_BELOW = 1 << 20;

    /** A larger table (four or two times this size) with the same entries. Not thread-safe: call it between levels. */
    StateTable grown() {
        StateTable t = new StateTable(Math.min(MAX_SLOTS, size() < FOURFOLD_BELOW ? 4 * size() : 2 * size()),
                width == 3);
        for (int i = 0; i < slots.length; i += width) {
            long h = slots[i];
            if (h != EMPTY) {
                int j = (int) (mix(h) & t.mask) * width;
                while (t.slots[j] != EMPTY) {
                    j = j + width == t.slots.length ? 0 : j + width;
                }
                System.arraycopy(slots, i, t.slots, j, width);
            }
        }
        return t;
    }

    static int outcome(int offered) {
        return offered & 3;
    }

    static int slot(int offered) {
        return offered >>> 2;
    }

    /** Narrows the sleep set of the state in slot to the moves also in {@code moves}. */
    void sleepOnly(int slot, long moves) {
        int at = width * slot + 2;
        long was = (long) AT.getVolatile(slots, at);
        while ((was & moves) != was) {
            long now = (long) AT.compareAndExchange(slots, at, was, was & moves);
            if (now == was) {
                return;
            }
            was = now;
        }
    }

    /** The sleep set of a hash that was offered before (every move if there are no sleep sets). */
    long sleepOf(long hash) {
        int i = slotOf(hash);
        return width == 2 || i < 0 ? -1L : sleepAt(i);
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
     * Offers a state. Returns -1 if the table is full, else its slot and what was there ({@link
     * #slot}, {@link #outcome}): {@link #NEW}, or the hash already, at {@link #THIS_LEVEL} (the
     * smaller key stays) or at an {@link #EARLIER} level.
     */
    int offer(long hash, long key) {
        long h = hash == EMPTY ? 1 : hash;
        int i = (int) (mix(h) & mask);
        for (int probes = 0; probes <= mask; probes++) {
            int at = width * i;
            long cur = (long) AT.getVolatile(slots, at);
            if (cur == EMPTY) {
                cur = (long) AT.compareAndExchange(slots, at, EMPTY, h);
                if (cur == EMPTY) {
                    AT.setVolatile(slots, at + 1, key);
                    return i << 2 | NEW;
                }
            }
            if (cur == h) {
                while (true) {
                    long k = (long) AT.getVolatile(slots, at + 1);
                    if (k == 0) {
                        Thread.onSpinWait(); // the claimer has not stored its key yet
                        continue;
                    }
                    if (level(k) < level(key)) {
                        return i << 2 | EARLIER;
                    }
                    if (k <= key || AT.compareAndSet(slots, at + 1, k, key)) {
                        return i << 2 | THIS_LEVEL;
                    }
                }
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    /** The key in a slot that {@link #offer} named. */
    long keyAt(int slot) {
        return (long) AT.getVolatile(slots, width * slot + 1);
    }

    /** The sleep set in a slot that {@link #offer} named. */
    long sleepAt(int slot) {
        return (long) AT.getVolatile(slots, width * slot + 2);
    }

    /** The key stored for a hash that was offered before, or 0. */
    long keyOf(long hash) {
        int i = slotOf(hash);
        return i < 0 ? 0 : keyAt(i);
    }

    /** The slot of a hash that was offered before, or -1. */
    int slotOf(long hash) {
        long h = hash == EMPTY ? 1 : hash;
        for (int i = (int) (mix(h) & mask), probes = 0; probes <= mask; i = (i + 1) & mask, probes++) {
            long cur = (long) AT.getVolatile(slots, width * i);
            if (cur == h) {
                return i;
            }
            if (cur == EMPTY) {
                return -1;
            }
        }
        return -1;
    }

    /** The bits of a state's hash spread over all 64: its slot here, its owner in a cluster. */
    static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        return x;
    }
}
