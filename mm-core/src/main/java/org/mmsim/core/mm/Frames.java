package org.mmsim.core.mm;

import java.util.Arrays;
import org.mmsim.api.PageKind;

/**
 * The frame table ({@code struct page} array): kind, reference count, map count, flags, content and
 * swap slot of every frame, in parallel primitive arrays indexed by frame number.
 */
final class Frames {
    static final byte PG_ANON_EXCLUSIVE = 1;
    static final byte PG_SWAPCACHE = 2;

    private static final PageKind[] KINDS = PageKind.values();

    byte[] kind;
    int[] ref;
    int[] map;
    byte[] flags;
    /** The stamp (see {@link Stamps}) of the value the frame holds. */
    int[] content;
    /** The swap slot of each frame in the swap cache: few frames are, so no column for it. */
    private final java.util.Map<Integer, Integer> slots;
    private int[] free;
    private int freeTop;
    private int highWater;
    private int allocated;
    private int peak;
    private final int limit;

    Frames(int initialCapacity, int limit) {
        int n = Math.max(4, initialCapacity);
        kind = new byte[n];
        ref = new int[n];
        map = new int[n];
        flags = new byte[n];
        content = new int[n];
        slots = new java.util.HashMap<>();
        free = new int[16];
        this.limit = limit;
    }

    private Frames(Frames o) {
        kind = o.kind.clone();
        ref = o.ref.clone();
        map = o.map.clone();
        flags = o.flags.clone();
        content = o.content.clone();
        slots = new java.util.HashMap<>(o.slots);
        free = o.free.clone();
        freeTop = o.freeTop;
        highWater = o.highWater;
        allocated = o.allocated;
        peak = o.peak;
        limit = o.limit;
    }

    Frames copy() {
        return new Frames(this);
    }

    /** alloc_page(): a frame with no references yet; the caller takes them. */
    int alloc(PageKind k, int stamp) {
        int f;
        if (freeTop > 0) {
            f = free[--freeTop];
        } else {
            if (allocated >= limit) {
                throw new ResourceLimitException("frame limit reached (" + limit + " frames)");
            }
            if (highWater == kind.length) {
                grow();
            }
            f = highWater++;
        }
        kind[f] = (byte) k.ordinal();
        ref[f] = 0;
        map[f] = 0;
        flags[f] = 0;
        content[f] = stamp;
        if (++allocated > peak) {
            peak = allocated;
        }
        return f;
    }

    /** Grows by a quarter: at the peak of a big workload at most a fifth of the capacity is slack. */
    private void grow() {
        int n = kind.length + Math.max(64, kind.length >> 2);
        kind = Arrays.copyOf(kind, n);
        ref = Arrays.copyOf(ref, n);
        map = Arrays.copyOf(map, n);
        flags = Arrays.copyOf(flags, n);
        content = Arrays.copyOf(content, n);
    }

    /** The swap slot of a frame in the swap cache, or -1. */
    int slot(int f) {
        Integer s = slots.get(f);
        return s == null ? -1 : s;
    }

    void setSlot(int f, int s) {
        if (s < 0) {
            slots.remove(f);
        } else {
            slots.put(f, s);
        }
    }

    /** put_page() reaching zero: the frame goes back to the free list. */
    void free(int f) {
        if (freeTop == free.length) {
            free = Arrays.copyOf(free, free.length * 2);
        }
        free[freeTop++] = f;
        kind[f] = -1;
        allocated--;
    }

    boolean isAllocated(int f) {
        return f >= 0 && f < highWater && kind[f] >= 0;
    }

    PageKind kind(int f) {
        return KINDS[kind[f]];
    }

    boolean anon(int f) {
        return kind[f] == PageKind.ANON.ordinal();
    }

    boolean test(int f, byte flag) {
        return (flags[f] & flag) != 0;
    }

    void set(int f, byte flag) {
        flags[f] |= flag;
    }

    void clear(int f, byte flag) {
        flags[f] &= (byte) ~flag;
    }

    int highWater() {
        return highWater;
    }

    int allocated() {
        return allocated;
    }

    int peak() {
        return peak;
    }
}
