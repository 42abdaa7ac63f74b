package org.mmsim.core.mm;

import java.util.Arrays;

/**
 * A 64-bit hash of everything about a machine that can influence what happens next, with frames
 * and swap slots numbered in the order a fixed walk meets them, so that two machines that differ
 * only in which free frame or slot an allocation happened to take hash alike. Stamps are hashed by
 * value, writer and whether they came through a private mapping, plus how many forks happened
 * before them, which is all the invariants compare. Counters and the clock are left out.
 *
 * <p>{@link #canonical} also folds symmetric machines together (the explorer's symmetry reduction):
 * handles are hashed without their names, in an order of their own, and with
 * {@code pages} the walk takes every region's and file's pages in both directions and keeps the
 * smaller hash, since reversing page indices maps the moves of a base-page universe onto
 * themselves (a range stays a range; fault-around covers these small files whole).
 */
public final class StateHash {
    /** Walk page positions 0..n-1 of every region and file, with each page's VMA flags (not the ranges). */
    private static final int BY_POSITION = 1;
    /** With {@link #BY_POSITION}: position j is page n - 1 - j. */
    private static final int REVERSED = 2;
    /** Handles without their names, sorted by what they hold. */
    private static final int NAMELESS_HANDLES = 4;

    /** For {@link Machine#stateHash} and {@link Machine#canonicalHash}, whose callers keep no hasher. */
    private static final ThreadLocal<StateHash> PER_THREAD = ThreadLocal.withInitial(StateHash::new);

    private Machine m;
    private int mode;
    private int[] frameIds = new int[64];
    private int[] slotIds = new int[16];
    private int[] frameOrder = new int[64];
    private int[] slotOrder = new int[16];
    private int frames;
    private int slots;
    private int[] forkTimes = new int[8];
    private int forks;
    private long h;
    /** Which walk gave this thread's last {@link #canonical} hash: 1 the forward, -1 the reversed, 0 both. */
    private int orientation;
    private Handle[] handles = new Handle[8];
    private long[] handleKeys = new long[8];

    /**
     * A hasher for one thread: it reuses its scratch arrays from one hash to the next. The explorer
     * keeps one per worker (a thread-local lookup costs a native call on C1).
     */
    public StateHash() {
    }

    static StateHash forThisThread() {
        return PER_THREAD.get();
    }

    /** The exact hash: names and page indices as they are. */
    public long exact(Machine m) {
        return of(m, 0);
    }

    /** The hash of the class of machines that differ only in handle names and, with pages, in page order. */
    public long canonical(Machine m, boolean pages) {
        orientation = 1;
        if (!pages) {
            return of(m, NAMELESS_HANDLES);
        }
        // one walk when the pages' own facts already tell the two orientations apart, both when not
        this.m = m;
        int told = pageOrder();
        this.m = null;
        if (told != 0) {
            orientation = told;
            return of(m, BY_POSITION | NAMELESS_HANDLES | (told < 0 ? REVERSED : 0));
        }
        long forward = of(m, BY_POSITION | NAMELESS_HANDLES);
        long backward = of(m, BY_POSITION | REVERSED | NAMELESS_HANDLES);
        orientation = Long.compare(backward, forward);
        return Math.min(forward, backward);
    }

    /**
     * Compares the machine's pages in index order with the same in reverse order, each page summed
     * up by what is there whatever the frames' numbers (VMA flags, PTE kinds, contents, expected
     * stamps, handles): 1 if forward is smaller, -1 if reverse is, 0 if they tell nothing. The page
     * reversed machine gives the opposite answer, so both choose the same walk.
     */
    private int pageOrder() {
        long n = -1;
        collectForks();
        for (int pAt = 0; pAt < m.byPid.size(); pAt++) {
            Process p = m.byPid.get(pAt);
            for (int rAt = p.regions.next(0); rAt < p.regions.end(); rAt = p.regions.next(rAt + 1)) {
                Region r = p.regions.at(rAt);
                n = n < 0 ? r.pages : n;
            }
        }
        if (n <= 1 || n > 64) {
            return 0;
        }
        for (long j = 0; j < n / 2; j++) {
            int c = Long.compare(pageFacts(j), pageFacts(n - 1 - j));
            if (c != 0) {
                return c < 0 ? 1 : -1;
            }
        }
        return 0;
    }

    /** What is at page i in every live region, file and handle, as one number (see {@link #pageOrder}). */
    private long pageFacts(long i) {
        long saved = h;
        h = 0;
        for (int pAt = 0; pAt < m.byPid.size(); pAt++) {
            Process p = m.byPid.get(pAt);
            if (!p.alive) {
                continue;
            }
            for (int rAt = p.regions.next(0); rAt < p.regions.end(); rAt = p.regions.next(rAt + 1)) {
                Region r = p.regions.at(rAt);
                int pte = r.pte(i);
                int expected = r.expected.get(i);
                // one word: an orientation only needs the same facts to give the same word
                mix((r.vmas.flagsAt(i) & 0xFFFF | (pte == 0 ? 0 : Pte.isPresent(pte) ? (Pte.writable(pte) ? 3 : 4) : 5) << 16)
                        + (Pte.isPresent(pte) ? stamp(m.frames.content(Pte.id(pte))) : 0) * 0x9E3779B97F4A7C15L
                        + (expected == 0 ? 0 : stamp(expected - 1)) * 0xC2B2AE3D27D4EB4FL);
            }
        }
        for (int cAt = m.files.next(0); cAt < m.files.end(); cAt = m.files.next(cAt + 1)) {
            PageCache c = m.files.at(cAt);
            mix(c.frames.get(i) == 0 ? 0 : stamp(m.frames.content(c.frame(i))));
        }
        long handles = 0; // a sum: the handles' order is not a fact
        for (int hdAt = m.liveHandles.next(0); hdAt < m.liveHandles.end(); hdAt = m.liveHandles.next(hdAt + 1)) {
            Handle hd = m.liveHandles.at(hdAt);
            handles += hd.index == i ? 1L << 4 * flags(hd) : 0;
        }
        mix(handles);
        long facts = h;
        h = saved;
        return facts;
    }

    /**
     * Which walk gave this hasher's last {@link #canonical} hash: 1 the machine's own, -1 its
     * page-reversed twin's, 0 both (the machine is its own mirror image). What the explorer needs to
     * carry facts about page indices from one member of a class to another.
     */
    public int orientation() {
        return orientation;
    }

    /**
     * The hash of a pair of machines that ran the same statements (diff): one page order for both,
     * and handles by name, since the names tie the two machines' handles together.
     */
    public long pair(Machine a, Machine b, boolean pages) {
        if (!pages) {
            return combine(of(a, 0), of(b, 0));
        }
        return Math.min(combine(of(a, BY_POSITION), of(b, BY_POSITION)),
                combine(of(a, BY_POSITION | REVERSED), of(b, BY_POSITION | REVERSED)));
    }

    private static long combine(long a, long b) {
        return a * 0x9E3779B97F4A7C15L ^ Long.rotateLeft(b, 29);
    }

    private long of(Machine m, int mode) {
        this.m = m;
        this.mode = mode;
        try {
            return hash();
        } finally {
            this.m = null;
        }
    }

    private long hash() {
        int nf = m.frames.highWater();
        if (frameIds.length < nf) {
            frameIds = new int[nf];
            frameOrder = new int[nf];
        }
        Arrays.fill(frameIds, 0, nf, -1);
        int ns = m.swap.highWater();
        if (slotIds.length < ns) {
            slotIds = new int[ns];
            slotOrder = new int[ns];
        }
        Arrays.fill(slotIds, 0, ns, -1);
        frames = 0;
        slots = 0;
        h = 0x9E3779B97F4A7C15L;
        collectForks();
        frame(m.zeroPage);
        for (int pAt = 0; pAt < m.byPid.size(); pAt++) {
            Process p = m.byPid.get(pAt);
            mix((long) p.parent << 2 | (p.alive ? 1 : 2));
            if (!p.alive) {
                continue;
            }
            for (int rAt = p.regions.next(0); rAt < p.regions.end(); rAt = p.regions.next(rAt + 1)) {
                Region r = p.regions.at(rAt);
                // what decides later faults and forks beyond the PTEs: vma_needs_copy() reads anon_vma,
                // a block with a page table gets no PMD-mapped THP, HPAGE_RESV_UNMAPPED gives SIGBUS
                mix((long) r.name.hashCode() << 32 | r.tablesHash() & 0xFFFFFFFFL);
                long cache = r.cache == null ? 0 : r.cache.name.hashCode() * 31 + (r.cache.shmem ? 1 : 0);
                mix(cache << 2 | (r.anonVma ? 1 : 0) | (r.hugetlbUnmapped ? 2 : 0));
                if ((mode & BY_POSITION) != 0) {
                    regionByPosition(r);
                } else {
                    region(r);
                }
            }
            mix(0xFFL);
        }
        for (int cAt = m.files.next(0); cAt < m.files.end(); cAt = m.files.next(cAt + 1)) {
            PageCache c = m.files.at(cAt);
            if ((mode & BY_POSITION) != 0) {
                fileByPosition(c);
            } else {
                file(c);
            }
        }
        if ((mode & NAMELESS_HANDLES) != 0) {
            namelessHandles();
        } else {
            for (int hdAt = m.liveHandles.next(0); hdAt < m.liveHandles.end(); hdAt = m.liveHandles.next(hdAt + 1)) {
                Handle hd = m.liveHandles.at(hdAt);
                mix(hd.name.hashCode());
                handle(hd);
            }
        }
        // the frames and slots, in the order the walk above met them; a slot's swap-cache frame that
        // nothing maps is met only here, and a frame's slot may be too, so until both lists end
        for (int k = 0, sk = 0; k < frames || sk < slots; ) {
            for (; k < frames; k++) {
                frameFacts(frameOrder[k]);
            }
            for (; sk < slots; sk++) {
                int s = slotOrder[sk];
                mix((long) m.swap.count[s] << 32 | (m.swap.cacheFrame[s] < 0 ? -1 : frame(m.swap.cacheFrame[s])) & 0xFFFFFFFFL);
                mix(stamp(m.swap.content[s]));
            }
        }
        mix(m.badUnpins.size());
        return h;
    }

    /** What a frame is beyond who maps it: kind and flags, swap slot, counts, folio, contents. */
    private void frameFacts(int f) {
        Folios.Folio folio = m.folio(f);
        int slot = m.frames.slot(f) < 0 ? -1 : slot(m.frames.slot(f));
        mix((long) m.frames.kindAndFlags(f) << 33 | (folio != null ? 1L << 32 : 0) | slot & 0xFFFFFFFFL);
        mix((long) m.ref(f) << 32 | m.frames.map(f) & 0xFFFFFFFFL);
        if (folio != null) {
            mix((long) (f - folio.head) << 32 | folio.nr);
            mix((long) folio.entireMap << 32 | folio.pins & 0xFFFFFFFFL);
        }
        mix(stamp(m.frames.content(f)));
    }

    /** A region's VMA ranges, its present and swapped PTEs, and the stamps its process expects, by index. */
    private void region(Region r) {
        mix(r.vmas.contentHash());
        for (long i = r.ptes.nextNonZero(0); i >= 0; i = r.ptes.nextNonZero(i + 1)) {
            mix(i);
            mix(pte(r, r.pte(i)));
        }
        mix(0xEEL);
        for (long i = r.expected.nextNonZero(0); i >= 0; i = r.expected.nextNonZero(i + 1)) {
            mix(i * 131 + stamp(r.expected.get(i) - 1));
        }
    }

    /** The same facts page by page in the walk's direction, each page's VMA flags in place of the ranges. */
    private void regionByPosition(Region r) {
        for (long j = 0; j < r.pages; j++) {
            long i = page(j, r.pages);
            int expected = r.expected.get(i);
            // one word a page, in walk order: its VMA flags, its entry, whether a stamp follows
            mix(r.vmas.flagsAt(i) & 0xFFFF | (expected != 0 ? 1 << 16 : 0) | pte(r, r.pte(i)));
            if (expected != 0) {
                mix(stamp(expected - 1));
            }
        }
    }

    /** A page-table entry as a word's upper bits: its kind from bit 20, its frame's or slot's number from 32; 0 for none. */
    private long pte(Region r, int pte) {
        if (pte == 0) {
            return 0;
        }
        if (Pte.isPresent(pte)) {
            // the dirty bit matters only where mprotect() and reclaim read it: shared mappings
            int kind = (Pte.writable(pte) ? 3 : 4) + (r.shared && Pte.dirty(pte) ? 8 : 0);
            return (long) frame(Pte.id(pte)) << 32 | kind << 20;
        }
        return (long) slot(Pte.id(pte)) << 32 | (Pte.swapExclusive(pte) ? 5 : 6) << 20;
    }

    private void file(PageCache c) {
        for (long i = c.frames.nextNonZero(0); i >= 0; i = c.frames.nextNonZero(i + 1)) {
            mix(i);
            mix(frame(c.frame(i)));
        }
        for (long i = c.stored.nextNonZero(0); i >= 0; i = c.stored.nextNonZero(i + 1)) {
            mix(i * 131 + stamp(c.stored(i)));
        }
    }

    private void fileByPosition(PageCache c) {
        for (long j = 0; j < c.pages; j++) {
            long i = page(j, c.pages);
            boolean stored = c.stored.get(i) != 0;
            mix((c.frames.get(i) != 0 ? (long) frame(c.frame(i)) + 1 << 1 : 0) | (stored ? 1 : 0));
            if (stored) {
                mix(stamp(c.stored(i)));
            }
        }
    }

    /** The page at walk position j of n pages. */
    private long page(long j, long n) {
        return (mode & REVERSED) != 0 ? n - 1 - j : j;
    }

    /**
     * Handles in the order of what they hold (frame as numbered so far, address, flags, contents),
     * so that renaming them changes nothing; ties keep their order, which costs reduction, never soundness.
     */
    private void namelessHandles() {
        int n = 0;
        for (int hdAt = m.liveHandles.next(0); hdAt < m.liveHandles.end(); hdAt = m.liveHandles.next(hdAt + 1)) {
            Handle hd = m.liveHandles.at(hdAt);
            if (n == handles.length) {
                handles = Arrays.copyOf(handles, 2 * n);
                handleKeys = Arrays.copyOf(handleKeys, 2 * n);
            }
            long saved = h;
            h = 0;
            mix(frameIds[hd.frame]);
            mix(stamp(m.frames.content(hd.frame)));
            handleFacts(hd);
            long key = h;
            h = saved;
            int k = n++;
            for (; k > 0 && handleKeys[k - 1] > key; k--) {
                handles[k] = handles[k - 1];
                handleKeys[k] = handleKeys[k - 1];
            }
            handles[k] = hd;
            handleKeys[k] = key;
        }
        for (int k = 0; k < n; k++) {
            handle(handles[k]);
            handles[k] = null;
        }
    }

    private void handle(Handle hd) {
        mix(frame(hd.frame));
        handleFacts(hd);
    }

    /** What a handle is beyond its frame: its flags and the address it was taken at. */
    private void handleFacts(Handle hd) {
        mix(index(hd) << 4 | flags(hd));
        mix((long) hd.region.name.hashCode() << 32 | hd.pid & 0xFFFFFFFFL);
    }

    private long index(Handle hd) {
        return (mode & BY_POSITION) != 0 ? page(hd.index, hd.region.pages) : hd.index;
    }

    private static int flags(Handle hd) {
        return (hd.pin ? 1 : 0) | (hd.write ? 2 : 0) | (hd.longterm ? 4 : 0) | (hd.detached ? 8 : 0);
    }

    /** The fork times that {@link #stamp} counts a stamp's forks-before by. */
    private void collectForks() {
        forks = 0;
        for (int pAt = 0; pAt < m.byPid.size(); pAt++) {
            Process p = m.byPid.get(pAt);
            if (p.parent >= 0) {
                if (forks == forkTimes.length) {
                    forkTimes = Arrays.copyOf(forkTimes, forks * 2);
                }
                forkTimes[forks++] = p.forkTime;
            }
        }
    }

    private int frame(int f) {
        int id = frameIds[f];
        if (id < 0) {
            id = frameIds[f] = frames;
            frameOrder[frames++] = f;
        }
        return id;
    }

    private int slot(int s) {
        int id = slotIds[s];
        if (id < 0) {
            id = slotIds[s] = slots;
            slotOrder[slots++] = s;
        }
        return id;
    }

    private long stamp(int s) {
        Stamps st = m.stamps;
        int before = 0;
        for (int k = 0; k < forks; k++) {
            if (forkTimes[k] <= s) {
                before++;
            }
        }
        return ((long) st.value(s).hashCode() << 24) ^ ((long) (st.writer(s) + 3) << 8) ^ (st.privateWrite(s) ? 1 : 0)
                ^ ((long) before << 40);
    }

    private void mix(long v) {
        long x = (h ^ v) * 0xff51afd7ed558ccdL;
        h = x ^ (x >>> 33);
        h *= 0xc4ceb9fe1a85ec53L;
    }
}
