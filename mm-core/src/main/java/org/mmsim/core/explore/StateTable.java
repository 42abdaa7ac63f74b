package org.mmsim.core.explore;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The set of states seen so far: a lock-free open-addressing table from a state's hash to the
 * smallest key (level, parent, move) that reached it at its level. Keeping the smallest key makes
 * the search deterministic however the threads interleave. Slot i holds its hash at 2i and its key
 * at 2i + 1, so a probe touches one cache line. With sleep sets, a third array holds each state's:
 * the intersection of the sleep sets it arrived with at its level.
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
    private final long[] slots;
    /** Each slot's sleep set (all moves until an arrival says otherwise); null without sleep sets. */
    private final long[] sleep;
    private final int mask;

    /** A table of {@code size} slots, a power of two, with sleep sets or without. */
    StateTable(int size, boolean sleepSets) {
        if (Integer.bitCount(size) != 1 || size > MAX_SLOTS) {
            throw new IllegalArgumentException("table size " + size);
        }
        slots = new long[2 * size];
        mask = size - 1;
        if (sleepSets) {
            sleep = new long[size];
            Arrays.fill(sleep, -1L);
        } else {
            sleep = null;
        }
    }

    /** The bytes this table holds. */
    long bytes() {
        return (sleep == null ? 16L : 24L) * size();
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
                sleep != null);
        for (int i = 0; i <= mask; i++) {
            long h = slots[2 * i];
            if (h != EMPTY) {
                int j = (int) (mix(h) & t.mask);
                while (t.slots[2 * j] != EMPTY) {
                    j = (j + 1) & t.mask;
                }
                t.slots[2 * j] = h;
                t.slots[2 * j + 1] = slots[2 * i + 1];
                if (sleep != null) {
                    t.sleep[j] = sleep[i];
                }
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
        long was = (long) AT.getVolatile(sleep, slot);
        while ((was & moves) != was) {
            long now = (long) AT.compareAndExchange(sleep, slot, was, was & moves);
            if (now == was) {
                return;
            }
            was = now;
        }
    }

    /** The sleep set of a hash that was offered before (every move if there are no sleep sets). */
    long sleepOf(long hash) {
        int i = slotOf(hash);
        return sleep == null || i < 0 ? -1L : (long) AT.getVolatile(sleep, i);
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
            long cur = (long) AT.getVolatile(slots, 2 * i);
            if (cur == EMPTY) {
                cur = (long) AT.compareAndExchange(slots, 2 * i, EMPTY, h);
                if (cur == EMPTY) {
                    AT.setVolatile(slots, 2 * i + 1, key);
                    return i << 2 | NEW;
                }
            }
            if (cur == h) {
                while (true) {
                    long k = (long) AT.getVolatile(slots, 2 * i + 1);
                    if (k == 0) {
                        Thread.onSpinWait(); // the claimer has not stored its key yet
                        continue;
                    }
                    if (level(k) < level(key)) {
                        return i << 2 | EARLIER;
                    }
                    if (k <= key || AT.compareAndSet(slots, 2 * i + 1, k, key)) {
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
        return (long) AT.getVolatile(slots, 2 * slot + 1);
    }

    /** The sleep set in a slot that {@link #offer} named. */
    long sleepAt(int slot) {
        return (long) AT.getVolatile(sleep, slot);
    }

    /** The key stored for a hash that was offered before, or 0. */
    long keyOf(long hash) {
        int i = slotOf(hash);
        return i < 0 ? 0 : (long) AT.getVolatile(slots, 2 * i + 1);
    }

    /** The slot of a hash that was offered before, or -1. */
    int slotOf(long hash) {
        long h = hash == EMPTY ? 1 : hash;
        for (int i = (int) (mix(h) & mask), probes = 0; probes <= mask; i = (i + 1) & mask, probes++) {
            long cur = (long) AT.getVolatile(slots, 2 * i);
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
