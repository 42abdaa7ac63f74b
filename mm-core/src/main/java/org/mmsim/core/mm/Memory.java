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
    void handleMmFault(Process p, Region r, long i, long flags, FaultFlag unshareFlag) {
        boolean write = (flags & FaultFlag.WRITE.mask()) != 0;
        m.counters.faults++;
        if (!write && unshareFlag != null) {
            m.counters.unshares++;
        }
        if (m.tracing()) {
            m.trace("  fault " + p.name + " " + r.describe(i) + " " + m.flags.names(flags));
        }
        int pte = r.pte(i);
        if (Pte.isNone(pte)) {
            if (r.cache == null) {
                doAnonymousPage(r, i, write);
            } else {
                doFault(r, i, write);
            }
        } else if (Pte.isSwap(pte)) {
            doSwapPage(p, r, i, pte, flags, unshareFlag);
        } else if (write ? !Pte.writable(pte) : unshareFlag != null) {
            doWpPage(r, i, pte, flags);
        }
    }

    /** do_anonymous_page(): a read maps the shared zeropage; a write gets a fresh exclusive page. */
    private void doAnonymousPage(Region r, long i, boolean write) {
        if (!write) {
            m.mapPage(r, i, m.zeroPage, false);
            if (m.tracing()) {
                trace("do_anonymous_page: map the shared zeropage");
            }
            return;
        }
        int f = m.frames.alloc(PageKind.ANON, Stamps.ZERO);
        m.frames.set(f, Frames.PG_ANON_EXCLUSIVE);
        m.mapPage(r, i, f, true);
        if (m.tracing()) {
            trace("do_anonymous_page: new exclusive anonymous page #" + f);
        }
    }

    /**
     * do_fault(): do_read_fault() maps the page-cache page read-only; do_cow_fault() copies it into a
     * new exclusive anonymous page for a write to a private mapping; do_shared_fault() maps it writable.
     */
    private void doFault(Region r, long i, boolean write) {
        int cached = m.cachePage(r.cache, r.offset + i);
        if (!write) {
            m.mapPage(r, i, cached, false);
            if (m.tracing()) {
                trace("do_read_fault: map page-cache page #" + cached + " read-only");
            }
        } else if (r.shared) {
            m.mapPage(r, i, cached, true);
            if (m.tracing()) {
                trace("do_shared_fault: map page-cache page #" + cached + " writable");
            }
        } else {
            int f = m.frames.alloc(PageKind.ANON, m.frames.content(cached));
            m.frames.set(f, Frames.PG_ANON_EXCLUSIVE);
            m.mapPage(r, i, f, true);
            m.counters.copies++;
            if (m.tracing()) {
                trace("do_cow_fault: copy page-cache page #" + cached + " into exclusive anonymous page #" + f);
            }
        }
    }

    /**
     * do_swap_page(): maps the swap-cache frame, or reads the slot into a new one, read-only; restores
     * PG_anon_exclusive from the swap PTE (or when nobody else holds the page); a write or unshare
     * fault then continues in do_wp_page().
     */
    private void doSwapPage(Process p, Region r, long i, int pte, long flags, FaultFlag unshareFlag) {
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
                trace("do_swap_page: read slot " + s + " into page #" + f);
            }
        } else {
            if (m.tracing()) {
                trace("do_swap_page: page #" + f + " found in the swap cache");
            }
        }
        m.mapPage(r, i, f, false);
        m.swap.count[s]--;
        boolean write = (flags & FaultFlag.WRITE.mask()) != 0;
        // should_try_to_free_swap(): a write fault on a page nobody else holds leaves the swap cache
        if (write && m.swap.count[s] == 0 && m.frames.ref(f) == 2) {
            m.tryFreeSwap(f);
        }
        if (m.frames.anon(f) && (exclusive || m.frames.ref(f) == 1)) {
            m.frames.set(f, Frames.PG_ANON_EXCLUSIVE);
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
            if (unshare) {
                throw new PolicyFailure("policy " + m.policy.id() + " asked to unshare " + r.describe(i)
                        + " in a shared mapping");
            }
            r.setPte(i, Pte.mkwrite(pte));
            if (m.tracing()) {
                trace("wp_page_shared: map #" + f + " writable");
            }
            return;
        }
        if (!m.frames.anon(f)) {
            wpPageCopy(r, i, f, unshare);
            return;
        }
        Views views = m.views();
        Views.Fault fault = views.fault;
        views.page(f);
        views.vma(r, i);
        fault.flags = flags;
        WpDecision d = m.decide("do_wp_page", (policy, wp, unused) -> policy.doWpPage(wp), fault, null);
        if (d == WpDecision.REUSE) {
            wpPageReuse(r, i, f, unshare);
        } else {
            wpPageCopy(r, i, f, unshare);
        }
    }

    /** wp_page_reuse(): the page is ours alone; mark it exclusive, and writable unless unsharing. */
    private void wpPageReuse(Region r, long i, int f, boolean unshare) {
        m.frames.set(f, Frames.PG_ANON_EXCLUSIVE);
        if (!unshare) {
            r.setPte(i, Pte.mkwrite(r.pte(i)));
            m.counters.reuses++;
        }
        if (m.tracing()) {
            trace((unshare ? "unshare: reuse" : "wp_page_reuse: reuse") + " #" + f
                    + (unshare ? ", now exclusive, still read-only" : ""));
        }
    }

    /** wp_page_copy(): a new exclusive anonymous copy replaces the page; unshare keeps it read-only. */
    private void wpPageCopy(Region r, long i, int old, boolean unshare) {
        int f = m.frames.alloc(PageKind.ANON, m.frames.content(old));
        m.frames.set(f, Frames.PG_ANON_EXCLUSIVE);
        m.frames.addMap(old, -1);
        m.frames.setRef(f, 1);
        m.frames.setMap(f, 1);
        r.setPte(i, Pte.present(f, !unshare));
        m.putPage(old, 1);
        m.counters.copies++;
        if (m.tracing()) {
            trace((unshare ? "unshare: wp_page_copy #" : "wp_page_copy: #") + old + " -> exclusive #" + f
                    + (unshare ? ", read-only" : ""));
        }
    }

    private void trace(String what) {
        if (m.tracing()) {
            m.trace("    " + what);
        }
    }
}
