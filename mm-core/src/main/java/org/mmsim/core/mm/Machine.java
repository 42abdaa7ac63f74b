package org.mmsim.core.mm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mmsim.api.PageKind;
import org.mmsim.api.Policy;

/**
 * The simulated kernel: frames, page tables, page caches, swap and pins, driven one system call at
 * a time. Every method that models a statement returns that statement's outcome ({@link #OK},
 * {@link #FAIL}, {@link #SEGV} or the value read). The policy only answers questions; all state
 * changes happen here and in the path classes ({@link Memory}, {@link Gup}, {@link Fork},
 * {@link Reclaim}).
 */
public final class Machine {
    public static final String OK = "ok";
    public static final String FAIL = "fail";
    public static final String SEGV = "segv";
    public static final String SIGBUS = "sigbus";

    final Policy policy;
    final FlagRegistry flags;
    final Limits limits;
    final Frames frames;
    final SwapSpace swap;
    final Stamps stamps;
    final Counters counters;

    final Folios folios;
    /** The THP sysfs settings (hugepages-<size>kB/enabled). */
    final Thp thp;
    final Hugetlb hugetlb;
    /** Made on first use: most of the explorer's copies never ask the policy or pin. */
    private Views views;
    private Gup gup;
    private Tracepoints tracepoints;
    final int zeroPage;
    /** The huge zeropage's head frame, allocated on first use (mm_get_huge_zero_folio()); -1 before. */
    int hugeZero = -1;

    final Names<Process> processes;
    final ArrayList<Process> byPid; // not List: C1 inlines a class's size() and get(), not an interface's
    final Names<PageCache> files;
    /** The handles not released yet, by name. */
    final Names<Handle> liveHandles;
    /** unpin-nonexclusive events since the last check. */
    final ArrayList<Violation> badUnpins; // a class, as byPid

    /**
     * One-entry caches of the last process and region looked up by name (by identity of the
     * name): a workload or a script names the same ones statement after statement. Cleared
     * whenever the maps they cache change.
     */
    private String lastProcName;
    private Process lastProc;
    private String lastRegionName;
    private Process lastRegionOwner;
    private Region lastRegion;
    /** Record who wrote what (stamps, lost-write expectations); only the invariants need it. */
    private boolean provenance = true;
    Trace trace;
    /** How deep the next trace event sits: the statement is 0, what it does 1, and so on. */
    int depth = 1;
    int now;
    private int regionIds;

    /**
     * The policies of the bundled plugins: mmsim's own code, which keeps no view past its call, so
     * their machines skip ending views (the fault path's last few percent, see the README).
     */
    private static final java.util.Set<Policy> TRUSTED =
            java.util.Collections.synchronizedSet(java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));

    /** Whether this machine ends the views of each question when the policy returns. */
    private final boolean endsViews;

    /** Marks {@code policy} as a bundled plugin's: its machines need not end views. */
    public static void trust(Policy policy) {
        TRUSTED.add(policy);
    }

    public Machine(Policy policy, FlagRegistry flags, Limits limits) {
        this.policy = policy;
        this.endsViews = !TRUSTED.contains(policy);
        this.flags = flags;
        this.limits = limits;
        this.frames = new Frames(16, limits.maxFrames());
        this.swap = new SwapSpace();
        this.stamps = new Stamps();
        this.counters = new Counters();
        this.processes = new Names<>();
        this.byPid = new ArrayList<>();
        this.files = new Names<>();
        this.liveHandles = new Names<>();
        this.badUnpins = new ArrayList<>();
        this.zeroPage = frames.alloc(PageKind.ZERO_PAGE, Stamps.ZERO);
        frames.setRef(zeroPage, 1); // the zeropage is never freed
        this.folios = new Folios();
        this.thp = new Thp();
        this.hugetlb = new Hugetlb(this);
    }

    /** A copy that goes on independently (no trace); see {@link #copyInto}. */
    public Machine copy() {
        return copyInto(null);
    }

    /**
     * Makes {@code into}, a machine of the same policy, flags and limits, a copy of this one that goes
     * on independently (no trace), and returns it. It shares the arrays of frames, page tables, VMAs,
     * caches and names with this machine until either side writes one (a successor's move writes
     * few), and makes over {@code into}'s own processes, regions, caches and handles where they are
     * the same ones: the explorer copies each successor into one machine per worker. A null
     * {@code into} is a new machine.
     */
    public Machine copyInto(Machine into) {
        if (into == null) {
            into = new Machine(policy, flags, limits);
        }
        if (into.policy != policy || into.flags != flags || into.limits != limits || into.zeroPage != zeroPage) {
            throw new IllegalArgumentException("a machine copies only into one of the same policy, flags and limits");
        }
        if (into == this) {
            return this;
        }
        into.frames.assign(frames);
        into.swap.assign(swap);
        into.stamps.assign(stamps);
        into.counters.assign(counters);
        into.folios.assign(folios);
        into.thp.assign(thp);
        into.hugetlb.assign(hugetlb);
        into.hugeZero = hugeZero;
        into.now = now;
        into.provenance = provenance;
        into.regionIds = regionIds;
        into.trace = null;
        into.depth = 1;
        into.forgetLookups();
        if (into.endsViews) {
            into.views = null; // a policy that kept a view of the old state finds it ended
        }
        Copiers c = into.copiers == null ? into.copiers = into.new Copiers() : into.copiers;
        c.from = this;
        into.files.assign(files, c.files);
        ArrayList<Process> mine = into.byPid;
        for (int pAt = 0; pAt < byPid.size(); pAt++) {
            Process p = byPid.get(pAt).copy(pAt < mine.size() ? mine.get(pAt) : null, c.regions);
            if (pAt < mine.size()) {
                mine.set(pAt, p);
            } else {
                mine.add(p);
            }
        }
        while (mine.size() > byPid.size()) {
            mine.remove(mine.size() - 1);
        }
        into.processes.assign(processes, c.processes);
        into.liveHandles.assign(liveHandles, c.handles);
        into.badUnpins.clear();
        if (!badUnpins.isEmpty()) { // addAll makes an array even of an empty list
            into.badUnpins.addAll(badUnpins);
        }
        c.from = null;
        c.shmem = null;
        if (into.droppedRegions != null) {
            into.droppedRegions.clear(); // what was not made over: gone with the state that dropped it
        }
        if (into.releasedHandles != null) {
            into.releasedHandles.clear();
        }
        return into;
    }

    /** Made once per machine that is copied into. */
    private Copiers copiers;

    /**
     * How {@link #copyInto} makes this machine's values from {@link #from}'s: classes, not lambdas, since
     * C1 (the explorer's JIT) links a capturing lambda through method handles on every copy.
     */
    private final class Copiers {
        Machine from;
        /** The copies of shmem objects (shared by forks, named by no file): made on first need. */
        Map<PageCache, PageCache> shmem;

        final Names.Copier<PageCache> files = new Names.Copier<>() {
            @Override
            public PageCache copy(PageCache c, PageCache before) {
                return c.copy(before);
            }
        };

        /** A file's region maps the copy's file; the regions of one shmem object map one copy of it. */
        final Names.Copier<Region> regions = new Names.Copier<>() {
            @Override
            public Region copy(Region r, Region before) {
                PageCache c = r.cache;
                if (c != null && from.files.get(c.name) == c) {
                    c = Machine.this.files.get(c.name);
                } else if (c != null) {
                    shmem = shmem == null ? new java.util.IdentityHashMap<>(4) : shmem;
                    PageCache shared = shmem.get(c);
                    if (shared == null) {
                        shmem.put(c, shared = c.copy(null));
                    }
                    c = shared;
                }
                return r.copy(c, before != null ? before : droppedLike(r));
            }
        };

        final Names.Copier<Process> processes = new Names.Copier<>() {
            @Override
            public Process copy(Process p, Process before) {
                return byPid.get(p.pid);
            }
        };

        final Names.Copier<Handle> handles = new Names.Copier<>() {
            @Override
            public Handle copy(Handle h, Handle before) {
                // a handle whose region is gone is detached; it only keeps the old region for its name
                Region now = from.byPid.get(h.pid).regions.get(h.region.name) == h.region
                        ? byPid.get(h.pid).regions.get(h.region.name) : h.region;
                return h.copy(now, before != null ? before : releasedLike(h));
            }
        };
    }

    /** The fault paths, made on first use like the views: most of the explorer's copies never fault. */
    private Memory memory;
    private HugeMemory huge;

    Memory memory() {
        Memory mm = memory;
        return mm != null ? mm : (memory = new Memory(this));
    }

    HugeMemory huge() {
        HugeMemory h = huge;
        return h != null ? h : (huge = new HugeMemory(this));
    }

    /** The flyweight views the policy is asked about. */
    Views views() {
        Views v = views;
        return v != null ? v : (views = new Views(this));
    }

    private Gup gup() {
        Gup g = gup;
        return g != null ? g : (gup = new Gup(this));
    }

    /**
     * Turns provenance off for runs that never check invariants (benchmarks): stores then keep
     * only their value, so a write costs no stamp and no lost-write expectation. Set it before
     * the first statement.
     */
    public void setProvenance(boolean on) {
        this.provenance = on;
    }

    /**
     * Lets freed frame and swap-slot numbers be handed out again, for workloads that churn through
     * millions of pages. Off by default: then {@code #5} names one page for the whole run, in
     * traces, violations and state dumps alike.
     */
    public void setRecycling(boolean on) {
        frames.setRecycle(on);
        swap.recycle = on;
    }

    /** The stamp of a store into {@code frame}: a new one with its provenance (and what it overwrote), or the value's. */
    private int stamp(String value, int writer, boolean viaPrivateMapping, int frame) {
        // small enough for the JIT to inline on every store: the provenance case is a call of its own
        return provenance ? newStamp(value, writer, viaPrivateMapping, frame) : stamps.intern(value);
    }

    private int newStamp(String value, int writer, boolean viaPrivateMapping, int frame) {
        return stamps.create(value, writer, now, viaPrivateMapping, frames.content(frame));
    }

    public void setTrace(Trace trace) {
        this.trace = trace;
    }

    /** The clock for provenance: the runner sets it to the statement's line before running it. */
    public void setTime(int time) {
        this.now = time;
    }

    public Counters counters() {
        return counters;
    }

    /** The most frames allocated at once, the zeropage included. */
    public int framesPeak() {
        return frames.peak();
    }

    /** The whole machine as plain values (for {@code run --state} and diagrams). */
    public MachineState state() {
        return MachineState.of(this);
    }

    /** A canonical hash of the machine's state, for the explorer's deduplication ({@link StateHash#exact}). */
    public long stateHash() {
        return StateHash.forThisThread().exact(this);
    }

    /**
     * The hash of this machine's symmetry class: the same for every renaming of its handles and,
     * with {@code pages}, for its page indices reversed (sound only where nothing else tells pages apart).
     */
    public long canonicalHash(boolean pages) {
        return StateHash.forThisThread().canonical(this, pages);
    }

    boolean tracing() {
        return trace != null;
    }

    /** One level deeper for the trace events that follow (what a call does inside another); free untraced. */
    void nest() {
        if (trace != null) {
            depth++;
        }
    }

    void unnest() {
        if (trace != null) {
            depth--;
        }
    }

    /**
     * Records an event at the current depth, with its facts as name/value pairs. Callers check
     * {@link #tracing()} first, so that no text is built when nobody reads it.
     */
    void trace(String event, String text, Object... facts) {
        // every line names the kernel function it models, as a kernel developer would look for it
        trace.event(TraceEvent.of(now, depth, event, text.startsWith(event) ? text : event + ": " + text, facts));
    }

    String kindName(int f) {
        return f == zeroPage ? "zeropage" : frames.anon(f) ? "anon"
                : frames.kind(f) == PageKind.ZERO_PAGE ? "huge zeropage" : "page-cache";
    }

    /** What the trace says at each point; made on first use (only traced machines use it). */
    Tracepoints tp() {
        Tracepoints t = tracepoints;
        return t != null ? t : (tracepoints = new Tracepoints(this));
    }

    // ---- reference counting -------------------------------------------------------------

    /** The head frame of the folio f belongs to (f itself for a base page). */
    int head(int f) {
        return frames.test(f, Frames.PG_TAIL) ? headOfTail(f) : f; // small: C1 inlines it
    }

    private int headOfTail(int f) {
        int back = frames.tailOffset(f);
        return back > 0 ? f - back : folios.of(f).head;
    }

    /** The large folio f belongs to, or null for a base page. */
    Folios.Folio folio(int f) {
        return frames.test(f, Frames.PG_LARGE) ? folios.at(head(f)) : null;
    }

    /** folio_ref_count() of the folio f belongs to. */
    int ref(int f) {
        return frames.ref(head(f));
    }

    /** page_mapcount(): the PTEs mapping page f, plus its folio's entire mappings. */
    int mapCount(int f) {
        return frames.map(f) + entireMapCount(f);
    }

    /** folio_mapcount(): every PTE mapping a page of the folio, plus its entire mappings. */
    int folioMapCount(Folios.Folio folio) {
        return folio.mapcount;
    }

    /** folio_mapcount() of the folio f belongs to; a base page's own map count. */
    int folioMapCount(int f) {
        Folios.Folio folio = folio(f);
        return folio == null ? frames.map(f) : folioMapCount(folio);
    }

    /** folio_order() of the folio f belongs to: 0 for a base page. */
    int folioOrder(int f) {
        Folios.Folio folio = folio(f);
        return folio == null ? 0 : folio.order();
    }

    /** folio_entire_mapcount(): the PMD (or hugetlb) mappings of f's folio; 0 for a base page. */
    int entireMapCount(int f) {
        Folios.Folio folio = folio(f);
        return folio == null ? 0 : folio.entireMap;
    }

    /** folio_test_hugetlb() */
    boolean hugetlb(int f) {
        Folios.Folio folio = folio(f);
        return folio != null && folio.hugetlb;
    }

    /** The swap count of f's slot while f is in the swap cache; else 0. */
    int swapCount(int f) {
        return frames.test(f, Frames.PG_SWAPCACHE) ? swap.count[frames.slot(f)] : 0;
    }

    /** folio_maybe_dma_pinned(): _pincount for a large folio, the bias in the reference count for a small one. */
    boolean maybeDmaPinned(int f) {
        Folios.Folio folio = folio(f);
        return folio != null ? folio.pins > 0 : frames.ref(f) >= org.mmsim.api.PageView.GUP_PIN_COUNTING_BIAS;
    }

    /**
     * folio_maybe_mapped_shared() (6.15, with MM owner tracking): whether more than one live process
     * maps a page of the folio; a small or hugetlb folio: mapped more than once.
     */
    boolean maybeMappedShared(int f) {
        Folios.Folio folio = folio(f);
        return folio == null || folio.hugetlb ? mapCount(f) > 1 : folio.mappedShared();
    }

    /**
     * folio_add_anon_rmap_pte() / folio_remove_rmap_pte(): d more PTE mappings of page f by r's
     * process; a large folio also counts them per process (the MM owner tracking of 6af8cb80d3a9).
     */
    void rmap(Region r, int f, int d) {
        frames.addMap(f, d);
        if (frames.test(f, Frames.PG_LARGE)) {
            folios.at(head(f)).mapped(r.pid, d);
        }
    }

    /** get_page() / folio_ref_add(): on the folio's head. */
    void getPage(int f, int n) {
        frames.addRef(head(f), n);
    }

    /**
     * put_page(): drops n references and frees the folio at zero. A frame left only in the swap
     * cache, with no swap entry still naming its slot, is dropped from the cache at once (the
     * kernel's reclaim would do it later; nothing can observe the difference).
     */
    void putPage(int f, int n) {
        int h = head(f);
        int r = frames.addRef(h, -n);
        if (r == 0) {
            if (frames.test(h, Frames.PG_LARGE)) {
                freeFolio(folios.at(h));
            } else {
                frames.free(f);
            }
            if (tracing()) {
                tp().freed(h);
            }
        } else if (r == 1 && frames.test(f, Frames.PG_SWAPCACHE) && swap.count[frames.slot(f)] == 0) {
            deleteFromSwapCache(f);
        }
    }

    /** free_folio(): every page of a large folio; a hugetlb page goes back to its pool. */
    private void freeFolio(Folios.Folio folio) {
        for (int k = 0; k < folio.nr; k++) {
            frames.free(folio.head + k);
        }
        folios.remove(folio);
        if (folio.hugetlb) {
            hugetlb.freed(folio.nr);
        }
    }

    /** folio_free_swap() / try_to_free_swap(): leave the swap cache if no swap entry refers to the slot. */
    boolean tryFreeSwap(int f) {
        if (!frames.test(f, Frames.PG_SWAPCACHE) || swap.count[frames.slot(f)] != 0) {
            return false;
        }
        deleteFromSwapCache(f);
        return true;
    }

    /** delete_from_swap_cache(): the slot is freed with it, since no swap entry refers to it. */
    private void deleteFromSwapCache(int f) {
        int s = frames.slot(f);
        frames.clear(f, Frames.PG_SWAPCACHE);
        frames.setSlot(f, -1);
        swap.cacheFrame[s] = -1;
        swap.free(s);
        if (tracing()) {
            tp().leftSwapCache(f, s);
        }
        putPage(f, 1);
    }

    /** swap_free(): one swap entry fewer refers to slot s. */
    void swapFree(int s) {
        if (--swap.count[s] > 0) {
            return;
        }
        int f = swap.cacheFrame[s];
        if (f < 0) {
            swap.free(s);
            if (tracing()) {
                tp().slotFreed(s);
            }
        } else if (ref(f) == 1) {
            deleteFromSwapCache(f);
        }
    }

    /** page_add_*_rmap() + set_pte_at(): map frame f at r[i]; a write fault's PTE is dirty too. */
    void mapPage(Region r, long i, int f, boolean writable, boolean dirty) {
        frames.addRef(head(f), 1);
        rmap(r, f, 1);
        r.setPte(i, Pte.present(f, writable, dirty));
        if (!r.anonVma && frames.anon(f)) {
            r.anonVma = true; // anon_vma_prepare()
        }
        r.markTable(i);
    }

    /**
     * zap_pte_range() for one entry: drops the mapping (a dirty PTE of a page-cache page dirties the
     * page, as zap_present_ptes() does) or the swap entry.
     */
    void zapPte(Region r, long i) {
        int pte = r.pte(i);
        if (Pte.isPresent(pte)) {
            int f = Pte.id(pte);
            boolean dirties = Pte.dirty(pte) && dirtiesPage(f);
            if (tracing()) {
                tp().zapped(r, i, f, dirties);
            }
            rmap(r, f, -1);
            r.setPte(i, Pte.NONE);
            nest();
            putPage(f, 1);
            unnest();
        } else if (Pte.isSwap(pte)) {
            int s = Pte.id(pte);
            if (tracing()) {
                tp().swapEntryZapped(r, i, s);
            }
            r.setPte(i, Pte.NONE);
            nest();
            swapFree(s);
            unnest();
        }
    }

    /** A dirty PTE of a page-cache page dirties the page as it goes; true when that changed the page. */
    private boolean dirtiesPage(int f) {
        if (frames.anon(f) || f == zeroPage || frames.test(f, Frames.PG_DIRTY)) {
            return false;
        }
        frames.set(f, Frames.PG_DIRTY);
        return true;
    }

    /** Zaps [from, to) of a region; pins taken there are now legitimately detached. */
    void zapRange(Region r, long from, long to) {
        for (long i = r.ptes.nextNonZero(from); i >= 0 && i < to; i = r.ptes.nextNonZero(i + 1)) {
            if (Pte.isHuge(r.pte(i))) {
                // zap_huge_pmd() when the range covers the whole PMD, else split it and zap its PTEs
                long start = huge().hugeStart(r, i);
                if (start >= from && start + huge().hugePages(r, i) <= to) {
                    huge().zapHuge(r, start);
                    continue;
                }
                huge().splitHugePmd(r, start);
            }
            zapPte(r, i);
        }
        r.forget(from, to);
        for (int hAt = liveHandles.next(0); hAt < liveHandles.end(); hAt = liveHandles.next(hAt + 1)) {
            Handle h = liveHandles.at(hAt);
            if (h.into(r, from, to)) {
                h.detached = true;
            }
        }
    }

    /** Whether {@link #zapRange} would change anything: an entry to zap, a stamp to forget, a handle to detach. */
    private boolean zapChanges(Region r, long from, long to) {
        long pte = r.ptes.nextNonZero(from);
        long expected = r.expected.nextNonZero(from);
        if (pte >= 0 && pte < to || expected >= 0 && expected < to) {
            return true;
        }
        for (int hAt = liveHandles.next(0); hAt < liveHandles.end(); hAt = liveHandles.next(hAt + 1)) {
            Handle h = liveHandles.at(hAt);
            if (h.into(r, from, to) && !h.detached) {
                return true;
            }
        }
        return false;
    }

    /**
     * The page-cache frame for page i of a file or shmem object: read in if needed, from what was
     * last written out (a shmem page's swap copy) or else the file's contents (zeros for shmem).
     */
    int cachePage(PageCache c, long i) {
        int f = c.frame(i);
        if (f < 0) {
            int stored = c.stored(i);
            f = frames.alloc(PageKind.PAGE_CACHE, stored >= 0 ? stored : c.fill);
            frames.setRef(f, 1);
            c.put(i, f);
            c.readIn(i);
            if (tracing()) {
                tp().cacheRead(c, i, f, stored >= 0);
            }
        }
        return f;
    }

    /**
     * Whether process o may see {@code stamp} (the isolation invariant): a private write by W is
     * visible to O when W is O, or W is O's ancestor and wrote before it forked the child on the way to O.
     */
    boolean visibleTo(Process o, int stamp) {
        if (stamp < 0 || !stamps.privateWrite(stamp)) {
            return true;
        }
        int w = stamps.writer(stamp);
        if (w == o.pid) {
            return true;
        }
        Process c = o;
        while (c.parent >= 0) {
            if (c.parent == w) {
                return stamp < c.forkTime;
            }
            c = byPid.get(c.parent);
        }
        return false;
    }

    /** The stamp a PTE shows: the mapped frame's, or the swapped-out slot's; -1 for none. */
    int stampAt(int pte) {
        if (Pte.isPresent(pte)) {
            return frames.content(Pte.id(pte));
        }
        if (Pte.isSwap(pte)) {
            int s = Pte.id(pte);
            int f = swap.cacheFrame[s];
            return f >= 0 ? frames.content(f) : swap.content[s];
        }
        return -1;
    }

    // ---- the statements ------------------------------------------------------------------

    /** {@code spawn P}: a process with an empty address space. */
    public String spawn(String name) {
        newProcess(name, -1);
        return OK;
    }

    Process newProcess(String name, int parent) {
        if (byPid.size() >= limits.maxProcesses()) {
            throw new ResourceLimitException("process limit reached (" + limits.maxProcesses() + ")");
        }
        Process p = new Process(name, byPid.size(), parent, stamps.next());
        processes.put(name, p);
        lastProcName = null;
        byPid.add(p);
        return p;
    }

    /** {@code file F pages=N fill=V}: a file whose page cache holds V in every page. */
    public String file(String name, long pages, String fill) {
        PageCache c = new PageCache(name, false, pages, stamps.create(fill, Stamps.WRITER_NONE, now, false, -1));
        files.put(name, c);
        return OK;
    }

    /** mmap(): a new region; ENOMEM (fail) when it does not fit in the address space. */
    public String mmap(String proc, String region, String file, boolean shared, boolean writable, long pages,
                       long offset) {
        Process p = live(proc);
        if (p == null) {
            return FAIL;
        }
        long used = 0;
        for (Region r : p.regions) {
            used += r.pages;
        }
        if (pages <= 0 || pages > Limits.ADDRESS_SPACE_PAGES - used) {
            return FAIL;
        }
        PageCache cache;
        if (file != null) {
            cache = files.get(file);
            if (cache == null || offset < 0 || offset + pages > cache.pages) {
                return FAIL;
            }
        } else {
            cache = shared ? new PageCache(region, true, pages, Stamps.ZERO) : null;
        }
        if (cache != null) {
            cache.users++;
        }
        freeName(p, region);
        p.regions.put(region, Region.create(region, regionIds++, p.pid, file == null, shared, cache, offset, pages,
                writable));
        return OK;
    }

    /**
     * A new mapping (mmap, or mremap's target) is about to take this name. The parser frees a name at
     * an munmap or mremap of the whole region, but that may fail at run time (mremap() from a hole is
     * EFAULT), so the process may still map it: then, as on the kernel, whose mmap()/mremap() put the
     * new mapping at a free address (get_unmapped_area()), the old one stays mapped, nameless.
     */
    void freeName(Process p, String region) {
        lastRegionOwner = null;
        String hidden = p.unname(region);
        if (hidden != null && tracing()) {
            tp().unnamed(p, region, hidden);
        }
    }

    /** {@code write P R[i] V}: a user store; faults as needed. */
    public String write(String proc, String region, long i, String value) {
        Process p = live(proc);
        if (p == null) {
            return FAIL;
        }
        Region r = region(p, region);
        if (r == null || i < 0 || i >= r.pages) {
            return SEGV;
        }
        int vm = r.vmas.flagsAt(i);
        if (vm < 0 || (vm & Vmas.VM_WRITE) == 0) {
            return SEGV;
        }
        int pte = r.pte(i);
        for (int tries = 0; !(Pte.isPresent(pte) && Pte.writable(pte)); tries++) {
            if (tries == 3) {
                throw new PolicyFailure("write fault at " + r.describe(i) + " made no progress");
            }
            if (!memory().handleMmFault(p, r, i, org.mmsim.api.FaultFlag.WRITE.mask(), null)) {
                return SIGBUS;
            }
            pte = r.pte(i);
        }
        int stamp = stamp(value, p.pid, !r.shared, Pte.id(pte));
        frames.setContent(Pte.id(pte), stamp);
        if (!Pte.dirty(pte)) {
            r.setPte(i, Pte.mkdirty(pte)); // the MMU sets the dirty bit on a store
        }
        if (!r.shared && provenance) {
            r.expect(i, stamp);
        }
        return OK;
    }

    /** {@code read P R[i]}: a user load; faults in the page as needed. */
    public String read(String proc, String region, long i) {
        Process p = live(proc);
        if (p == null) {
            return FAIL;
        }
        Region r = region(p, region);
        if (r == null || i < 0 || i >= r.pages || r.vmas.flagsAt(i) < 0) {
            return SEGV;
        }
        int pte = r.pte(i);
        if (!Pte.isPresent(pte)) {
            if (!memory().handleMmFault(p, r, i, 0, null)) {
                return SIGBUS;
            }
            pte = r.pte(i);
        }
        return stamps.value(frames.content(Pte.id(pte)));
    }

    /**
     * Whether {@link #read} would change the machine: only through a fault, on a mapped page
     * whose PTE is not present (handle_mm_fault(); a present page is read as it is).
     */
    public boolean readFaults(String proc, String region, long i) {
        Region r = liveRegion(proc, region);
        return r != null && i >= 0 && i < r.pages && r.vmas.flagsAt(i) >= 0 && !Pte.isPresent(r.pte(i));
    }

    /**
     * Whether {@link #write} of {@code value} would change the machine: not when it gets SIGSEGV (no
     * mapping, no VM_WRITE), nor when it stores over the writer's own last store there ({@link #restores}).
     */
    public boolean writeStores(String proc, String region, long i, String value) {
        Region r = liveRegion(proc, region);
        int vm = r == null || i < 0 || i >= r.pages ? -1 : r.vmas.flagsAt(i);
        return vm >= 0 && (vm & Vmas.VM_WRITE) != 0 && !restores(r, i, value);
    }

    /**
     * Whether a write of {@code value} by r's process to page i takes no fault and stores a stamp that
     * differs from the page's only in its number: the PTE is present, writable and dirty (so that it
     * stays as it is), the page holds this process's own store of the value through the same kind of
     * mapping (and, private, the store the process expects there), and no fork came after that store,
     * so that both stores are seen by the same processes ({@link #visibleTo}).
     */
    private boolean restores(Region r, long i, String value) {
        int pte = r.pte(i);
        if (!provenance || !Pte.isPresent(pte) || !Pte.writable(pte) || !Pte.dirty(pte)) {
            return false;
        }
        int s = frames.content(Pte.id(pte));
        if (s < 0 || stamps.writer(s) != r.pid || stamps.privateWrite(s) == r.shared || !stamps.value(s).equals(value)
                || !r.shared && r.expected.get(i) != s + 1) {
            return false;
        }
        for (int k = 0; k < byPid.size(); k++) {
            Process q = byPid.get(k);
            if (q.parent >= 0 && q.forkTime > s) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code munmap P R[i]} would change the machine: not in a hole (one page frees no page table). */
    public boolean munmapChanges(String proc, String region, long i) {
        Process p = live(proc);
        Region r = p == null ? null : p.regions.get(region);
        return r != null && i >= 0 && i < r.pages && (r.vmas.flagsAt(i) >= 0 || r.pte(i) != 0);
    }

    /** Whether {@link #mprotect} of a whole region would change the machine: not when no VMA's flags change. */
    public boolean mprotectChanges(String proc, String region, boolean writable) {
        Region r = liveRegion(proc, region);
        if (r == null) {
            return false;
        }
        long end = r.vmas.firstHole(0, r.pages);
        return r.vmas.wouldChange(0, end, writable ? 0 : Vmas.VM_WRITE, writable ? Vmas.VM_WRITE : 0);
    }

    /**
     * Whether {@link #madvise} of a whole region would change the machine: not when no VMA flag
     * changes (dontfork, dofork), nor when the region has no entry to zap, no expected stamp to
     * forget and no handle to detach (dontneed), nor when it maps no page that reclaim would take
     * (pageout). Other cases (hugetlb, other advice) are said to change it.
     */
    public boolean madviseChanges(String proc, String region, String advice) {
        Region r = liveRegion(proc, region);
        if (r == null) {
            return false;
        }
        if (r.hugetlb()) {
            return true;
        }
        return switch (advice) {
            case "dontfork", "dofork" -> changesVma(r, 0, r.pages, advice);
            case "pageout" -> Reclaim.mayPageOut(this, r);
            case "dontneed" -> zapChanges(r, 0, r.pages);
            default -> true;
        };
    }

    /**
     * Whether {@link #gup} would change the machine: not when it fails before touching anything (a dead
     * process, a handle name taken, no VMA at the page, FOLL_WRITE without VM_WRITE: check_vma_flags()).
     */
    public boolean gupChanges(String proc, String region, long i, boolean write, String handle) {
        Process p = live(proc);
        if (p == null || liveHandles.containsKey(handle)) {
            return false;
        }
        if (liveHandles.size() >= limits.maxHandles()) {
            return true; // it throws: the limit is a finding
        }
        return Gup.vmaRefusal(region(p, region), i, write) == null;
    }

    /** Whether {@link #poke} would change the machine: only through a live R/W handle. */
    public boolean pokeStores(String handle) {
        Handle h = liveHandles.get(handle);
        return h != null && h.write;
    }

    /** {@code fwrite F[i] V}: pwrite(2) updates the page-cache page in place. */
    public String fwrite(String file, long i, String value) {
        PageCache c = files.get(file);
        if (c == null || i < 0 || i >= c.pages) {
            return FAIL;
        }
        int f = cachePage(c, i);
        frames.setContent(f, stamp(value, Stamps.WRITER_NONE, false, f));
        frames.set(f, Frames.PG_DIRTY); // generic_perform_write() marks the folio dirty
        if (tracing()) {
            tp().fileWrite(file, f, value);
        }
        return OK;
    }

    /** {@code fork P C} */
    public String fork(String parent, String child) {
        Process p = live(parent);
        if (p == null || processes.containsKey(child)) {
            return FAIL;
        }
        Process c = newProcess(child, p.pid);
        if (!new Fork(this).copyMm(p, c)) {
            exit(child); // dup_mmap() failed: the child goes before it ever ran
            return FAIL;
        }
        return OK;
    }

    /** {@code exit P}: exit_mmap() tears down every region; handles the process made live on. */
    public String exit(String proc) {
        Process p = live(proc);
        if (p == null) {
            return FAIL;
        }
        if (tracing()) {
            tp().exitMmap(p);
        }
        nest();
        // by slot: dropping a region leaves a hole in its slot, so the walk meets every other
        for (int k = p.regions.next(0); k < p.regions.end(); k = p.regions.next(k + 1)) {
            Region r = p.regions.at(k);
            zapRange(r, 0, r.pages);
            r.punch(0, r.pages);
            dropRegion(p, r);
        }
        unnest();
        p.alive = false;
        return OK;
    }

    /** {@code munmap P R} (index -1) or {@code munmap P R[i]}: unmapping nothing is not an error. */
    public String munmap(String proc, String region, long index) {
        return munmap(proc, region, index, index);
    }

    /** {@code munmap P R[from..to]} (from -1: the whole region); unmapping nothing is not an error. */
    public String munmap(String proc, String region, long first, long last) {
        Process p = live(proc);
        if (p == null) {
            return FAIL;
        }
        Region r = p.regions.get(region);
        if (r == null) {
            return OK;
        }
        long from = Region.rangeStart(first);
        long to = r.rangeEnd(first, last);
        if (from >= to) {
            return OK;
        }
        if (!hugeAligned(r, from, to)) {
            return FAIL; // hugetlb_vm_op_split(): EINVAL
        }
        if (tracing()) {
            tp().munmap(p, r, from, to);
        }
        nest();
        zapRange(r, from, to);
        unnest();
        r.punch(from, to);
        freePgtables(r, from, to);
        if (r.hugetlbReservations != null) {
            hugetlb.unreserve(r.hugetlbPages,
                    r.hugetlbReservations.get((int) (from / r.hugetlbPages), (int) (to / r.hugetlbPages)));
            r.hugetlbReservations.clear((int) (from / r.hugetlbPages), (int) (to / r.hugetlbPages));
        }
        if (r.vmas.isEmpty()) {
            dropRegion(p, r);
        }
        return OK;
    }

    /** Whether [from, to) starts and ends on huge page boundaries, as a hugetlb VMA needs. */
    static boolean hugeAligned(Region r, long from, long to) {
        return !r.hugetlb() || from % r.hugetlbPages == 0 && (to % r.hugetlbPages == 0 || to == r.pages);
    }

    /** free_pgd_range(): page tables wholly inside an unmapped range go (a later fault may map a PMD there). */
    private static void freePgtables(Region r, long from, long to) {
        int first = (int) ((from + r.shift + Thp.PMD_PAGES - 1) >>> Thp.PMD_ORDER);
        int end = (int) ((to + r.shift) >>> Thp.PMD_ORDER);
        if (first < end) {
            r.clearTables(first, end);
        }
    }

    /** The region goes from its process: its reservations, and its object once no region maps it. */
    void dropRegion(Process p, Region r) {
        p.regions.remove(r.name);
        if (keepDropped) {
            (droppedRegions == null ? droppedRegions = new ArrayList<>() : droppedRegions).add(r);
        }
        lastRegionOwner = null;
        hugetlb.unreserve(r.hugetlbPages, r.hugetlbReservations);
        PageCache c = r.cache;
        if (c != null && --c.users == 0 && c.shmem) {
            hugetlb.unreserve(r.hugetlbPages, c.hugetlbReservations);
            // the last mapping of shared anonymous memory is gone: shmem_evict_inode()
            if (tracing()) {
                tp().shmemEvicted(c);
            }
            nest();
            for (long i = c.frames.nextNonZero(0); i >= 0; i = c.frames.nextNonZero(i + 1)) {
                int f = c.frame(i);
                c.put(i, -1);
                putPage(f, 1);
            }
            unnest();
        }
    }

    /**
     * mprotect(): changes the pages up to the first hole and fails (ENOMEM) at the hole, as the
     * kernel does; pages whose protection does not change are left alone (mprotect_fixup()).
     * Write-protecting is immediate (change_pte_range()); making writable maps a page writable at
     * once only where the kernel would: a private anonymous page the policy's
     * can_change_pte_writable() allows, a dirty PTE of a shared file mapping, any PTE of shared
     * memory (shmem needs no write notification).
     */
    public String mprotect(String proc, String region, boolean writable) {
        return mprotect(proc, region, -1, -1, writable);
    }

    /** {@code mprotect P R[first..last] ro|rw} (first -1: the whole region); the VMA splits at the range's ends. */
    public String mprotect(String proc, String region, long first, long last, boolean writable) {
        Region r = liveRegion(proc, region);
        if (r == null) {
            return FAIL;
        }
        long from = Region.rangeStart(first);
        long limit = r.rangeEnd(first, last);
        long end = r.vmas.firstHole(from, limit);
        int clear = writable ? 0 : Vmas.VM_WRITE;
        int set = writable ? Vmas.VM_WRITE : 0;
        // mprotect_fixup(): flags that stay the same split nothing
        boolean changes = r.vmas.wouldChange(from, end, clear, set);
        if (changes) {
            if (!hugeAligned(r, from, end)) {
                return FAIL; // hugetlb_vm_op_split(): EINVAL
            }
            huge().splitAt(r, from);
            huge().splitAt(r, end);
        }
        for (long i = r.ptes.nextNonZero(from); i >= 0 && i < end; i = r.ptes.nextNonZero(i + 1)) {
            int pte = r.pte(i);
            if (Pte.isPresent(pte) && ((r.vmas.flagsAt(i) & Vmas.VM_WRITE) != 0) != writable) {
                if (Pte.isHuge(pte)) {
                    i = changeHuge(r, i, writable);
                } else {
                    changePte(r, i, pte, writable);
                }
            }
        }
        if (tracing() && !changes) {
            tp().mprotectUnchanged(proc, region, writable);
        }
        r.updateVmas(from, end, clear, set);
        return end < limit ? FAIL : OK;
    }

    /**
     * change_huge_pmd() / hugetlb_change_protection() for the whole huge mapping at r[i]: write-
     * protect it; make it writable at once only for shared hugetlb, or for an exclusive THP where
     * can_change_pmd_writable() exists (6.2) and the policy's can_change_pte_writable() agrees.
     * Returns the mapping's last page.
     */
    private long changeHuge(Region r, long i, boolean writable) {
        long start = huge().hugeStart(r, i);
        int head = Pte.id(r.pte(start));
        boolean to = false;
        if (writable && r.hugetlb()) {
            to = r.shared;
        } else if (writable && frames.anon(head) && head != hugeZero && policy.kernel().atLeast(6, 2)) {
            Object[] facts = tracing() ? tp().pageFacts(head) : null;
            Views.ViewSet v = views().ask(Views.Kind.MKWRITE, head, r, start);
            to = decide("can_change_pmd_writable", Policy::canChangePteWritable, v.page, v.vma);
            if (tracing()) {
                tp().decision("can_change_pmd_writable", r.describe(start), facts,
                        to ? "map writable now" : "stay read-only");
            }
        }
        if (!writable || to) {
            huge().setHugeWritable(r, start, to);
        }
        return start + huge().hugePages(r, start) - 1;
    }

    /** change_pte_range() for one present PTE whose VMA changes protection. */
    private void changePte(Region r, long i, int pte, boolean writable) {
        int f = Pte.id(pte);
        if (!writable) {
            r.setPte(i, Pte.wrprotect(pte));
            if (tracing()) {
                tp().writeProtected(r, i, f);
            }
            return;
        }
        if (Pte.writable(pte)) {
            return;
        }
        String why;
        if (r.shared) {
            boolean notify = r.cache != null && !r.cache.shmem;
            if (notify && !Pte.dirty(pte)) {
                if (tracing()) {
                    tp().staysReadOnly(r, i, f);
                }
                return;
            }
            why = notify ? "its PTE is dirty already" : "shared memory needs no write notification";
        } else if (frames.anon(f)) {
            Object[] facts = tracing() ? tp().pageFacts(f) : null;
            Views.ViewSet v = views().ask(Views.Kind.MKWRITE, f, r, i);
            boolean ok = decide("can_change_pte_writable", Policy::canChangePteWritable, v.page, v.vma);
            if (tracing()) {
                tp().decision("can_change_pte_writable", r.describe(i), facts, ok ? "map writable now" : "stay read-only");
            }
            if (!ok) {
                return;
            }
            why = null;
        } else {
            return; // the zeropage or a page-cache page in a private mapping: the next write copies it
        }
        r.setPte(i, Pte.mkwrite(pte));
        if (why != null && tracing()) {
            tp().madeWritable(r, i, f, why);
        }
    }

    /** madvise(): acts on every mapped page; fails (ENOMEM) if the region has a hole. */
    public String madvise(String proc, String region, String advice) {
        return madvise(proc, region, -1, -1, advice);
    }

    /** {@code madvise P R[first..last] ADVICE} (first -1: the whole region); fails (ENOMEM) over a hole. */
    public String madvise(String proc, String region, long first, long last, String advice) {
        Region r = liveRegion(proc, region);
        if (r == null) {
            return FAIL;
        }
        long from = Region.rangeStart(first);
        long to = r.rangeEnd(first, last);
        if (r.hugetlb()) {
            // madvise_dontneed_free_valid_vma() rounds the end down; pageout and collapse refuse hugetlb
            if (advice.equals("dontneed")) {
                to -= to % r.hugetlbPages;
            }
            if (advice.equals("pageout") || advice.equals("collapse")
                    || !hugeAligned(r, from, to) && (advice.equals("dontneed") || changesVma(r, from, to, advice))) {
                return FAIL;
            }
        }
        if (tracing()) {
            tp().madvise(proc, region, advice);
        }
        nest();
        try {
            switch (advice) {
                case "dontneed" -> zapRange(r, from, to);
                case "pageout" -> new Reclaim(this).pageout(r, from, to);
                case "collapse" -> {
                    return collapse(r, from, to);
                }
                default -> changeVmaFlags(r, from, to, advice);
            }
        } finally {
            unnest();
        }
        return r.vmas.firstHole(from, to) < to ? FAIL : OK;
    }

    /**
     * madvise_update_vma(): a VMA flag over [from, to); a PMD across either end is split first, unless
     * no flag changes (then nothing is split).
     */
    private void changeVmaFlags(Region r, long from, long to, String advice) {
        int[] bits = vmaBits(advice);
        if (!r.vmas.wouldChange(from, to, bits[0], bits[1])) {
            return;
        }
        huge().splitAt(r, from);
        huge().splitAt(r, to);
        r.updateVmas(from, to, bits[0], bits[1]);
    }

    private static boolean changesVma(Region r, long from, long to, String advice) {
        int[] bits = vmaBits(advice);
        return r.vmas.wouldChange(from, to, bits[0], bits[1]);
    }

    /** The VMA flags an advice clears and sets. */
    private static int[] vmaBits(String advice) {
        return switch (advice) {
            case "dontfork" -> new int[] {0, Vmas.VM_DONTCOPY};
            case "dofork" -> new int[] {Vmas.VM_DONTCOPY, 0};
            case "hugepage" -> new int[] {Vmas.VM_NOHUGEPAGE, Vmas.VM_HUGEPAGE};
            case "nohugepage" -> new int[] {Vmas.VM_HUGEPAGE, Vmas.VM_NOHUGEPAGE};
            default -> throw new IllegalArgumentException("unknown advice " + advice);
        };
    }

    /** MADV_COLLAPSE (6.1): {@link Khugepaged#madviseCollapse}. */
    private String collapse(Region r, long from, long to) {
        return new Khugepaged(this).madviseCollapse(byPid.get(r.pid), r, from, to) ? OK : FAIL;
    }

    /** {@code thp SIZE MODE}: the sysfs setting of one THP size; faults from now on follow it. */
    public String thp(long pages, String mode) {
        thp.set(Long.numberOfTrailingZeros(pages), mode);
        return OK;
    }

    /** {@code hugetlb SIZE pages=N}: nr_hugepages of that size. */
    public String hugetlbPool(long hugePages, long count) {
        hugetlb.setPool(hugePages, count);
        return OK;
    }

    /**
     * {@code mmap P R hugetlb ...}: MAP_HUGETLB; hugetlb_reserve_pages() reserves every huge page of
     * the mapping (a shared one for its object), and the mapping fails (ENOMEM) when the pool cannot.
     */
    public String mmapHugetlb(String proc, String region, boolean shared, boolean writable, long pages,
                              long hugePages) {
        Process p = live(proc);
        if (p == null || pages <= 0 || pages % hugePages != 0
                || pages > Limits.ADDRESS_SPACE_PAGES - usedPages(p)) {
            return FAIL;
        }
        long n = pages / hugePages;
        if (!hugetlb.reserve(hugePages, n)) {
            return FAIL;
        }
        java.util.BitSet reservations = new java.util.BitSet();
        reservations.set(0, (int) n);
        PageCache cache = null;
        if (shared) {
            cache = new PageCache(region, true, n, Stamps.ZERO);
            cache.hugetlbReservations = reservations;
            cache.users++;
        }
        Region r = Region.create(region, regionIds++, p.pid, true, shared, cache, 0, pages, writable);
        r.hugetlbPages = (int) hugePages;
        r.hugetlbReservations = shared ? null : reservations;
        freeName(p, region);
        p.regions.put(region, r);
        return OK;
    }

    private static long usedPages(Process p) {
        long used = 0;
        for (Region r : p.regions) {
            used += r.pages;
        }
        return used;
    }

    /**
     * {@code mremap P R[first..last] as R2}: move_vma() of those pages to a new region 4 KiB past a
     * 2 MiB boundary, so PMDs in the range are split first (move_huge_pmd() needs alignment); the
     * pages keep their folios, pins and expected values; the source keeps a hole. A hugetlb range
     * must start and end on huge page boundaries and moves as it is.
     */
    public String mremap(String proc, String region, long first, long last, String target) {
        Process p = live(proc);
        Region r = p == null ? null : region(p, region);
        long from = first < 0 ? 0 : first;
        long to = r == null ? 0 : first < 0 ? r.pages : last + 1;
        // check_mremap_params(), vma_lookup(): the first page must be mapped; before 6.17 ("permit
        // mremap() move of multiple VMAs") the whole range must lie in that one VMA (else EFAULT)
        if (r == null || to > r.pages || r.vmas.flagsAt(from) < 0
                || !policy.kernel().atLeast(6, 17) && !r.vmas.within(from, to)
                || r.hugetlb() && (from % r.hugetlbPages != 0 || to % r.hugetlbPages != 0)) {
            return FAIL;
        }
        return new Mremap(this).moveVma(p, r, from, to, target, regionIds++);
    }

    /** {@code folio P R[i]}: what maps that page (none, swap, zero, hugezero, SIZE:pte|pmd|hugetlb). */
    public String folio(String proc, String region, long i) {
        Process p = live(proc);
        if (p == null) {
            return FAIL;
        }
        Region r = region(p, region);
        if (r == null || i < 0 || i >= r.pages || r.vmas.flagsAt(i) < 0) {
            return "none";
        }
        int pte = r.pte(i);
        if (Pte.isSwap(pte)) {
            return "swap";
        }
        if (!Pte.isPresent(pte)) {
            return "none";
        }
        int f = Pte.id(pte);
        Folios.Folio folio = folio(f);
        if (f == zeroPage) {
            return "zero";
        }
        if (folio == null) {
            return "4K:pte";
        }
        if (folio.hugeZero) {
            return "hugezero";
        }
        return Folios.sizeName(folio.nr) + (folio.hugetlb ? ":hugetlb" : Pte.isHuge(pte) ? ":pmd" : ":pte");
    }

    /** {@code same P R[i] Q S[j]}: yes when both map the same present page. */
    public String same(String proc, String region, long i, String otherProc, String otherRegion, long j) {
        if (live(proc) == null || live(otherProc) == null) {
            return FAIL;
        }
        int a = presentFrame(proc, region, i);
        int b = presentFrame(otherProc, otherRegion, j);
        return a >= 0 && a == b ? "yes" : "no";
    }

    /** The frame mapped at that address, or -1. */
    private int presentFrame(String proc, String region, long i) {
        Region r = liveRegion(proc, region);
        if (r == null || i < 0 || i >= r.pages) {
            return -1;
        }
        int pte = r.pte(i);
        return Pte.isPresent(pte) ? Pte.id(pte) : -1;
    }

    /** {@code pin}/{@code get}/{@code vmsplice}/{@code iouring}: a GUP call that creates handle H on success. */
    public String gup(String proc, String region, long i, boolean pin, boolean write, boolean longterm,
                      boolean fast, String handle) {
        Process p = live(proc);
        if (p == null) {
            return FAIL;
        }
        if (liveHandles.containsKey(handle)) {
            return FAIL;
        }
        if (liveHandles.size() >= limits.maxHandles()) {
            throw new ResourceLimitException("handle limit reached (" + limits.maxHandles() + ")");
        }
        Handle h = gup().getUserPages(p, region, region(p, region), i, pin, write, longterm, fast, handle);
        if (h == null) {
            return gup.sigbus ? SIGBUS : FAIL;
        }
        liveHandles.put(handle, h);
        return OK;
    }

    /** {@code peek H}: what the device or pipe reader sees in the page the handle holds. */
    public String peek(String handle) {
        Handle h = liveHandles.get(handle);
        return h == null ? FAIL : stamps.value(frames.content(h.frame));
    }

    /** {@code poke H V}: a device write through a R/W handle. */
    public String poke(String handle, String value) {
        Handle h = liveHandles.get(handle);
        if (h == null || !h.write) {
            return FAIL;
        }
        int stamp = stamp(value, Stamps.WRITER_DEVICE, false, h.frame);
        frames.setContent(h.frame, stamp);
        if (tracing()) {
            tp().deviceWrite(h, value);
        }
        if (provenance && !h.detached && !h.region.shared && byPid.get(h.pid).alive) {
            h.region.expect(h.index, stamp);
        }
        return OK;
    }

    /** {@code release H}: unpin_user_page() / put_page(). */
    public String release(String handle) {
        Handle h = liveHandles.remove(handle);
        if (h == null) {
            return FAIL;
        }
        h.released = true;
        if (keepDropped) {
            (releasedHandles == null ? releasedHandles = new ArrayList<>() : releasedHandles).add(h);
        }
        if (tracing()) {
            tp().released(h);
        }
        // sanity_check_pinned_pages() (b6a2619c60b4): an anonymous page must still be exclusive
        if (h.pin && frames.anon(h.frame) && !frames.test(h.frame, Frames.PG_ANON_EXCLUSIVE)
                && policy.keepsAnonExclusive()) {
            badUnpins.add(new Violation(Violation.UNPIN_NONEXCLUSIVE, "release of " + h.name + " at line " + now, null,
                    "pin " + h.name + " released on " + (h.detached ? "a detached" : "the mapped")
                    + " anonymous page #" + h.frame + " holding '" + stamps.value(frames.content(h.frame))
                    + "' that is no longer exclusive"));
        }
        if (h.pin && h.large) {
            folio(h.frame).pins--; // unpin_user_page() on a large folio: _pincount too
        }
        nest();
        putPage(h.frame, h.refs());
        unnest();
        return OK;
    }

    /**
     * Forgets the unpins of pages no longer exclusive that no invariant check has reported yet:
     * events of the moves that made them, which a state entered to search on from does not carry.
     */
    public void forgetBadUnpins() {
        badUnpins.clear();
    }

    /**
     * {@link #teardown}, keeping the regions it drops and the handles it releases for the next
     * {@link #copyInto} into this machine to make over instead of new ones (the explorer tears down
     * every new state it checks). Only for a machine nothing is copied from: a copy's detached
     * handle refers to its source's region.
     */
    public void teardownForReuse() {
        keepDropped = true;
        try {
            teardown();
        } finally {
            keepDropped = false;
        }
    }

    /** While {@link #teardownForReuse} runs: {@link #dropRegion} and {@link #release} keep what they drop. */
    private boolean keepDropped;
    /** What the last {@link #teardownForReuse} dropped and the next {@link #copyInto} has not made over yet. */
    private ArrayList<Region> droppedRegions;
    private ArrayList<Handle> releasedHandles;

    /** A region {@link #teardownForReuse} dropped with r's id and pid, taken out of the pool; or null. */
    private Region droppedLike(Region r) {
        for (int k = 0; droppedRegions != null && k < droppedRegions.size(); k++) {
            Region d = droppedRegions.get(k);
            if (d.id == r.id && d.pid == r.pid) {
                return takeAt(droppedRegions, k);
            }
        }
        return null;
    }

    /** A handle {@link #teardownForReuse} released under h's name, taken out of the pool; or null. */
    private Handle releasedLike(Handle h) {
        for (int k = 0; releasedHandles != null && k < releasedHandles.size(); k++) {
            Handle d = releasedHandles.get(k);
            if (d.name.equals(h.name)) {
                return takeAt(releasedHandles, k);
            }
        }
        return null;
    }

    /** Entry k of a pool, taken out (the last entry moves into its place: a pool has no order). */
    private static <T> T takeAt(ArrayList<T> pool, int k) {
        T taken = pool.get(k);
        pool.set(k, pool.get(pool.size() - 1));
        pool.remove(pool.size() - 1);
        return taken;
    }

    /** Ends the scenario: every process exits, then every handle is released (do_exit order). */
    public void teardown() {
        for (int k = 0; k < byPid.size(); k++) {
            if (byPid.get(k).alive) {
                exit(byPid.get(k).name);
            }
        }
        // by slot, not a snapshot of the names: a release leaves a hole, and nothing is added meanwhile
        for (int hAt = liveHandles.next(0); hAt < liveHandles.end(); hAt = liveHandles.next(hAt + 1)) {
            release(liveHandles.at(hAt).name);
        }
    }

    /** Drops the one-entry lookup caches: the processes or regions they name may have changed. */
    private void forgetLookups() {
        lastProcName = null;
        lastProc = null;
        lastRegionOwner = null;
        lastRegionName = null;
        lastRegion = null;
    }

    Process live(String name) {
        Process p;
        if (name == lastProcName) {
            p = lastProc;
        } else {
            p = processes.get(name);
            lastProcName = name;
            lastProc = p;
        }
        return p != null && p.alive ? p : null;
    }

    /** The region of p by that name, or null. */
    Region region(Process p, String name) {
        if (p == lastRegionOwner && name == lastRegionName) {
            return lastRegion;
        }
        Region r = p.regions.get(name);
        lastRegionOwner = p;
        lastRegionName = name;
        lastRegion = r;
        return r;
    }

    /** Region {@code region} of the live process {@code proc}; null if there is no such process or region. */
    private Region liveRegion(String proc, String region) {
        Process p = live(proc);
        return p == null ? null : region(p, region);
    }

    /** A question to the policy about one or two views; method references to {@link Policy} fit. */
    @FunctionalInterface
    interface Question<A, B, T> {
        T ask(Policy policy, A a, B b);
    }

    /**
     * Asks the policy, turning what it throws and a null answer into {@link PolicyFailure}. The
     * question is a method reference and the views are passed in, so asking allocates nothing. The
     * views end when it returns: a policy that keeps one fails in the call that uses it.
     */
    <A, B, T> T decide(String what, Question<A, B, T> question, A a, B b) {
        if (tracing()) {
            views().ask(); // what the policy reads and names is only wanted for the trace
        }
        T answer;
        try {
            answer = question.ask(policy, a, b);
        } catch (PolicyFailure e) {
            throw e;
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            throw failure(what, e);
        } finally {
            if (endsViews) {
                Views.end(a); // and b, which is always of the same set
            }
        }
        String misuse = endsViews ? views().misuse() : null; // also when the policy caught the exception
        if (misuse != null) {
            throw endedView(what, misuse);
        }
        if (answer == null) {
            throw new PolicyFailure("policy " + policy.id() + " returned nothing in " + what);
        }
        return answer;
    }

    private PolicyFailure failure(String what, Throwable e) {
        return e instanceof Views.EndedViewException ? endedView(what, e.getMessage())
                : new PolicyFailure("policy " + policy.id() + " threw " + e + " in " + what, e);
    }

    /** {@code policy keeper: WpFault.tryFreeSwap(): view used after the call it was passed to (in try_to_unmap_one)}. */
    private PolicyFailure endedView(String what, String misuse) {
        return new PolicyFailure("policy " + policy.id() + ": " + misuse + " (in " + what + ")");
    }
}
