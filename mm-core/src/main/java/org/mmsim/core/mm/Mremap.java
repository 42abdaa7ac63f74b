package org.mmsim.core.mm;

/** mm/mremap.c: move_vma() of part of a region to a new one, with MREMAP_MAYMOVE|MREMAP_FIXED. */
final class Mremap {
    private final Machine m;

    Mremap(Machine m) {
        this.m = m;
    }

    /**
     * move_vma(): a new region of pages [from, to) of r, placed 4 KiB past a 2 MiB boundary (a
     * hugetlb one on a huge page boundary). move_page_tables() cannot move a PMD to a misaligned
     * address, so every PMD in the range is split first (move_huge_pmd() refuses); then the entries
     * move as they are, and with them what pins and expectations know about the pages.
     */
    String moveVma(Process p, Region r, long from, long to, String target, int id) {
        if (m.tracing()) {
            m.tp().mremap(p, r, from, to, target);
        }
        m.nest();
        if (!r.hugetlb()) {
            for (long i = r.ptes.nextNonZero(from); i >= 0 && i < to; i = r.ptes.nextNonZero(i + 1)) {
                if (Pte.isHuge(r.pte(i))) {
                    m.huge().splitHugePmd(r, m.huge().hugeStart(r, i));
                }
            }
        }
        long n = to - from;
        Region t = new Region(target, id, p.pid, r.anonymous, r.shared, r.cache, r.offset + from, n,
                r.vmas.slice(from, to), new SparseIntArray(n), new SparseIntArray(n));
        t.hugetlbPages = r.hugetlbPages;
        t.anonVma = r.anonVma; // the VMA moves with its anon_vma
        t.shift = r.hugetlb() ? 0 : 1;
        if (r.cache != null) {
            r.cache.users++;
        }
        for (long i = r.ptes.nextNonZero(from); i >= 0 && i < to; i = r.ptes.nextNonZero(i + 1)) {
            int pte = r.pte(i);
            t.setPte(i - from, pte);
            r.setPte(i, Pte.NONE);
            if (Pte.isPresent(pte) && !Pte.isHuge(pte)) {
                t.markTable(i - from);
            }
        }
        for (long i = r.expected.nextNonZero(from); i >= 0 && i < to; i = r.expected.nextNonZero(i + 1)) {
            t.setExpected(i - from, r.expected.get(i));
            r.setExpected(i, 0);
        }
        if (r.hugetlbReservations != null) {
            int a = (int) (from / r.hugetlbPages);
            int b = (int) (to / r.hugetlbPages);
            t.hugetlbReservations = r.hugetlbReservations.get(a, b);
            r.hugetlbReservations.clear(a, b);
        }
        for (Handle h : m.liveHandles.list()) {
            if (h.into(r, from, to) && !h.detached) {
                m.liveHandles.put(h.name, h.moved(t, h.index - from));
            }
        }
        m.freeName(p, target);
        p.regions.put(target, t);
        r.punch(from, to);
        if (r.vmas.isEmpty()) {
            m.dropRegion(p, r);
        }
        m.unnest();
        return Machine.OK;
    }
}
