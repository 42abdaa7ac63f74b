package org.mmsim.core.mm;

/**
 * A named mapping of a process: its kind, its VMAs (with holes where parts were unmapped), its page
 * table, and, for the lost-write invariant, the last value the process stored in each page.
 */
final class Region {
    final String name;
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

    Region(String name, int id, boolean anonymous, boolean shared, PageCache cache, long offset, long pages,
           Vmas vmas, SparseIntArray ptes, SparseIntArray expected) {
        this.name = name;
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

    static Region create(String name, int id, boolean anonymous, boolean shared, PageCache cache, long offset,
                         long pages, boolean writable) {
        return new Region(name, id, anonymous, shared, cache, offset, pages,
                new Vmas(pages, writable ? Vmas.VM_WRITE : 0), new SparseIntArray(pages), new SparseIntArray(pages));
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
