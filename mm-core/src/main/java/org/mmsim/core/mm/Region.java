package org.mmsim.core.mm;

/**
 * A named mapping of a process: its kind, its VMAs (with holes where parts were unmapped), its page
 * table, and, for the lost-write invariant, the last value the process stored in each page.
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
    final Vmas vmas;
    final SparseIntArray ptes;
    /**
     * Per page, 1 + the stamp this process last stored there (or a device wrote through its pin),
     * for the lost-write invariant; 0 where there is nothing to expect.
     */
    final SparseIntArray expected;
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
    java.util.BitSet tables = new java.util.BitSet();
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
    /** The rest of a copy or a child: what the constructor does not take. */
    Region withShapeOf(Region o) {
        shift = o.shift;
        anonVma = o.anonVma;
        hugetlbUnmapped = o.hugetlbUnmapped;
        hugetlbPages = o.hugetlbPages;
        tables = (java.util.BitSet) o.tables.clone();
        hugetlbReservations = o.hugetlbReservations == null ? null : (java.util.BitSet) o.hugetlbReservations.clone();
        return this;
    }

    /** A page table now exists for page i's block. */
    void markTable(long i) {
        int b = block(i);
        if (b != lastTable) {
            tables.set(b);
            lastTable = b;
        }
    }

    /** Page tables of blocks [from, to) were freed. */
    void clearTables(int from, int to) {
        tables.clear(from, to);
        lastTable = -1;
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
        ptes.set(i, pte);
    }

    /** Records the stamp this process expects to read back at page i. */
    void expect(long i, int stamp) {
        expected.set(i, stamp + 1);
    }

    /** Forgets what to expect in [from, to): the pages were zapped or unmapped. */
    void forget(long from, long to) {
        for (long i = expected.nextNonZero(from); i >= 0 && i < to; i = expected.nextNonZero(i + 1)) {
            expected.set(i, 0);
        }
    }

    String describe(long i) {
        return name + "[" + i + "]";
    }
}
