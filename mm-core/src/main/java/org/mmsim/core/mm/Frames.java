package org.mmsim.core.mm;

import java.util.Arrays;
import org.mmsim.api.PageKind;

/**
 * The frame table ({@code struct page} array): kind, reference count, map count, flags and content
 * of every frame, in parallel primitive columns indexed by frame number.
 */
final class Frames {
    static final byte PG_ANON_EXCLUSIVE = 1;
    static final byte PG_SWAPCACHE = 2;

    private static final PageKind[] KINDS = PageKind.values();

    /**
     * The columns, in chunks of up to {@link #CHUNK} frames: a big machine grows by adding a chunk,
     * with no copy of what exists (no transient double footprint, no huge arrays); a small one
     * (the explorer's) has a single short chunk, cheap to copy.
     */
    private static final int SHIFT = 16;
    private static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;

    private byte[][] kind;
    private int[][] ref;
    private int[][] map;
    private byte[][] flags;
    /** The stamp (see {@link Stamps}) of the value each frame holds. */
    private int[][] content;
    /** The swap slot of each frame in the swap cache: few frames are, so no column for it. */
    private final java.util.Map<Integer, Integer> slots;
    private int capacity;
    private int[] free;
    private int freeTop;
    private int highWater;
    private int allocated;
    private int peak;
    private final int limit;

    Frames(int initialCapacity, int limit) {
        int n = Math.min(CHUNK, Math.max(4, initialCapacity));
        kind = new byte[][] {new byte[n]};
        ref = new int[][] {new int[n]};
        map = new int[][] {new int[n]};
        flags = new byte[][] {new byte[n]};
        content = new int[][] {new int[n]};
        capacity = n;
        slots = new java.util.HashMap<>();
        free = new int[16];
        this.limit = limit;
    }

    private Frames(Frames o) {
        kind = deep(o.kind);
        ref = deep(o.ref);
        map = deep(o.map);
        flags = deep(o.flags);
        content = deep(o.content);
        capacity = o.capacity;
        slots = new java.util.HashMap<>(o.slots);
        free = o.free.clone();
        freeTop = o.freeTop;
        highWater = o.highWater;
        allocated = o.allocated;
        peak = o.peak;
        limit = o.limit;
    }

    private static int[][] deep(int[][] a) {
        int[][] c = a.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] = c[i].clone();
        }
        return c;
    }

    private static byte[][] deep(byte[][] a) {
        byte[][] c = a.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] = c[i].clone();
        }
        return c;
    }

    Frames copy() {
        return new Frames(this);
    }

    int ref(int f) {
        return ref[f >>> SHIFT][f & MASK];
    }

    /** Adds d to the reference count and returns the new count. */
    int addRef(int f, int d) {
        return ref[f >>> SHIFT][f & MASK] += d;
    }

    void setRef(int f, int v) {
        ref[f >>> SHIFT][f & MASK] = v;
    }

    int map(int f) {
        return map[f >>> SHIFT][f & MASK];
    }

    void setMap(int f, int v) {
        map[f >>> SHIFT][f & MASK] = v;
    }

    void addMap(int f, int d) {
        map[f >>> SHIFT][f & MASK] += d;
    }

    int content(int f) {
        return content[f >>> SHIFT][f & MASK];
    }

    void setContent(int f, int stamp) {
        content[f >>> SHIFT][f & MASK] = stamp;
    }

    /** The raw kind and flag bytes, for hashing. */
    int kindAndFlags(int f) {
        return kind[f >>> SHIFT][f & MASK] << 8 | flags[f >>> SHIFT][f & MASK];
    }

    /** alloc_page(): a frame with no references yet; the caller takes them. */
    int alloc(PageKind k, int stamp) {
        int f;
        if (freeTop > 0) {
            f = free[--freeTop];
        } else {
            if (allocated >= limit || highWater > Pte.MAX_ID) {
                throw new ResourceLimitException("frame limit reached (" + Math.min(limit, Pte.MAX_ID + 1) + " frames)");
            }
            if (highWater == capacity) {
                grow();
            }
            f = highWater++;
        }
        int c = f >>> SHIFT;
        int i = f & MASK;
        kind[c][i] = (byte) k.ordinal();
        ref[c][i] = 0;
        map[c][i] = 0;
        flags[c][i] = 0;
        content[c][i] = stamp;
        if (++allocated > peak) {
            peak = allocated;
        }
        return f;
    }

    /** Grows the last chunk by doubling up to {@link #CHUNK} frames, then adds whole chunks. */
    private void grow() {
        int last = kind.length - 1;
        int len = kind[last].length;
        if (len < CHUNK) {
            int n = Math.min(CHUNK, len * 2);
            kind[last] = Arrays.copyOf(kind[last], n);
            ref[last] = Arrays.copyOf(ref[last], n);
            map[last] = Arrays.copyOf(map[last], n);
            flags[last] = Arrays.copyOf(flags[last], n);
            content[last] = Arrays.copyOf(content[last], n);
            capacity += n - len;
            return;
        }
        int chunks = kind.length + 1;
        kind = Arrays.copyOf(kind, chunks);
        ref = Arrays.copyOf(ref, chunks);
        map = Arrays.copyOf(map, chunks);
        flags = Arrays.copyOf(flags, chunks);
        content = Arrays.copyOf(content, chunks);
        kind[chunks - 1] = new byte[CHUNK];
        ref[chunks - 1] = new int[CHUNK];
        map[chunks - 1] = new int[CHUNK];
        flags[chunks - 1] = new byte[CHUNK];
        content[chunks - 1] = new int[CHUNK];
        capacity += CHUNK;
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
        kind[f >>> SHIFT][f & MASK] = -1;
        allocated--;
    }

    boolean isAllocated(int f) {
        return f >= 0 && f < highWater && kind[f >>> SHIFT][f & MASK] >= 0;
    }

    PageKind kind(int f) {
        return KINDS[kind[f >>> SHIFT][f & MASK]];
    }

    boolean anon(int f) {
        return kind[f >>> SHIFT][f & MASK] == PageKind.ANON.ordinal();
    }

    boolean test(int f, byte flag) {
        return (flags[f >>> SHIFT][f & MASK] & flag) != 0;
    }

    void set(int f, byte flag) {
        flags[f >>> SHIFT][f & MASK] |= flag;
    }

    void clear(int f, byte flag) {
        flags[f >>> SHIFT][f & MASK] &= (byte) ~flag;
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
