package org.mmsim.core.mm;

import java.util.ArrayList;
import java.util.List;

/**
 * The whole machine at one moment, as plain values: processes with their page-table entries,
 * frames, swap slots, files and handles. What {@code run --state} prints and the report's diagrams
 * draw; taking it changes nothing.
 *
 * @param exclusiveFlag whether the policy keeps PG_anon_exclusive (else the exclusive bits mean nothing)
 */
public record MachineState(boolean exclusiveFlag, List<ProcessState> processes, List<FrameState> frames,
                           List<FolioState> folios, List<SlotState> swap, List<FileState> files,
                           List<HandleState> handles) implements java.io.Serializable {

    /** A process; {@code parent} is null for a spawned one. */
    public record ProcessState(String name, int pid, String parent, boolean alive, List<RegionState> regions) implements java.io.Serializable {}

    /**
     * A mapping: {@code kind} is {@code anon private}, {@code anon shared}, {@code file F private} or
     * {@code file F shared}; {@code vmas} the mapped ranges with their protection.
     */
    public record RegionState(String name, String kind, long pages, long offset, List<VmaState> vmas,
                              List<PteState> ptes) implements java.io.Serializable {}

    /** Pages [start, end) of a region, writable or not, and whether fork leaves them out (MADV_DONTFORK). */
    public record VmaState(long start, long end, boolean writable, boolean dontfork) implements java.io.Serializable {}

    /**
     * A page-table entry that is not none: {@code present} with its frame, write and dirty bits, or
     * {@code swap} with its slot and exclusive bit; {@code huge} when a PMD (or a hugetlb entry) maps
     * the page as part of its whole folio.
     */
    public record PteState(long index, String state, int frame, int slot, boolean writable, boolean dirty,
                           boolean exclusive, boolean huge) implements java.io.Serializable {}

    /**
     * An allocated frame: kind ({@code anon}, {@code page-cache}, {@code zeropage}, {@code huge
     * zeropage}), content, counts (a page of a large folio: its folio's reference count; its map
     * count is page_mapcount(), the entire mappings included), the pins among its references, and its
     * flags; {@code slot} is its swap slot while in the swap cache (else -1); {@code cacheOf} names the
     * file or shmem page it caches; {@code folio} is the head frame of its large folio, or -1.
     */
    public record FrameState(int id, String kind, String content, int refcount, int mapcount, int pins,
                             boolean exclusive, boolean swapCache, int slot, boolean dirty, String cacheOf,
                             int folio) implements java.io.Serializable {}

    /**
     * A large folio: frames [head, head + pages), its size as the language writes it, whether it is a
     * hugetlb page or the huge zeropage, its one reference count, folio_mapcount() (every PTE and
     * entire mapping), the entire (PMD) map count, _pincount, and the processes mapping it.
     */
    public record FolioState(int head, int pages, String size, boolean hugetlb, boolean hugeZero, int refcount,
                             int mapcount, int entireMapCount, int pins, List<String> mappedBy) implements java.io.Serializable {}

    /** A swap slot in use: how many swap entries name it, the swap-cache frame (or -1), what it holds. */
    public record SlotState(int slot, int count, int cacheFrame, String content) implements java.io.Serializable {}

    /** A file or shmem object: its page-cache pages, and what pages were last written out with. */
    public record FileState(String name, boolean shmem, long pages, List<CachedPage> cached,
                            List<StoredPage> stored) implements java.io.Serializable {}

    /** Page {@code index} of a file or shmem object is in the page cache as {@code frame}. */
    public record CachedPage(long index, int frame) implements java.io.Serializable {}

    /** Page {@code index} was last written out holding {@code content} (a shmem page's swap copy). */
    public record StoredPage(long index, String content) implements java.io.Serializable {}

    /** A live GUP handle: what it holds and where it was taken. */
    public record HandleState(String name, boolean pin, boolean write, boolean longterm, int frame, String process,
                              String page, boolean detached) implements java.io.Serializable {}

    static MachineState of(Machine m) {
        List<ProcessState> procs = new ArrayList<>();
        List<PageCache> caches = new ArrayList<>(m.files.list());
        for (Process p : m.byPid) {
            List<RegionState> regions = new ArrayList<>();
            for (Region r : p.regions) {
                if (r.cache != null && r.cache.shmem && !caches.contains(r.cache)) {
                    caches.add(r.cache);
                }
                List<PteState> ptes = new ArrayList<>();
                for (long i = r.ptes.nextNonZero(0); i >= 0; i = r.ptes.nextNonZero(i + 1)) {
                    int pte = r.pte(i);
                    boolean present = Pte.isPresent(pte);
                    ptes.add(new PteState(i, present ? "present" : "swap", present ? Pte.id(pte) : -1,
                            present ? -1 : Pte.id(pte), Pte.writable(pte), Pte.dirty(pte), Pte.swapExclusive(pte),
                            Pte.isHuge(pte)));
                }
                String kind = (r.cache == null || r.cache.shmem ? "anon" : "file " + r.cache.name) + " "
                        + (r.shared ? "shared" : "private");
                regions.add(new RegionState(r.name, kind, r.pages, r.offset, r.vmas.ranges(), ptes));
            }
            procs.add(new ProcessState(p.name, p.pid, p.parent < 0 ? null : m.byPid.get(p.parent).name, p.alive,
                    regions));
        }
        int n = m.frames.highWater();
        int[] pins = new int[n];
        for (Handle h : m.liveHandles) {
            if (h.pin) {
                pins[h.frame]++;
            }
        }
        String[] cacheOf = new String[n];
        List<FileState> files = new ArrayList<>();
        for (PageCache c : caches) {
            List<CachedPage> cached = new ArrayList<>();
            for (long i = c.frames.nextNonZero(0); i >= 0; i = c.frames.nextNonZero(i + 1)) {
                cached.add(new CachedPage(i, c.frame(i)));
                cacheOf[c.frame(i)] = c.name + "[" + i + "]";
            }
            List<StoredPage> stored = new ArrayList<>();
            for (long i = c.stored.nextNonZero(0); i >= 0; i = c.stored.nextNonZero(i + 1)) {
                stored.add(new StoredPage(i, m.stamps.value(c.stored(i))));
            }
            files.add(new FileState(c.name, c.shmem, c.pages, cached, stored));
        }
        List<FrameState> frames = new ArrayList<>();
        for (int f = 0; f < n; f++) {
            if (m.frames.isAllocated(f)) {
                Folios.Folio folio = m.folio(f);
                frames.add(new FrameState(f, m.kindName(f), m.stamps.value(m.frames.content(f)), m.ref(f),
                        m.mapCount(f), pins[f], m.frames.anon(f) && m.frames.test(f, Frames.PG_ANON_EXCLUSIVE),
                        m.frames.test(f, Frames.PG_SWAPCACHE), m.frames.slot(f), m.frames.test(f, Frames.PG_DIRTY),
                        cacheOf[f], folio == null ? -1 : folio.head));
            }
        }
        List<FolioState> folios = new ArrayList<>();
        for (Folios.Folio folio : m.folios.all()) {
            List<String> by = new ArrayList<>();
            for (int pid : folio.mappers()) {
                by.add(m.byPid.get(pid).name);
            }
            folios.add(new FolioState(folio.head, folio.nr, Folios.sizeName(folio.nr), folio.hugetlb, folio.hugeZero,
                    m.frames.ref(folio.head), folio.mapcount, folio.entireMap, folio.pins, by));
        }
        folios.sort(java.util.Comparator.comparingInt(FolioState::head));
        List<SlotState> slots = new ArrayList<>();
        for (int s = 0; s < m.swap.highWater(); s++) {
            if (m.swap.used[s]) {
                int f = m.swap.cacheFrame[s];
                slots.add(new SlotState(s, m.swap.count[s], f, m.stamps.value(f >= 0 ? m.frames.content(f)
                        : m.swap.content[s])));
            }
        }
        List<HandleState> handles = new ArrayList<>();
        for (Handle h : m.liveHandles) {
            handles.add(new HandleState(h.name, h.pin, h.write, h.longterm, h.frame, m.byPid.get(h.pid).name,
                    h.region.describe(h.index), h.detached));
        }
        return new MachineState(m.policy.keepsAnonExclusive(), procs, frames, folios, slots, files, handles);
    }
}
