package org.mmsim.core.mm;

/**
 * A named mapping of a process: its kind, its VMAs (with holes where parts were unmapped), its page
 * table, and, for the lost-write invariant, the last value the process stored in each page. A
 * machine copy's region shares these with the original until either changes one: every change
 * goes through a method here that first swaps a shared one for a copy of its own (the shared ones
 * refuse writes, so a change that bypasses these methods fails loudly).
 */
final class Region {
    /** What statements call it; changed only by {@link Process#unname}, for a mapping that lost its name. */
    String name;
    /** The process whose address space holds the region (MM owner tracking of large folios). */
    final int pid;
    /** Unique per machine; pins refer to a region by this, so a remapped name is a new address. */
    final int id;
    final boolean anonymous;
    final boolean shared;
    /** The file or shmem object behind the mapping; null for private anonymous memory. */
    final PageCache cache;
    final long offset;
    final long pages;
    /** Read-only here: changes go through {@link #punch} and {@link #updateVmas}. */
    Vmas vmas;
    /** Read-only here: changes go through {@link #setPte}. */
    SparseIntArray ptes;
    /**
     * Per page, 1 + the stamp this process last stored there (or a device wrote through its pin),
     * for the lost-write invariant; 0 where there is nothing to expect. Read-only here: changes go
     * through {@link #expect}, {@link #setExpected} and {@link #forget}.
     */
    SparseIntArray expected;
    /** This region's own {@link #ptes} and {@link #expected} from before its last copy, or null: see {@link SparseIntArray#writable(SparseIntArray)}. */
    private SparseIntArray sparePtes;
    private SparseIntArray spareExpected;
    /** Pages from the last 2 MiB boundary to the region's start: 0, or 1 for a region mremap created. */
    int shift;
    /**
     * vma->anon_vma: an anonymous page was mapped here once (not the zeropage, not page cache). Without
     * one, fork copies no page table entries: the child faults the pages in (vma_needs_copy()).
     */
    boolean anonVma;
    /** The huge page size in pages of a hugetlb region (512 or 262144); 0 otherwise. */
    int hugetlbPages;
    /**
     * The 2 MiB blocks that have a page table (a PMD neither none nor huge): a fault there gets no
     * PMD-mapped THP (__handle_mm_fault() tries create_huge_pmd() only on pmd_none()).
     */
    private java.util.BitSet tables = NO_TABLES;
    /** {@link #tables} may be another region's too (a copy's, or {@link #NO_TABLES}): a change copies it first. */
    private boolean tablesShared = true;
    /** Every new region's tables until it gets one: shared, so never written. */
    private static final java.util.BitSet NO_TABLES = new java.util.BitSet();
    /** The block {@link #markTable} set last: a run of faults in one block sets its bit once. */
    private int lastTable = -1;
    /**
     * HPAGE_RESV_UNMAPPED: the mapping's owner took a huge page back from this child (unmap_ref_private());
     * a fault that needs one here is SIGBUS.
     */
    boolean hugetlbUnmapped;
    /** The huge pages of a private hugetlb region still reserved for it (by huge page index); null otherwise. */
    java.util.BitSet hugetlbReservations;

    Region(String name, int id, int pid, boolean anonymous, boolean shared, PageCache cache, long offset, long pages,
           Vmas vmas, SparseIntArray ptes, SparseIntArray expected) {
        this.name = name;
        this.pid = pid;
        this.id = id;
        this.anonymous = anonymous;
        this.shared = shared;
        this.cache = cache;
        this.offset = offset;
        this.pages = pages;
        this.vmas = vmas;
        this.ptes = ptes;
        this.expected = expected;
    }

    static Region create(String name, int id, int pid, boolean anonymous, boolean shared, PageCache cache, long offset,
                         long pages, boolean writable) {
        return new Region(name, id, pid, anonymous, shared, cache, offset, pages,
                new Vmas(pages, writable ? Vmas.VM_WRITE : 0), new SparseIntArray(pages), new SparseIntArray(pages));
    }
    /**
     * This region in a machine copy, over {@code cache} (the copy's object); shares what it can until
     * written. It is {@code before}, what the copy held in its place, made over if that is the same
     * mapping (the explorer copies into the same machine again and again), else a new one.
     */
    Region copy(PageCache cache, Region before) {
        Region c = before != null && before.id == id && before.pid == pid && before.cache == cache
                && before.anonymous == anonymous && before.shared == shared && before.offset == offset
                && before.pages == pages ? before : new Region(name, id, pid, anonymous, shared, cache, offset, pages,
                null, null, null);
        if (c == before) {
            c.sparePtes = c.ptes.shared() ? c.sparePtes : c.ptes;
            c.spareExpected = c.expected.shared() ? c.spareExpected : c.expected;
        }
        c.name = name;
        c.vmas = vmas.share();
        c.ptes = ptes.share();
        c.expected = expected.share();
        return c.withShapeOf(this);
    }

    /** The rest of a copy: what the constructor does not take. */
    private Region withShapeOf(Region o) {
        lastTable = -1;
        shift = o.shift;
        anonVma = o.anonVma;
        hugetlbUnmapped = o.hugetlbUnmapped;
        hugetlbPages = o.hugetlbPages;
        tables = o.tables;
        tablesShared = true;
        o.tablesShared = true;
        hugetlbReservations = o.hugetlbReservations == null ? null : (java.util.BitSet) o.hugetlbReservations.clone();
        return this;
    }

    /** Whether block b has a page table. */
    boolean hasTable(int b) {
        return tables.get(b);
    }

    /** A page table now exists for page i's block. */
    void markTable(long i) {
        int b = block(i);
        if (b != lastTable) {
            if (!tables.get(b)) {
                ownTables().set(b);
            }
            lastTable = b;
        }
    }

    /**
     * The blocks that have a page table, as a hash (the explorer's state hash); 0 for a region too
     * small for an aligned 2 MiB range, where nothing reads them: only a PMD-sized THP fault and
     * MADV_COLLAPSE ask whether a block has a page table, and only for a whole such range.
     */
    int tablesHash() {
        return pages < Thp.PMD_PAGES ? 0 : tables.hashCode();
    }

    /** Page tables of blocks [from, to) were freed. */
    void clearTables(int from, int to) {
        ownTables().clear(from, to);
        lastTable = -1;
    }

    private java.util.BitSet ownTables() {
        if (tablesShared) {
            tables = (java.util.BitSet) tables.clone();
            tablesShared = false;
        }
        return tables;
    }

    /** The first page a statement's range names: {@code first}, or 0 for the whole region (first -1). */
    static long rangeStart(long first) {
        return first < 0 ? 0 : first;
    }

    /** The page after a statement's range {@code [first..last]} (first -1: the whole region), within the region. */
    long rangeEnd(long first, long last) {
        return first < 0 ? pages : Math.min(last + 1, pages);
    }

    /** The 2 MiB block of page i (the PMD that maps it). */
    int block(long i) {
        return (int) ((i + shift) >>> 9);
    }

    boolean hugetlb() {
        return hugetlbPages > 0;
    }

    int pte(long i) {
        return ptes.get(i);
    }

    void setPte(long i, int pte) {
        if (ptes.shared()) {
            ptes = ptes.writable(sparePtes);
            sparePtes = null;
        }
        ptes.set(i, pte);
    }

    /** Records the stamp this process expects to read back at page i. */
    void expect(long i, int stamp) {
        setExpected(i, stamp + 1);
    }

    /** Sets page i's entry of {@link #expected} as it stores it: 1 + the stamp, or 0. */
    void setExpected(long i, int entry) {
        if (expected.shared()) {
            expected = expected.writable(spareExpected);
            spareExpected = null;
        }
        expected.set(i, entry);
    }

    /** Forgets what to expect in [from, to): the pages were zapped or unmapped. */
    void forget(long from, long to) {
        for (long i = expected.nextNonZero(from); i >= 0 && i < to; i = expected.nextNonZero(i + 1)) {
            setExpected(i, 0);
        }
    }

    /** Removes [from, to) from the VMAs (munmap). */
    void punch(long from, long to) {
        vmas = vmas.writable();
        vmas.punch(from, to);
    }

    /** Sets and clears VMA flag bits over [from, to) (mprotect, madvise). */
    void updateVmas(long from, long to, int clear, int set) {
        vmas = vmas.writable();
        vmas.update(from, to, clear, set);
    }

    String describe(long i) {
        return name + "[" + i + "]";
    }
}
