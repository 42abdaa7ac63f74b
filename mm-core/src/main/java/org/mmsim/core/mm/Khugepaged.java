package org.mmsim.core.mm;

/**
 * mm/khugepaged.c as MADV_COLLAPSE (6.1) drives it: madvise_collapse(), hpage_collapse_scan_pmd(),
 * __collapse_huge_page_isolate() and collapse_huge_page(). The sysfs settings do not matter here;
 * shared pages are allowed (max_ptes_shared binds khugepaged only); PG_anon_exclusive is not read.
 */
final class Khugepaged {
    private final Machine m;

    Khugepaged(Machine m) {
        this.m = m;
    }

    /**
     * madvise_collapse(): every aligned 2 MiB range wholly inside [from, to) ends PMD-mapped, or
     * false (the errno of the last range that failed): kernels before 6.1 know no such advice,
     * MADV_NOHUGEPAGE, file and hugetlb mappings refuse (EINVAL).
     */
    boolean madviseCollapse(Process p, Region r, long from, long to) {
        if (!m.policy.kernel().atLeast(6, 1) || r.cache != null || r.hugetlb() || !eligible(r, from)) {
            return false;
        }
        boolean ok = true;
        long first = from + Math.floorMod(-(from + r.shift), Thp.PMD_PAGES);
        long last = to - Math.floorMod(to + r.shift, Thp.PMD_PAGES);
        if (first > last) {
            return false; // hstart past hend: the count of ranges is not 0, and nothing ran (EINVAL)
        }
        for (long b = first; b + Thp.PMD_PAGES <= to; b += Thp.PMD_PAGES) {
            int vm = r.vmas.flagsAt(b);
            if (vm < 0 || (vm & Vmas.VM_NOHUGEPAGE) != 0 || !r.vmas.within(b, b + Thp.PMD_PAGES)) {
                return false;
            }
            String why = collapse(p, r, b);
            if (why != null) {
                ok = false;
                if (m.tracing()) {
                    m.tp().folioEvent("hpage_collapse_scan_pmd", r.describe(b) + ": " + why, r, b, -1);
                }
            }
        }
        return ok;
    }

    /**
     * thp_vma_allowable_order(TVA_FORCED_COLLAPSE): the VMA at page i is not MADV_NOHUGEPAGE, has an
     * anon_vma (__thp_vma_allowable_orders() allows a VMA without one only at a fault), and can hold
     * an aligned 2 MiB range (checked at the one ending at its end).
     */
    private static boolean eligible(Region r, long i) {
        if (!r.anonVma) {
            return false;
        }
        int vm = r.vmas.flagsAt(i);
        long end = r.vmas.vmaEnd(i);
        long last = end - Math.floorMod(end + r.shift, Thp.PMD_PAGES) - Thp.PMD_PAGES;
        return vm >= 0 && (vm & Vmas.VM_NOHUGEPAGE) == 0 && last >= r.vmas.vmaStart(i);
    }

    /** One aligned range: null when it ends PMD-mapped, else why not. */
    private String collapse(Process p, Region r, long b) {
        long end = b + Thp.PMD_PAGES;
        int first = r.pte(b);
        if (Pte.isHuge(first)) {
            return null; // SCAN_PMD_MAPPED: already a THP (or the huge zeropage)
        }
        long used = r.ptes.nextNonZero(b);
        if (!r.hasTable(r.block(b)) && (used < 0 || used >= end)) {
            return "SCAN_PMD_NONE: nothing was ever mapped here";
        }
        // __collapse_huge_page_swapin(): swapped-out pages come back first
        for (long i = used; i >= 0 && i < end; i = r.ptes.nextNonZero(i + 1)) {
            if (Pte.isSwap(r.pte(i))) {
                m.memory().handleMmFault(p, r, i, 0, null);
            }
        }
        boolean writable = false;
        for (long i = r.ptes.nextNonZero(b); i >= 0 && i < end; i = r.ptes.nextNonZero(i + 1)) {
            int pte = r.pte(i);
            int f = Pte.id(pte);
            if (f == m.zeroPage) {
                continue;
            }
            if (!m.frames.anon(f)) {
                return "SCAN_PAGE_ANON: not an anonymous page";
            }
            // folio_expected_ref_count(): every reference must be a mapping, so a pin or GUP reference blocks
            Folios.Folio folio = m.folio(f);
            int maps = folio == null ? m.frames.map(f) : m.folioMapCount(folio);
            int cache = m.frames.test(f, Frames.PG_SWAPCACHE) ? 1 : 0;
            if (m.ref(f) != maps + cache) {
                return "SCAN_PAGE_COUNT: someone else holds " + r.describe(i) + ": EAGAIN";
            }
            writable |= Pte.writable(pte);
        }
        // SCAN_PAGE_RO: before 6.18 one PTE at least must be writable
        if (!writable && !m.policy.kernel().atLeast(6, 18)) {
            return "SCAN_PAGE_RO: no writable PTE";
        }
        int head = m.huge().allocAnon(Thp.PMD_PAGES, -1);
        for (long i = r.ptes.nextNonZero(b); i >= 0 && i < end; i = r.ptes.nextNonZero(i + 1)) {
            m.frames.setContent(head + (int) (i - b), m.stampAt(r.pte(i)));
        }
        boolean vmWrite = (r.vmas.flagsAt(b) & Vmas.VM_WRITE) != 0;
        if (m.tracing()) {
            m.tp().folioEvent("collapse_huge_page", r.describe(b) + ": the pages are copied into a new exclusive 2M "
                    + "THP " + m.tp().frame(head), r, b, head);
        }
        int[] expected = new int[Thp.PMD_PAGES]; // the values stay what they were: so do the expectations
        for (int k = 0; k < expected.length; k++) {
            expected[k] = r.expected.get(b + k);
        }
        m.nest();
        m.zapRange(r, b, end);
        m.unnest();
        for (int k = 0; k < expected.length; k++) {
            r.setExpected(b + k, expected[k]);
        }
        r.clearTables(r.block(b), r.block(b) + 1);
        m.huge().mapHuge(r, b, head, vmWrite, vmWrite);
        return null;
    }
}
