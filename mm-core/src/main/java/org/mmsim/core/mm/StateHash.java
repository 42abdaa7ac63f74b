package org.mmsim.core.mm;

import java.util.Arrays;

/**
 * A 64-bit hash of everything about a machine that can influence what happens next, the same for
 * two machines that differ only in which free frame or slot an allocation happened to take. Stamps
 * are hashed by value, writer and whether they came through a private mapping, plus how many forks
 * happened before them, which is all the invariants compare. Counters and the clock are left out.
 *
 * <p>{@link #exact} and {@link #pair} walk the machine in a fixed order and number frames and slots
 * as they meet them. {@link #canonical} (the explorer's symmetry reduction) is a sum instead, which
 * also folds handle names and, with {@code pages}, page order: reversing page indices maps the moves
 * of a base-page universe onto themselves (a range stays a range; fault-around covers these small
 * files whole); and, with {@code processes}, process names ({@link ProcessNames}).
 */
public final class StateHash {
    /** Walk page positions 0..n-1 of every region and file, with each page's VMA flags (not the ranges). */
    private static final int BY_POSITION = 1;
    /** With {@link #BY_POSITION}: position j is page n - 1 - j. */
    private static final int REVERSED = 2;

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
    /** Which page order gave the last sum ({@link #sumOnce}): 1 the forward, -1 the reversed, 0 both. */
    private int orientation;

    /**
     * A hasher for one thread: it reuses its scratch arrays from one hash to the next. The explorer
     * keeps one per worker (a thread-local lookup costs a native call on C1).
     */
    public StateHash() {
        this(false);
    }

    /** With {@code everyNaming}, tries every naming of processes, signatures aside: what tests check the shortcut against. */
    StateHash(boolean everyNaming) {
        this.names = new ProcessNames(everyNaming);
    }

    static StateHash forThisThread() {
        return PER_THREAD.get();
    }

    /** The exact hash: names and page indices as they are. */
    public long exact(Machine m) {
        return of(m, 0);
    }

    /**
     * The hash of the class of machines that differ only in frame and slot numbers, handle names and,
     * with {@code pages}, page order: a sum of terms, one per process, region, page, frame and slot,
     * each frame's (and slot's) with the sum of what refers to it. A sum needs no order, so it needs
     * no renumbering of frames, and both page orders come out of one walk; the smaller is the class's.
     */
    public long canonical(Machine m, boolean pages) {
        return canonical(m, pages, false);
    }

    /**
     * {@link #canonical(Machine, boolean)}, with {@code processes} also the class of machines that
     * differ only in process names: for a machine whose processes' stores name their writer (the
     * explorer's, where p stores "Pp"), so that a stamp's value is its writer's. What a process's
     * ancestry and fork time decide, which stamps it may see, is hashed as each stamp's set of
     * processes that see it ({@link Machine#visibleTo}), which is all the invariants read of them;
     * {@link ProcessNames} gives the names.
     */
    public long canonical(Machine m, boolean pages, boolean processes) {
        this.m = m;
        try {
            byLabelLast = processes;
            return processes ? sumOverLabels(pages) : sum(pages);
        } finally {
            this.m = null;
            byLabel = false;
        }
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
        for (int hdAt = m.liveHandles.next(0); hdAt < m.liveHandles.end(); hdAt = m.liveHandles.next(hdAt + 1)) {
            Handle hd = m.liveHandles.at(hdAt);
            mix(hd.name.hashCode());
            handle(hd);
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
        long id = Pte.isPresent(pte) ? frame(Pte.id(pte)) : slot(Pte.id(pte));
        return id << 32 | pteBits(r, pte) << 20;
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

    /** A handle: its frame, its flags and the address it was taken at. */
    private void handle(Handle hd) {
        mix(frame(hd.frame));
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
        if (byLabel) {
            return names.stamp(m, s);
        }
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
        h = step(h, v);
    }

    /** Where a chain of {@link #step}s over raw words starts, so that the first two words are not XORed raw. */
    private static final long SEED = 0x9E3779B97F4A7C15L;

    /** h with v mixed in (murmur3's finalizer over h ^ v): the walk's and the sum's terms are made of these. */
    private static long step(long h, long v) {
        long x = (h ^ v) * 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        return x * 0xc4ceb9fe1a85ec53L;
    }

    // ---- the canonical hash as a sum of terms, one per frame, slot, page and process: order-free, so it needs
    // no renumbering of frames, and both page orders come out of one walk

    private static final long T_PROC = 0x1L, T_REGION = 0x2L, T_PAGE = 0x3L, T_PTE = 0x4L, T_SWAP_PTE = 0x5L,
            T_FILE = 0x6L, T_STORED = 0x7L, T_HANDLE = 0x8L, T_FRAME = 0x9L, T_SLOT = 0xAL, T_ZERO = 0xBL,
            T_GLOBAL = 0xCL, T_EXPECTED = 0xDL, T_FOLIO = 0xEL;

    /** Per frame and per slot, the sum of what refers to it, in the forward and the reversed page order. */
    private long[] refF = new long[64];
    private long[] refR = new long[64];
    private long[] slotF = new long[16];
    private long[] slotR = new long[16];
    private long sumF;
    private long sumR;
    /**
     * Which page orders this sum adds up: 1 the forward only, -1 the reversed only (into the F
     * sums), 0 both (into F and R). One order is enough when a cheap look at the pages already
     * tells a machine from its mirror image ({@link #choose}); {@code sumR} is then unused.
     */
    private int dir;

    /** Small enough (bytecode) for C1, the explorer's JIT, to inline where the sum calls it. */
    private static long term(long tag, long a, long b, long c) {
        return finish(step(step(step(tag * 0x9E3779B97F4A7C15L, a), b), c));
    }

    private static long finish(long h) {
        h ^= h >>> 29;
        h *= 0x94D049BB133111EBL;
        return h ^ h >>> 32;
    }

    private void both(long t) {
        sumF += t;
        sumR += t;
    }

    /** Index i of n in the forward sum's order: i itself, or its mirror's when only the reversed order is summed. */
    private long fwd(long i, long n) {
        return dir < 0 ? n - 1 - i : i;
    }

    /**
     * The page order to sum, from the regions' pages alone (an entry's kind, whether a stamp is
     * expected, the VMA flags): each region's code sequence hashed forward and backward, summed over
     * regions so that no region order enters. A machine's backward sum is its mirror image's forward
     * one, so the choice is the same for every member of a class; a tie (a symmetric machine, or a
     * collision) sums both orders and keeps the smaller, as before.
     */
    private int choose() {
        long f = 0;
        long b = 0;
        int at = 0;
        for (int pAt = 0; pAt < m.byPid.size(); pAt++) {
            Process p = m.byPid.get(pAt);
            if (!p.alive) {
                continue;
            }
            for (int rAt = p.regions.next(0); rAt < p.regions.end(); rAt = p.regions.next(rAt + 1)) {
                Region r = p.regions.at(rAt);
                // sf = sum of code(i) * K^(n-1-i), sb = sum of code(i) * K^i: each page read once
                long sf = 0;
                long sb = 0;
                long k = 1;
                if (pageFacts.length < at + r.pages) {
                    pageFacts = Arrays.copyOf(pageFacts, (int) Math.max(2L * pageFacts.length, at + r.pages));
                    pageEntries = Arrays.copyOf(pageEntries, pageFacts.length);
                }
                long flags = 0;
                long flagsEnd = 0;
                for (long i = 0; i < r.pages; i++, at++) {
                    if (i >= flagsEnd) { // a region's few VMAs: their flags a range at a time (a hole page by page)
                        int vm = r.vmas.flagsAt(i);
                        flags = (vm & 0xFFFF) << 8;
                        flagsEnd = vm < 0 ? i + 1 : r.vmas.vmaEnd(i);
                    }
                    int pte = r.pte(i);
                    int expected = r.expected.get(i);
                    long c = pageFacts[at] = flags | (expected != 0 ? 1 << 7 : 0) | pteBits(r, pte);
                    pageEntries[at] = (long) expected << 32 | pte & 0xFFFFFFFFL;
                    c++;
                    sf = sf * 0x100000001B3L + c;
                    sb += c * k;
                    k *= 0x100000001B3L;
                }
                f += spread(sf);
                b += spread(sb);
            }
        }
        return Long.compare(b, f) > 0 ? 1 : f == b ? 0 : -1;
    }

    /**
     * What {@link #choose} read of each page, in walk order, for {@link #regionPages}: its facts (VMA
     * flags, whether a stamp is expected, its entry's kind), and its expected stamp and entry.
     */
    private long[] pageFacts = new long[16];
    private long[] pageEntries = new long[16];
    /** The next page of {@link #pageFacts} that {@link #regionPages} reads. */
    private int pageAt;

    static long spread(long x) {
        x = (x ^ x >>> 31) * 0x9E3779B97F4A7C15L;
        return x ^ x >>> 29;
    }

    /** {@code a} with its first n entries cleared, or a new array if it has fewer. */
    private static long[] cleared(long[] a, int n) {
        if (a.length < n) {
            return new long[Math.max(n, 2 * a.length)];
        }
        Arrays.fill(a, 0, n, 0);
        return a;
    }

    private long sum(boolean pages) {
        dir = pages ? choose() : 1;
        collectForks();
        return sumOnce(pages);
    }

    /** The sum in the order {@link #dir} names, with processes by pid or ({@link #byLabel}) by {@link #names}. */
    private long sumOnce(boolean pages) {
        pageAt = 0;
        int nf = m.frames.highWater();
        refF = cleared(refF, nf);
        int ns = m.swap.highWater();
        slotF = cleared(slotF, ns);
        if (dir == 0) {
            refR = cleared(refR, nf);
            slotR = cleared(slotR, ns);
        }
        sumF = sumR = term(T_GLOBAL, m.badUnpins.size(), 0, 0);
        refF[m.zeroPage] += T_ZERO;
        if (dir == 0) {
            refR[m.zeroPage] += T_ZERO;
        }
        for (int pAt = 0; pAt < m.byPid.size(); pAt++) {
            Process p = m.byPid.get(pAt);
            both(term(T_PROC, name(p.pid), byLabel ? 0 : p.parent, p.alive ? 1 : 2));
            if (!p.alive) {
                continue;
            }
            for (int rAt = p.regions.next(0); rAt < p.regions.end(); rAt = p.regions.next(rAt + 1)) {
                Region r = p.regions.at(rAt);
                long id = (long) name(p.pid) << 32 | r.name.hashCode() & 0xFFFFFFFFL;
                long cache = r.cache == null ? 0 : r.cache.name.hashCode() * 31 + (r.cache.shmem ? 1 : 0);
                both(term(T_REGION, id, cache << 2 | (r.anonVma ? 1 : 0) | (r.hugetlbUnmapped ? 2 : 0),
                        (long) r.tablesHash() << 32 | (pages ? 0 : r.vmas.contentHash() & 0xFFFFFFFFL)));
                if (pages) {
                    regionPages(r, id);
                } else if (byLabel) {
                    regionEntriesRead(r, id);
                } else {
                    regionEntries(r, id);
                }
            }
        }
        for (int cAt = m.files.next(0); cAt < m.files.end(); cAt = m.files.next(cAt + 1)) {
            PageCache c = m.files.at(cAt);
            long id = c.name.hashCode();
            for (long i = c.frames.nextNonZero(0); i >= 0; i = c.frames.nextNonZero(i + 1)) {
                int f = c.frame(i);
                refF[f] += term(T_FILE, id, fwd(i, c.pages), 0);
                if (dir == 0) {
                    refR[f] += term(T_FILE, id, c.pages - 1 - i, 0);
                }
            }
            for (long i = c.stored.nextNonZero(0); i >= 0; i = c.stored.nextNonZero(i + 1)) {
                long st = stamp(c.stored(i));
                sumF += term(T_STORED, id, fwd(i, c.pages), st);
                if (dir == 0) {
                    sumR += term(T_STORED, id, c.pages - 1 - i, st);
                }
            }
        }
        for (int hdAt = m.liveHandles.next(0); hdAt < m.liveHandles.end(); hdAt = m.liveHandles.next(hdAt + 1)) {
            Handle hd = m.liveHandles.at(hdAt);
            long who = (long) name(hd.pid) << 32 | hd.region.name.hashCode() & 0xFFFFFFFFL;
            refF[hd.frame] += term(T_HANDLE, who, fwd(hd.index, hd.region.pages), flags(hd));
            if (dir == 0) {
                refR[hd.frame] += term(T_HANDLE, who, hd.region.pages - 1 - hd.index, flags(hd));
            }
        }
        frameTerms(nf);
        for (int sl = 0; sl < ns; sl++) {
            int cf = m.swap.cacheFrame[sl];
            if (!m.swap.used[sl] || slotF[sl] == 0 && cf < 0) {
                continue;
            }
            long facts = (long) m.swap.count[sl] << 32 | (cf >= 0 ? 1 : 0);
            long content = stamp(m.swap.content[sl]);
            sumF += term(T_SLOT, facts, content, slotF[sl] + (cf >= 0 ? refF[cf] * 31 + frameFacts0(cf) : 0));
            if (dir == 0) {
                sumR += term(T_SLOT, facts, content, slotR[sl] + (cf >= 0 ? refR[cf] * 31 + frameFacts0(cf) : 0));
            }
        }
        if (dir != 0) {
            orientation = dir;
            return sumF;
        }
        orientation = Long.compare(sumR, sumF);
        return Math.min(sumF, sumR);
    }

    /** A region's pages one by one (a base-page universe: few pages), each at its index and at its mirror's. */
    private void regionPages(Region r, long id) {
        long n = r.pages;
        for (long i = 0; i < n; i++, pageAt++) {
            int pte = (int) pageEntries[pageAt];
            int expected = (int) (pageEntries[pageAt] >>> 32);
            long facts = pageFacts[pageAt];
            long st = expected == 0 ? 0 : stamp(expected - 1);
            sumF += term(T_PAGE, id, fwd(i, n) << 24 | facts, st);
            if (dir == 0) {
                sumR += term(T_PAGE, id, n - 1 - i << 24 | facts, st);
            }
            reference(r, id, pte, fwd(i, n), n - 1 - i);
        }
    }

    /** A region's VMAs (in its term), entries and expected stamps, by index: one order only. */
    private void regionEntries(Region r, long id) {
        for (long i = r.ptes.nextNonZero(0); i >= 0; i = r.ptes.nextNonZero(i + 1)) {
            reference(r, id, r.pte(i), i, i);
        }
        for (long i = r.expected.nextNonZero(0); i >= 0; i = r.expected.nextNonZero(i + 1)) {
            both(term(T_EXPECTED, id, i, stamp(r.expected.get(i) - 1)));
        }
    }

    /**
     * {@link #regionEntries} from what {@link #choose} read of the region's pages (it ran for the
     * naming of processes): one pass over a plain array instead of two over the sparse ones.
     */
    private void regionEntriesRead(Region r, long id) {
        for (long i = 0; i < r.pages; i++, pageAt++) {
            long e = pageEntries[pageAt];
            if (e != 0) {
                reference(r, id, (int) e, i, i);
                int expected = (int) (e >>> 32);
                if (expected != 0) {
                    both(term(T_EXPECTED, id, i, stamp(expected - 1)));
                }
            }
        }
    }

    /** What entry {@code pte} at forward index {@code f} (reversed {@code b}) adds to its frame or slot. */
    private void reference(Region r, long id, int pte, long f, long b) {
        if (pte == 0) {
            return;
        }
        long bits = pteBits(r, pte);
        if (Pte.isPresent(pte)) {
            int frame = Pte.id(pte);
            refF[frame] += term(T_PTE, id, f << 8 | bits, 0);
            if (dir == 0) {
                refR[frame] += term(T_PTE, id, b << 8 | bits, 0);
            }
        } else {
            int slot = Pte.id(pte);
            slotF[slot] += term(T_SWAP_PTE, id, f << 8 | bits, 0);
            if (dir == 0) {
                slotR[slot] += term(T_SWAP_PTE, id, b << 8 | bits, 0);
            }
        }
    }

    /** An entry's kind: none, present writable or not (dirty where shared), swap exclusive or not. */
    private static long pteBits(Region r, int pte) {
        if (pte == 0) {
            return 0;
        }
        if (Pte.isPresent(pte)) {
            // the dirty bit matters only where mprotect() and reclaim read it: shared mappings
            return (Pte.writable(pte) ? 3 : 4) + (r.shared && Pte.dirty(pte) ? 8 : 0);
        }
        return Pte.swapExclusive(pte) ? 5 : 6;
    }

    /** A frame's own facts, without who refers to it. */
    private long frameFacts0(int f) {
        // from a mixed seed: step(a, b) of two raw words mixes a ^ b, where small fields can cancel
        return step(step(step(SEED, (long) m.frames.kindAndFlags(f) << 32 | m.frames.map(f) & 0xFFFFFFFFL), m.ref(f)),
                stamp(m.frames.content(f)));
    }

    /** Every frame something refers to (or the swap cache holds), with its referrers, its slot's and its folio's. */
    private void frameTerms(int nf) {
        for (int f = 0; f < nf; f++) {
            if (!m.frames.isAllocated(f)) {
                continue;
            }
            Folios.Folio fo = m.folio(f);
            if (fo != null) {
                folioTerms(fo);
                f = fo.head + fo.nr - 1; // a folio's frames are contiguous and its head comes first
                continue;
            }
            int slot = m.frames.slot(f);
            if (unreferenced(f, slot)) {
                continue;
            }
            long own = frameFacts0(f);
            sumF += term(T_FRAME, own, refF[f], slotFacts(slotF, slot));
            if (dir == 0) {
                sumR += term(T_FRAME, own, refR[f], slotFacts(slotR, slot));
            }
        }
    }

    /**
     * A large folio's frames, in one pass: what all of them share (size, entire mappings, pins, the
     * head's reference count) is mixed once, and a run of pages holding one stamp hashes it once, so a
     * 2M THP costs 512 short terms instead of 512 frame lookups.
     */
    private void folioTerms(Folios.Folio fo) {
        int head = fo.head;
        int end = head + fo.nr;
        long folioF = 0;
        long folioR = 0;
        for (int f = head; f < end; f++) {
            folioF += refF[f];
            folioR += dir == 0 ? refR[f] : 0;
        }
        long shared = step(step(SEED, (long) fo.nr << 32 | fo.entireMap & 0xFFFFFFFFL),
                (long) fo.pins << 32 | m.frames.ref(head) & 0xFFFFFFFFL);
        int lastContent = -1; // no stamp is numbered -1
        long lastStamp = 0;
        for (int f = head; f < end; f++) {
            int slot = m.frames.slot(f);
            if (unreferenced(f, slot)) {
                continue;
            }
            int content = m.frames.content(f);
            if (content != lastContent) {
                lastStamp = stamp(content);
                lastContent = content;
            }
            // offset in the folio (up to 2^18 for 1G hugetlb), kind and flags, map count: one word
            long own = step(step(shared, (long) (f - head) << 40 | (m.frames.kindAndFlags(f) & 0xFFL) << 32
                    | m.frames.map(f) & 0xFFFFFFFFL), lastStamp);
            sumF += term(T_FOLIO, own, refF[f] * 31 + slotFacts(slotF, slot), folioF);
            if (dir == 0) {
                sumR += term(T_FOLIO, own, refR[f] * 31 + slotFacts(slotR, slot), folioR);
            }
        }
    }

    /** Whether nothing refers to frame f and no swap slot holds it: it has no term. */
    private boolean unreferenced(int f, int slot) {
        // with one order only, a frame refers to it in F exactly when it does in R
        return refF[f] == 0 && (dir != 0 || refR[f] == 0) && slot < 0;
    }

    /** What a frame's swap slot adds to its term: the slot's referrers (in one page order) and count; 0 for none. */
    private long slotFacts(long[] referrers, int slot) {
        return slot < 0 ? 0 : referrers[slot] * 31 + m.swap.count[slot] + 1;
    }

    // ---- process symmetry: the sum with processes by the names ProcessNames gives them

    /** Whether the sum names processes by {@link #names} instead of pid. */
    private boolean byLabel;
    /** Whether the last {@link #canonical} hash named processes by {@link #names}. */
    private boolean byLabelLast;
    private final ProcessNames names;

    private int name(int pid) {
        return byLabel ? names.name(pid) : pid;
    }

    /** The smallest sum over the namings of processes that their signatures allow. */
    private long sumOverLabels(boolean pages) {
        int chosen = choose(); // and the page facts the signatures read
        dir = pages ? chosen : 1;
        names.rank(m, pageFacts, pageEntries, dir);
        byLabel = true;
        long best = sumOnce(pages);
        namings = 0;
        keepNaming();
        while (names.next()) {
            long h = sumOnce(pages);
            if (h < best) {
                best = h;
                namings = 0;
            }
            if (h == best) {
                keepNaming();
            }
        }
        complete = names.complete();
        return best;
    }

    // ---- what the explorer's sleep sets need: every naming and page order that gives the class's sum

    /** The namings (by pid) that gave the last {@link #canonical} sum, each with its page order ({@link #orientation(int)}). */
    private int[][] namingLabels = new int[2][8];
    private int[] namingOrientations = new int[2];
    private int namings;
    /** Whether the last canonical sum tried every naming its signatures allow ({@link ProcessNames#complete}). */
    private boolean complete;

    private void keepNaming() {
        if (namings == namingLabels.length) {
            namingLabels = Arrays.copyOf(namingLabels, 2 * namings);
            namingOrientations = Arrays.copyOf(namingOrientations, 2 * namings);
        }
        int[] l = namingLabels[namings];
        int n = m.byPid.size();
        if (l == null || l.length < n) {
            l = namingLabels[namings] = new int[Math.max(8, n)];
        }
        for (int pid = 0; pid < n; pid++) {
            l[pid] = names.name(pid);
        }
        namingOrientations[namings++] = orientation;
    }

    /**
     * How many ways the last {@link #canonical} hash was reached, a naming of processes and a page
     * order each: the machine's automorphisms, what a fact about its moves must hold under to be a
     * fact about its class. 1 without process symmetry (pids are the names); -1 when not every naming
     * was tried (too many ties), so that the ways are not known.
     */
    public int ways() {
        return !byLabelLast ? 1 : complete ? namings : -1;
    }

    /**
     * Way k's names of processes, by pid ({@code k < ways()}, processes with symmetry only): the
     * hasher's own array, good until its next hash.
     */
    public int[] names(int k) {
        return namingLabels[k];
    }

    /**
     * Way k's page order ({@code k < ways()}): 1 the machine's own, -1 its page-reversed twin's, 0
     * both (the machine is its own mirror image). What the explorer needs to carry facts about page
     * indices from one member of a class to another.
     */
    public int orientation(int k) {
        return byLabelLast ? namingOrientations[k] : orientation;
    }
}