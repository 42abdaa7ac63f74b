package org.mmsim.core.mm;

import org.mmsim.api.FaultFlag;
import org.mmsim.api.ForkDecision;
import org.mmsim.api.PageKind;
import org.mmsim.api.Policy;
import org.mmsim.api.WpDecision;

/**
 * mm/huge_memory.c and the large-folio parts of mm/memory.c: PMD-mapped THPs, mTHP allocation,
 * the huge zeropage, the PMD split and the folio split. A PMD mapping is stored as its 512 entries,
 * each with the huge bit ({@link Pte#huge}); the folio's entire map count and one reference stand
 * for it.
 */
final class HugeMemory {
    private final Machine m;

    HugeMemory(Machine m) {
        this.m = m;
    }

    // ---- where a huge mapping is

    /** The first page of the huge (PMD or hugetlb) mapping that r[i] belongs to. */
    long hugeStart(Region r, long i) {
        int f = Pte.id(r.pte(i));
        return i - (f - m.head(f));
    }

    /** The pages of the huge mapping that r[i] belongs to. */
    int hugePages(Region r, long i) {
        return m.folio(Pte.id(r.pte(i))).nr;
    }

    /**
     * thp_vma_suitable_order() and pte_range_none(): the naturally aligned range of {@code nr} pages
     * around r[i] lies inside one VMA and nothing maps any of it; its first page, or -1.
     */
    long suitable(Region r, long i, int nr) {
        long start = i - Math.floorMod(i + r.shift, nr);
        long end = start + nr;
        if (start < 0 || end > r.pages || !r.vmas.within(start, end)) {
            return -1;
        }
        long used = r.ptes.nextNonZero(start);
        return used >= 0 && used < end ? -1 : start;
    }

    // ---- faults

    /**
     * do_huge_pmd_anonymous_page(): where a PMD could map a THP (an aligned 2 MiB range inside the
     * VMA, no page table yet), a read maps the huge zeropage and a write a new zeroed THP. False when
     * the fault falls back to PTEs.
     */
    boolean doHugePmdAnonymousPage(Region r, long i, boolean write) {
        long start = suitable(r, i, Thp.PMD_PAGES);
        if (start < 0 || r.hasTable(r.block(i))) {
            return false;
        }
        if (!write && m.thp.useZeroPage) {
            int z = hugeZero();
            mapHuge(r, start, z, false, false);
            if (m.tracing()) {
                m.tp().folioEvent("do_huge_pmd_anonymous_page", r.describe(i)
                        + ": read fault, map the huge zeropage by a PMD", r, i, z);
            }
            return true;
        }
        int head = allocAnon(Thp.PMD_PAGES, -1);
        mapHuge(r, start, head, true, true);
        if (m.tracing()) {
            m.tp().folioEvent("do_huge_pmd_anonymous_page", r.describe(i) + ": new exclusive 2M THP "
                    + m.tp().frame(head) + " mapped writable by a PMD", r, i, head);
        }
        return true;
    }

    /**
     * alloc_anon_folio(): the largest allowed mTHP order whose aligned range is free gets a new
     * zeroed folio, every page mapped writable and exclusive by its own PTE. False for order 0.
     */
    boolean allocAnonFolio(Region r, long i, int orders) {
        for (int o = Thp.PMD_ORDER - 1; o >= 2; o--) {
            if ((orders & 1 << o) == 0) {
                continue;
            }
            long start = suitable(r, i, 1 << o);
            if (start < 0) {
                continue;
            }
            int nr = 1 << o;
            int head = allocAnon(nr, -1);
            for (int k = 0; k < nr; k++) {
                m.mapPage(r, start + k, head + k, true, true);
            }
            if (m.tracing()) {
                m.tp().folioEvent("alloc_anon_folio", r.describe(i) + ": new exclusive " + Folios.sizeName(nr)
                        + " folio " + m.tp().frame(head) + ", its " + nr + " pages mapped writable by PTEs", r, i,
                        head);
            }
            return true;
        }
        return false;
    }

    /** A new anonymous large folio of nr pages, every page exclusive, holding zeros or a copy of {@code from}'s. */
    int allocAnon(int nr, int from) {
        int head = m.frames.allocRun(PageKind.ANON, Stamps.ZERO, nr);
        m.folios.add(head, nr, false, false);
        for (int k = 0; k < nr; k++) {
            m.frames.set(head + k, Frames.PG_ANON_EXCLUSIVE);
        }
        if (from >= 0) {
            m.frames.copyContents(from, head, nr);
        }
        return head;
    }

    /** mm_get_huge_zero_folio(): the huge zeropage, made on first use and never freed. */
    int hugeZero() {
        if (m.hugeZero < 0) {
            m.hugeZero = m.frames.allocRun(PageKind.ZERO_PAGE, Stamps.ZERO, Thp.PMD_PAGES);
            m.folios.add(m.hugeZero, Thp.PMD_PAGES, false, true);
            m.frames.setRef(m.hugeZero, 1);
        }
        return m.hugeZero;
    }

    /** set_pmd_at() (or set_huge_pte_at()): map a whole folio at r[start..]; one reference and one entire mapping. */
    void mapHuge(Region r, long start, int head, boolean writable, boolean dirty) {
        Folios.Folio folio = m.folios.at(head);
        m.frames.addRef(head, 1);
        folio.entireMap++;
        folio.mapped(r.pid, 1);
        for (int k = 0; k < folio.nr; k++) {
            r.setPte(start + k, Pte.huge(head + k, writable, dirty));
        }
        r.anonVma |= m.frames.anon(head); // anon_vma_prepare()
    }

    /** Sets or clears the write bit of every entry of the huge mapping at r[start..]. */
    void setHugeWritable(Region r, long start, boolean writable) {
        int nr = hugePages(r, start);
        for (int k = 0; k < nr; k++) {
            int pte = r.pte(start + k);
            r.setPte(start + k, writable ? Pte.mkdirty(Pte.mkwrite(pte)) : Pte.wrprotect(pte));
        }
    }

    /** Sets or clears PG_anon_exclusive on every page of the folio that starts at head. */
    void setExclusive(int head, boolean exclusive) {
        Folios.Folio folio = m.folios.at(head);
        for (int k = 0; k < folio.nr; k++) {
            if (exclusive) {
                m.frames.set(head + k, Frames.PG_ANON_EXCLUSIVE);
            } else {
                m.frames.clear(head + k, Frames.PG_ANON_EXCLUSIVE);
            }
        }
    }

    /** zap_huge_pmd() (or the hugetlb unmap): the whole mapping at r[start..] goes. */
    void zapHuge(Region r, long start) {
        int head = Pte.id(r.pte(start));
        Folios.Folio folio = m.folios.at(head);
        if (m.tracing()) {
            m.tp().folioEvent(folio.hugetlb ? "__unmap_hugepage_range" : "zap_huge_pmd", r.describe(start)
                    + ": unmap the whole " + Folios.sizeName(folio.nr) + " folio " + m.tp().frame(head) + " (refcount "
                    + m.frames.ref(head) + " -> " + (m.frames.ref(head) - 1) + ")", r, start, head);
        }
        for (int k = 0; k < folio.nr; k++) {
            r.setPte(start + k, Pte.NONE);
        }
        folio.entireMap--;
        folio.mapped(r.pid, -1);
        m.nest();
        m.putPage(head, 1);
        m.unnest();
    }

    /**
     * __split_huge_pmd_locked(): the PMD becomes a page table of 512 PTEs with the same write and
     * dirty bits, each holding one reference (the folio stays whole); the huge zeropage's become
     * PTEs of the 4 KiB zeropage.
     */
    void splitHugePmd(Region r, long start) {
        int head = Pte.id(r.pte(start));
        Folios.Folio folio = m.folios.at(head);
        if (m.tracing()) {
            m.tp().folioEvent("__split_huge_pmd", r.describe(start) + ": split the PMD of " + m.tp().frame(head)
                    + " into " + folio.nr + " PTEs", r, start, head);
        }
        folio.entireMap--;
        folio.mapped(r.pid, -1);
        r.markTable(start);
        if (folio.hugeZero) {
            for (int k = 0; k < folio.nr; k++) {
                m.mapPage(r, start + k, m.zeroPage, false, false);
            }
            m.frames.addRef(head, -1);
            return;
        }
        m.frames.addRef(head, folio.nr - 1);
        for (int k = 0; k < folio.nr; k++) {
            int pte = r.pte(start + k);
            m.rmap(r, head + k, 1);
            r.setPte(start + k, Pte.unhuge(pte));
        }
    }

    /** split_huge_pmd_address(): a VMA boundary at page b splits the PMD that maps across it. */
    void splitAt(Region r, long b) {
        if (b > 0 && b < r.pages && Pte.isHuge(r.pte(b)) && !r.hugetlb() && hugeStart(r, b) != b) {
            splitHugePmd(r, hugeStart(r, b));
        }
    }

    /**
     * split_folio(): a PTE-mapped large folio becomes base pages, each keeping its own mappings;
     * refused (false) while anything but those mappings holds it (a pin, a GUP reference).
     */
    boolean splitFolio(Folios.Folio folio) {
        // can_split_folio(): folio_mapcount() (_large_mapcount, no PMD among them) must be every reference
        if (folio.entireMap != 0 || folio.hugetlb || folio.hugeZero || m.frames.ref(folio.head) != folio.mapcount) {
            return false;
        }
        m.folios.remove(folio);
        for (int k = 0; k < folio.nr; k++) {
            int f = folio.head + k;
            m.frames.untail(f);
            int map = m.frames.map(f);
            m.frames.setRef(f, map);
            if (map == 0) {
                m.frames.free(f);
            }
        }
        return true;
    }

    // ---- the PMD write fault

    /**
     * do_huge_pmd_wp_page(): a write or unshare fault on a write-protected PMD. The huge zeropage is
     * replaced by a new THP (before 5.8, and from 6.13 by do_huge_zero_wp_pmd()) or split; an anonymous THP is reused as
     * the policy says, copied whole before 5.8, or else split so that the fault goes on per PTE
     * (3917c80280c9). Returns false when it split the PMD: the caller then handles the PTE.
     */
    boolean doHugePmdWpPage(Region r, long i, long flags) {
        boolean unshare = (flags & FaultFlag.WRITE.mask()) == 0;
        long start = hugeStart(r, i);
        int head = Pte.id(r.pte(start));
        if (head == m.hugeZero) {
            if (!m.policy.kernel().atLeast(5, 8) || m.policy.kernel().atLeast(6, 13)) {
                replaceHuge(r, start, head, -1, true, "do_huge_zero_wp_pmd");
                return true;
            }
            splitHugePmd(r, start);
            return false;
        }
        Views views = m.views();
        Object[] facts = m.tracing() ? m.tp().pageFacts(head) : null;
        WpDecision d = m.decide("do_huge_pmd_wp_page", (policy, wp, unused) -> policy.doHugePmdWpPage(wp),
                views.fault(head, r, start, flags), null);
        boolean copyWhole = !m.policy.kernel().atLeast(5, 8);
        if (m.tracing()) {
            m.tp().decision("do_huge_pmd_wp_page", r.describe(start), facts,
                    d == WpDecision.REUSE ? "reuse" : copyWhole ? "copy the THP" : "split the PMD");
        }
        if (d == WpDecision.REUSE) {
            setExclusive(head, true);
            if (!unshare) {
                setHugeWritable(r, start, true);
                m.counters.reuses++;
            }
            return true;
        }
        if (copyWhole) {
            replaceHuge(r, start, head, head, !unshare, "do_huge_pmd_wp_page");
            return true;
        }
        splitHugePmd(r, start);
        return false;
    }

    /** A new exclusive THP replaces the PMD at r[start..]: zeroed (from -1) or a copy of from's pages. */
    private void replaceHuge(Region r, long start, int old, int from, boolean writable, String event) {
        int head = allocAnon(Thp.PMD_PAGES, from);
        if (m.tracing()) {
            m.tp().folioEvent(event, r.describe(start) + ": new exclusive 2M THP " + m.tp().frame(head)
                    + (from < 0 ? " (zeroed)" : " copied from " + m.tp().frame(old)) + " replaces the PMD", r, start,
                    head);
        }
        remapHuge(r, start, old, head, writable);
    }

    /**
     * The huge mapping at r[start..] moves from folio {@code old} to the new copy {@code head} (a COW
     * of the whole folio): one mapping and one reference of the old one go.
     */
    void remapHuge(Region r, long start, int old, int head, boolean writable) {
        Folios.Folio folio = m.folios.at(old);
        folio.entireMap--;
        folio.mapped(r.pid, -1);
        mapHuge(r, start, head, writable, writable);
        m.counters.copies++;
        m.nest();
        m.putPage(old, 1);
        m.unnest();
    }

    // ---- fork

    /**
     * copy_huge_pmd(): the child shares the PMD write-protected (the huge zeropage as it is), unless
     * the policy wants the THP copied, which splits the parent's PMD so that the PTE copy decides
     * page by page (the huge-page side of 70e806e4e645). Returns false when it split.
     */
    boolean copyHugePmd(Region src, Region dst, long start) {
        int head = Pte.id(src.pte(start));
        if (head != m.hugeZero) {
            Object[] facts = m.tracing() ? m.tp().pageFacts(head) : null;
            Views.ViewSet v = m.views().ask(Views.Kind.FORK, head, src, start);
            ForkDecision d = m.decide("copy_huge_pmd", Policy::copyPresentAnonPte, v.page, v.vma);
            if (m.tracing()) {
                m.tp().decision("copy_huge_pmd", src.describe(start), facts,
                        d == ForkDecision.COPY ? "split the PMD and copy per page" : "share the PMD");
            }
            if (d == ForkDecision.COPY) {
                splitHugePmd(src, start);
                return false;
            }
            setExclusive(head, false);
            setHugeWritable(src, start, false);
        }
        boolean dirty = Pte.dirty(src.pte(start));
        mapHuge(dst, start, head, false, dirty);
        if (m.tracing()) {
            m.tp().folioEvent("copy_huge_pmd", src.describe(start) + ": the child shares the PMD of "
                    + m.tp().frame(head) + ", both write-protected", src, start, head);
        }
        return true;
    }
}
