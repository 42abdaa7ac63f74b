package org.mmsim.core.mm;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.mmsim.api.PageKind;

/**
 * The frame table ({@code struct page} array). Each frame is one {@code long}, so a fault touches
 * one cache line per frame: the content stamp in the low 32 bits, then the reference count and the
 * map count in 12 bits each, then the kind (low nibble) and the PG_ flags in the top byte. Counts
 * are small (one per mapping, pin or cache reference); the rare one outside [0, 4094], from a huge
 * fork tree or a pin loop, is kept exactly in a spill map.
 */
final class Frames {
    static final byte PG_ANON_EXCLUSIVE = 1 << 4;
    static final byte PG_SWAPCACHE = 1 << 5;
    /** PG_dirty of a page-cache page: it must be written back before it may be dropped. */
    static final byte PG_DIRTY = 1 << 6;
    /** A page of a large folio (head or tail): its reference count lives in the head ({@link Folios}). */
    static final byte PG_LARGE = 1 << 3;
    /**
     * A tail page of a large folio. A tail holds no references of its own, so its reference count
     * field says how far back its head is (0 where that does not fit: a 1 GiB hugetlb page's far tails).
     */
    static final byte PG_TAIL = (byte) 0x80;

    private static final int REF_SHIFT = 32;
    private static final int MAP_SHIFT = 44;
    private static final int KIND_SHIFT = 56;
    /** The field of the swap slot in {@link #rare}. */
    private static final int SLOT = 64;
    private static final int COUNT_MASK = 0xFFF;
    /** The count field value meaning "see the spill map". */
    private static final int WIDE = COUNT_MASK;
    private static final int KIND_MASK = 0x07;
    /** The top byte of a free frame. */
    private static final byte FREE = -1;

    private static final PageKind[] KINDS = PageKind.values();

    /**
     * Frames in chunks of up to {@link #CHUNK}: a big machine grows by adding a chunk, with no copy
     * of what exists (no transient double footprint, no huge arrays); a small one (the explorer's)
     * has a single short chunk, cheap to copy. A chunk is 256 KiB: below G1's humongous-object
     * threshold (half a region, 512 KiB at least), which would waste up to half of each region.
     */
    private static final int SHIFT = 15;
    private static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;

    private long[][] words;
    /**
     * What few frames have, keyed by field and frame ({@link #rare(int, int)}): counts outside the
     * 12-bit fields, and the swap slot of each frame in the swap cache.
     */
    private Map<Long, Integer> rare;
    /**
     * {@link #words} and {@link #rare} may be another Frames' too (a copy shares them until either
     * side writes): every write goes through {@link #chunk} and {@link #ownRare}, which copy them first.
     */
    private boolean wordsShared;
    /** This table's own one-chunk words from before its last {@link #assign}, or null: where the next copy on write goes. */
    private long[][] spareWords;
    private boolean rareShared;
    private int capacity;
    private int[] free;
    private int freeTop;
    private int highWater;
    private int allocated;
    private int peak;
    private final int limit;
    /**
     * Whether freed frame numbers are handed out again. Off by default, so that a number names one
     * page for the whole run (traces, violations and state dumps can be followed); the benchmarks'
     * million-page workloads turn it on to stay compact.
     */
    private boolean recycle;

    Frames(int initialCapacity, int limit) {
        capacity = Math.min(CHUNK, Math.max(4, initialCapacity));
        words = new long[][] {new long[capacity]};
        rare = new HashMap<>();
        free = new int[16];
        this.limit = limit;
    }

    /** Makes this table a copy of {@code o} (of the same limit), sharing its words until either side writes. */
    void assign(Frames o) {
        if (!wordsShared && words.length == 1) {
            spareWords = words;
        }
        words = o.words;
        rare = o.rare;
        wordsShared = rareShared = o.wordsShared = o.rareShared = true;
        capacity = o.capacity;
        free = SwapSpace.refill(free, o.free, o.freeTop);
        freeTop = o.freeTop;
        highWater = o.highWater;
        allocated = o.allocated;
        peak = o.peak;
        recycle = o.recycle;
    }

    /** The chunk holding frame f, to write into: made this table's own first if it is shared. */
    private long[] chunk(int f) {
        ownWords();
        return words[f >>> SHIFT];
    }

    private void ownWords() {
        if (wordsShared && spareWords != null && words.length == 1 && spareWords[0].length == words[0].length) {
            System.arraycopy(words[0], 0, spareWords[0], 0, words[0].length);
            words = spareWords;
            spareWords = null;
            wordsShared = false;
        } else if (wordsShared) {
            // copyOf, not clone(): C1 (the explorer's JIT) compiles clone() to a native call
            long[][] own = new long[words.length][];
            for (int i = 0; i < own.length; i++) {
                own[i] = Arrays.copyOf(words[i], words[i].length);
            }
            words = own;
            wordsShared = false;
        }
    }

    /** {@link #rare}, to write into: made this table's own first if it is shared. */
    private Map<Long, Integer> ownRare() {
        if (rareShared) {
            rare = new HashMap<>(rare);
            rareShared = false;
        }
        return rare;
    }

    int ref(int f) {
        return count(f, REF_SHIFT);
    }

    /** Adds d to the reference count and returns the new count. */
    int addRef(int f, int d) {
        return addCount(f, d, REF_SHIFT);
    }

    void setRef(int f, int v) {
        setCount(f, v, REF_SHIFT);
    }

    int map(int f) {
        return count(f, MAP_SHIFT);
    }

    void setMap(int f, int v) {
        setCount(f, v, MAP_SHIFT);
    }

    void addMap(int f, int d) {
        addCount(f, d, MAP_SHIFT);
    }

    int content(int f) {
        return (int) words[f >>> SHIFT][f & MASK];
    }

    void setContent(int f, int stamp) {
        long[] a = chunk(f);
        int i = f & MASK;
        a[i] = a[i] & ~0xFFFF_FFFFL | stamp & 0xFFFF_FFFFL;
    }

    /** The raw kind-and-flags byte, for hashing. */
    int kindAndFlags(int f) {
        return top(f);
    }

    private byte top(int f) {
        return (byte) (words[f >>> SHIFT][f & MASK] >>> KIND_SHIFT);
    }

    private void setTop(int f, int b) {
        long[] a = chunk(f);
        int i = f & MASK;
        a[i] = a[i] & ~(0xFFL << KIND_SHIFT) | (b & 0xFFL) << KIND_SHIFT;
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
        chunk(f)[f & MASK] = (long) k.ordinal() << KIND_SHIFT | stamp & 0xFFFF_FFFFL;
        if (++allocated > peak) {
            peak = allocated;
        }
        return f;
    }

    /**
     * alloc_pages(order): {@code n} frames with consecutive numbers, each of kind {@code k} holding
     * {@code stamp}, marked {@link #PG_LARGE}; the first is the head. Never from the free list.
     */
    int allocRun(PageKind k, int stamp, int n) {
        if (allocated + n > limit || highWater + n - 1 > Pte.MAX_ID) {
            throw new ResourceLimitException("frame limit reached (" + Math.min(limit, Pte.MAX_ID + 1) + " frames)");
        }
        int head = highWater;
        for (int i = 0; i < n; i++) {
            if (highWater == capacity) {
                grow();
            }
            int f = highWater++;
            long top = (k.ordinal() | PG_LARGE | (i > 0 ? PG_TAIL & 0xFF : 0)) & 0xFFL;
            long back = i < WIDE ? i : 0;
            chunk(f)[f & MASK] = top << KIND_SHIFT | back << REF_SHIFT | stamp & 0xFFFF_FFFFL;
        }
        allocated += n;
        if (allocated > peak) {
            peak = allocated;
        }
        return head;
    }

    /** Grows the last chunk by doubling up to {@link #CHUNK} frames, then adds whole chunks. */
    private void grow() {
        ownWords();
        int last = words.length - 1;
        int len = words[last].length;
        if (len < CHUNK) {
            int n = Math.min(CHUNK, len * 2);
            words[last] = Arrays.copyOf(words[last], n);
            capacity += n - len;
        } else {
            words = Arrays.copyOf(words, words.length + 1);
            words[last + 1] = new long[CHUNK];
            capacity += CHUNK;
        }
    }

    /** The key of a frame's field in {@link #rare}: a count's shift, or {@link #SLOT}. */
    private static long rare(int field, int f) {
        return (long) field << 32 | f;
    }

    private int count(int f, int shift) {
        int v = (int) (words[f >>> SHIFT][f & MASK] >>> shift) & COUNT_MASK;
        return v != WIDE ? v : rare.get(rare(shift, f));
    }

    private int addCount(int f, int d, int shift) {
        long[] a = chunk(f);
        int i = f & MASK;
        int v = (int) (a[i] >>> shift) & COUNT_MASK;
        int n = v + d;
        if (v != WIDE && n >= 0 && n < WIDE) {
            a[i] += (long) d << shift;
            return n;
        }
        n = count(f, shift) + d;
        setCount(f, n, shift);
        return n;
    }

    private void setCount(int f, int v, int shift) {
        long[] a = chunk(f);
        int i = f & MASK;
        int field = v >= 0 && v < WIDE ? v : WIDE;
        if (field == WIDE) {
            ownRare().put(rare(shift, f), v);
        } else if (((int) (a[i] >>> shift) & COUNT_MASK) == WIDE) {
            ownRare().remove(rare(shift, f));
        }
        a[i] = a[i] & ~((long) COUNT_MASK << shift) | (long) field << shift;
    }

    /** The swap slot of a frame in the swap cache, or -1. */
    int slot(int f) {
        // PG_swapcache and the slot are set and cleared together: most frames need no boxed lookup
        if (rare.isEmpty() || !test(f, PG_SWAPCACHE)) {
            return -1;
        }
        Integer s = rare.get(rare(SLOT, f));
        return s == null ? -1 : s;
    }

    void setSlot(int f, int s) {
        if (s < 0) {
            ownRare().remove(rare(SLOT, f));
        } else {
            ownRare().put(rare(SLOT, f), s);
        }
    }

    void setRecycle(boolean on) {
        recycle = on;
    }

    /** put_page() reaching zero: the frame is free (and its number reusable when recycling). */
    void free(int f) {
        if (!rare.isEmpty()) {
            forgetSpills(f);
        }
        if (recycle) {
            recycle(f);
        }
        setTop(f, FREE);
        allocated--;
    }

    /** A freed frame keeps no spilled count. */
    private void forgetSpills(int f) {
        ownRare().remove(rare(REF_SHIFT, f));
        ownRare().remove(rare(MAP_SHIFT, f));
    }

    private void recycle(int f) {
        if (freeTop == free.length) {
            free = Arrays.copyOf(free, Math.max(16, free.length * 2));
        }
        free[freeTop++] = f;
    }

    boolean isAllocated(int f) {
        return f >= 0 && f < highWater && top(f) != FREE;
    }

    PageKind kind(int f) {
        return KINDS[top(f) & KIND_MASK];
    }

    boolean anon(int f) {
        return (top(f) & KIND_MASK) == PageKind.ANON.ordinal();
    }

    /** copy_highpage() for n pages: frames to.. take the contents of frames from.. */
    void copyContents(int from, int to, int n) {
        for (int k = 0; k < n; k++) {
            setContent(to + k, content(from + k));
        }
    }

    /** How far back the head of tail page f is; 0 when the field could not hold it. */
    int tailOffset(int f) {
        return (int) (words[f >>> SHIFT][f & MASK] >>> REF_SHIFT) & COUNT_MASK;
    }

    /** A tail page becomes a page of its own (split_folio()): no offset in its count any more. */
    void untail(int f) {
        clear(f, PG_TAIL);
        clear(f, PG_LARGE);
        long[] a = chunk(f);
        a[f & MASK] &= ~((long) COUNT_MASK << REF_SHIFT);
    }

    /** Makes n frames from f of kind k, keeping their flags. */
    void setKind(int f, int n, PageKind k) {
        for (int i = f; i < f + n; i++) {
            setTop(i, top(i) & ~KIND_MASK | k.ordinal());
        }
    }

    boolean test(int f, byte flag) {
        return (top(f) & flag) != 0;
    }

    void set(int f, byte flag) {
        setTop(f, top(f) | flag);
    }

    void clear(int f, byte flag) {
        setTop(f, top(f) & ~flag);
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
