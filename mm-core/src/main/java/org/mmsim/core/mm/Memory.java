package org.mmsim.core.mm;

import org.mmsim.api.FaultFlag;
import org.mmsim.api.PageKind;
import org.mmsim.api.WpDecision;

/** The fault paths of mm/memory.c: handle_mm_fault() and what it dispatches to. */
final class Memory {
    private final Machine m;

    Memory(Machine m) {
        this.m = m;
    }

    /**
     * handle_mm_fault() / handle_pte_fault(): resolves one fault at r[i]. {@code flags} holds
     * FAULT_FLAG_WRITE for a write fault, or the policy's unshare flag for an unshare fault.
     */
    boolean handleMmFault(Process p, Region r, long i, long flags, FaultFlag unshareFlag) {
        boolean write = (flags & FaultFlag.WRITE.mask()) != 0;
        m.counters.faults++;
        if (!write && unshareFlag != null) {
            m.counters.unshares++;
        }
        if (m.tracing()) {
            m.tp().fault(p, r, i, flags);
        }
        m.nest();
        try {
            return dispatch(r, i, flags, unshareFlag);
        } finally {
            m.unnest();
        }
    }

    /** __handle_mm_fault(): hugetlb_fault(), or the PMD and PTE paths; false for VM_FAULT_SIGBUS. */
    private boolean dispatch(Region r, long i, long flags, FaultFlag unshareFlag) {
        boolean write = (flags & FaultFlag.WRITE.mask()) != 0;
        if (r.hugetlb()) {
            return m.hugetlb.fault(r, i, flags);
        }
        int pte = r.pte(i);
        if (Pte.isNone(pte)) {
            if (r.cache == null) {
                doAnonymousPage(r, i, write);
            } else {
                doFault(r, i, write);
            }
        } else if (Pte.isSwap(pte)) {
            doSwapPage(r, i, pte, flags, unshareFlag);
        } else if (write ? !Pte.writable(pte) : unshareFlag != null) {
            // wp_huge_pmd(), which falls back to the PTE when it split the PMD
            if (!Pte.isHuge(pte) || !m.huge().doHugePmdWpPage(r, i, flags)) {
                doWpPage(r, i, r.pte(i), flags);
            }
        }
        return true;
    }

    /**
     * do_anonymous_page(): where THP is allowed, a PMD-size THP (or the huge zeropage for a read)
     * or an mTHP folio (alloc_anon_folio(), 6.8); otherwise a read maps the shared zeropage and a
     * write gets a fresh exclusive page.
     */
    private void doAnonymousPage(Region r, long i, boolean write) {
        int orders = m.thp.allowedOrders(r.vmas.flagsAt(i));
        if (orders != 0) {
            if (!m.policy.kernel().atLeast(6, 8)) {
                orders &= 1 << Thp.PMD_ORDER; // no mTHP before 19eaf44954df
            }
            if ((orders & 1 << Thp.PMD_ORDER) != 0 && m.huge().doHugePmdAnonymousPage(r, i, write)
                    || write && m.huge().allocAnonFolio(r, i, orders)) {
                return;
            }
        }
        if (!write) {
            m.mapPage(r, i, m.zeroPage, false, false);
            if (m.tracing()) {
                m.tp().anonymousPage(r, i, m.zeroPage, false);
            }
            return;
        }
        int f = m.frames.alloc(PageKind.ANON, Stamps.ZERO);
        m.frames.set(f, Frames.PG_ANON_EXCLUSIVE);
        m.mapPage(r, i, f, true, true);
        if (m.tracing()) {
            m.tp().anonymousPage(r, i, f, true);
        }
    }

    /**
     * do_fault(): do_read_fault() maps the page-cache page, read-only unless the mapping is shared
     * memory (shmem needs no write notification, so its PTEs are writable from the start);
     * do_cow_fault() copies it into a new exclusive anonymous page for a write to a private mapping;
     * do_shared_fault() maps it writable and dirties it.
     */
    private void doFault(Region r, long i, boolean write) {
        int cached = m.cachePage(r.cache, r.offset + i);
        if (!write) {
            boolean writable = r.shared && r.cache.shmem && writableVma(r, i);
            m.mapPage(r, i, cached, writable, false);
            if (m.tracing()) {
                m.tp().readFault(r, i, cached, writable);
            }
            faultAround(r, i, writable);
        } else if (r.shared) {
            m.mapPage(r, i, cached, true, true);
            m.frames.set(cached, Frames.PG_DIRTY);
            if (m.tracing()) {
                m.tp().sharedFault(r, i, cached);
            }
        } else {
            int f = m.frames.alloc(PageKind.ANON, m.frames.content(cached));
            m.frames.set(f, Frames.PG_ANON_EXCLUSIVE);
            m.mapPage(r, i, f, true, true);
            m.counters.copies++;
            if (m.tracing()) {
                m.tp().cowFault(r, i, cached, f);
            }
        }
    }

    /** fault_around_bytes: 64 KiB, the window do_fault_around() maps in one read fault. */
    private static final int FAULT_AROUND_PAGES = 16;

    /**
     * do_fault_around() / filemap_map_pages(): a read fault also maps the pages of its aligned 64 KiB
     * window (inside the VMA and the PMD) that are in the page cache and not mapped yet, with the
     * faulting page's protection.
     */
    private void faultAround(Region r, long i, boolean writable) {
        long start = Math.max(0, i - Math.floorMod(i + r.shift, FAULT_AROUND_PAGES));
        long end = Math.min(r.pages, start + FAULT_AROUND_PAGES);
        for (long j = start; j < end; j++) {
            long index = r.offset + j;
            if (j == i || !Pte.isNone(r.pte(j)) || r.block(j) != r.block(i) || index >= r.cache.pages
                    || !r.vmas.within(Math.min(i, j), Math.max(i, j) + 1) || !r.cache.cached(index)) {
                continue;
            }
            int f = m.cachePage(r.cache, index);
            m.mapPage(r, j, f, writable, false);
            if (m.tracing()) {
                m.tp().faultAround(r, j, f);
            }
        }
    }

    private static boolean writableVma(Region r, long i) {
        return (r.vmas.flagsAt(i) & Vmas.VM_WRITE) != 0;
    }

    /**
     * do_swap_page(): maps the swap-cache frame, or reads the slot into a new one, and frees the swap
     * entry. From 5.19 (c145e0b47c77) it decides reuse itself: a page whose swap PTE says exclusive,
     * or that nobody else holds, is mapped exclusive, writable on a write fault (with no do_wp_page),
     * and from 6.11 writable even on a read fault when the VMA allows. Before, and for pages that may
     * be shared, it maps read-only and a write or unshare fault continues in do_wp_page().
     */
    private void doSwapPage(Region r, long i, int pte, long flags, FaultFlag unshareFlag) {
        int s = Pte.id(pte);
        boolean exclusive = Pte.swapExclusive(pte);
        int f = m.swap.cacheFrame[s];
        if (f < 0) {
            f = m.frames.alloc(PageKind.ANON, m.swap.content[s]);
            m.frames.set(f, Frames.PG_SWAPCACHE);
            m.frames.setSlot(f, s);
            m.frames.setRef(f, 1);
            m.swap.cacheFrame[s] = f;
            if (m.tracing()) {
                m.tp().swapIn(r, i, s, f, true);
            }
        } else if (m.tracing()) {
            m.tp().swapIn(r, i, s, f, false);
        }
        m.mapPage(r, i, f, false, false);
        m.swap.count[s]--;
        boolean write = (flags & FaultFlag.WRITE.mask()) != 0;
        // should_try_to_free_swap(): a write fault on a page nobody else holds leaves the swap cache
        if (write && m.swap.count[s] == 0 && m.ref(f) == 2) {
            m.tryFreeSwap(f);
        }
        boolean mine = m.frames.anon(f) && (exclusive || m.ref(f) == 1);
        if (mine) {
            m.frames.set(f, Frames.PG_ANON_EXCLUSIVE);
        }
        if (mine && m.policy.kernel().atLeast(5, 19)) {
            boolean writable = write || m.policy.kernel().atLeast(6, 11) && writableVma(r, i);
            if (writable) {
                r.setPte(i, Pte.present(f, true, write));
            }
            if (write) {
                m.counters.reuses++; // resolved by reusing the page, in do_swap_page() itself
            }
            if (m.tracing()) {
                m.tp().swapPageMapped(r, i, f, exclusive, writable, write);
            }
            if (write || unshareFlag == null) {
                return;
            }
        } else if (m.tracing()) {
            m.tp().swapPageShared(r, i, f, mine);
        }
        if (write || unshareFlag != null) {
            doWpPage(r, i, r.pte(i), flags);
        }
    }

    /**
     * do_wp_page(): a write (or unshare) fault on a write-protected present page. Shared mappings
     * just become writable (wp_page_shared); the zeropage and page-cache pages of a private mapping
     * are always copied; for an anonymous page the policy chooses wp_page_reuse or wp_page_copy.
     */
    void doWpPage(Region r, long i, int pte, long flags) {
        boolean unshare = (flags & FaultFlag.WRITE.mask()) == 0;
        int f = Pte.id(pte);
        if (r.shared) {
            wpPageShared(r, i, pte, unshare);
        } else if (!m.frames.anon(f)) {
            if (m.tracing()) {
                m.tp().wpNotAnon(r, i, f);
            }
            wpPageCopy(r, i, f, unshare);
        } else if (askDoWpPage(r, i, f, flags) == WpDecision.REUSE) {
            wpPageReuse(r, i, f, unshare);
        } else {
            wpPageCopy(r, i, f, unshare);
        }
    }

    /** wp_page_shared(): a shared mapping just becomes writable, and the page dirty. */
    private void wpPageShared(Region r, long i, int pte, boolean unshare) {
        if (unshare) {
            throw new PolicyFailure("policy " + m.policy.id() + " asked to unshare " + r.describe(i)
                    + " in a shared mapping");
        }
        int f = Pte.id(pte);
        r.setPte(i, Pte.mkdirty(Pte.mkwrite(pte)));
        m.frames.set(f, Frames.PG_DIRTY);
        if (m.tracing()) {
            m.tp().wpShared(r, i, f);
        }
    }

    /** The policy's do_wp_page() answer for the anonymous page f at r[i]. */
    private WpDecision askDoWpPage(Region r, long i, int f, long flags) {
        Views views = m.views();
        Object[] facts = m.tracing() ? m.tp().pageFacts(f) : null;
        Views.Fault fault = views.fault(f, r, i, flags);
        WpDecision d = m.decide("do_wp_page", (policy, wp, unused) -> policy.doWpPage(wp), fault, null);
        if (m.tracing()) {
            m.tp().decision("do_wp_page", r.describe(i), facts, d == WpDecision.REUSE ? "reuse" : "copy");
        }
        return d;
    }

    /** wp_page_reuse(): the page is ours alone; mark it exclusive, and writable unless unsharing. */
    private void wpPageReuse(Region r, long i, int f, boolean unshare) {
        m.frames.set(f, Frames.PG_ANON_EXCLUSIVE);
        if (!unshare) {
            r.setPte(i, Pte.mkdirty(Pte.mkwrite(r.pte(i))));
            m.counters.reuses++;
        }
        if (m.tracing()) {
            m.tp().wpReuse(r, i, f, unshare);
        }
    }

    /** wp_page_copy(): a new exclusive anonymous copy replaces the page; unshare keeps it read-only. */
    private void wpPageCopy(Region r, long i, int old, boolean unshare) {
        int f = m.frames.alloc(PageKind.ANON, m.frames.content(old));
        m.frames.set(f, Frames.PG_ANON_EXCLUSIVE);
        m.rmap(r, old, -1);
        m.frames.setRef(f, 1);
        m.frames.setMap(f, 1);
        r.setPte(i, Pte.present(f, !unshare, !unshare));
        r.anonVma = true; // anon_vma_prepare() in wp_page_copy()
        if (m.tracing()) {
            m.tp().wpCopy(r, i, old, f, unshare);
        }
        m.counters.copies++;
        m.nest();
        m.putPage(old, 1);
        m.unnest();
    }
}
