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
            m.trace("handle_mm_fault", p.name + " " + r.describe(i) + " " + m.flags.names(flags),
                    "process", p.name, "page", r.describe(i), "flags", m.flags.names(flags));
        }
        m.depth++;
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
            doWpPage(r, i, pte, flags);
        }
        m.depth--;
    }

    /** do_anonymous_page(): a read maps the shared zeropage; a write gets a fresh exclusive page. */
    private void doAnonymousPage(Region r, long i, boolean write) {
        if (!write) {
            m.mapPage(r, i, m.zeroPage, false, false);
            if (m.tracing()) {
                trace("do_anonymous_page", "read fault: map the shared zeropage read-only at " + r.describe(i), r, i,
                        m.zeroPage);
            }
            return;
        }
        int f = m.frames.alloc(PageKind.ANON, Stamps.ZERO);
        m.frames.set(f, Frames.PG_ANON_EXCLUSIVE);
        m.mapPage(r, i, f, true, true);
        if (m.tracing()) {
            trace("do_anonymous_page", "write fault: new zero-filled " + m.exclusive() + "anonymous page #" + f
                    + " mapped writable at " + r.describe(i), r, i, f);
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
                trace("do_read_fault", "read fault: map page-cache page " + m.frame(cached) + " at " + r.describe(i)
                        + (writable ? " writable (shared memory needs no write notification)" : " read-only"), r, i,
                        cached);
            }
        } else if (r.shared) {
            m.mapPage(r, i, cached, true, true);
            m.frames.set(cached, Frames.PG_DIRTY);
            if (m.tracing()) {
                trace("do_shared_fault", "write fault: map page-cache page " + m.frame(cached) + " writable at "
                        + r.describe(i) + ", page dirty (fault_dirty_shared_page)", r, i, cached);
            }
        } else {
            int f = m.frames.alloc(PageKind.ANON, m.frames.content(cached));
            m.frames.set(f, Frames.PG_ANON_EXCLUSIVE);
            m.mapPage(r, i, f, true, true);
            m.counters.copies++;
            if (m.tracing()) {
                trace("do_cow_fault", "write fault in a private mapping: copy page-cache page " + m.frame(cached)
                        + " into " + m.exclusive() + "anonymous page #" + f + " at " + r.describe(i), r, i, f);
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
                trace("swapin_readahead", "read slot " + s + " into swap-cache page " + m.frame(f), r, i, f);
            }
        } else if (m.tracing()) {
            trace("lookup_swap_cache", "slot " + s + " is still in the swap cache as " + m.frame(f), r, i, f);
        }
        m.mapPage(r, i, f, false, false);
        m.swap.count[s]--;
        boolean write = (flags & FaultFlag.WRITE.mask()) != 0;
        // should_try_to_free_swap(): a write fault on a page nobody else holds leaves the swap cache
        if (write && m.swap.count[s] == 0 && m.frames.ref(f) == 2) {
            m.tryFreeSwap(f);
        }
        boolean mine = m.frames.anon(f) && (exclusive || m.frames.ref(f) == 1);
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
                trace("do_swap_page", "map " + m.frame(f) + " at " + r.describe(i) + ": "
                        + (exclusive ? "the swap PTE says exclusive" : "nobody else holds it") + ", so it is "
                        + m.exclusive() + "and " + (writable ? "mapped writable" + (write ? "" : " even on a read fault"
                        + " (6.11)") : "mapped read-only") + (write ? ": no do_wp_page needed" : ""), r, i, f);
            }
            if (write || unshareFlag == null) {
                return;
            }
        } else if (m.tracing()) {
            trace("do_swap_page", "map " + m.frame(f) + " read-only at " + r.describe(i)
                    + (mine ? "" : ": it may be shared (refcount " + m.frames.ref(f) + ")"), r, i, f);
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
            r.setPte(i, Pte.mkdirty(Pte.mkwrite(pte)));
            m.frames.set(f, Frames.PG_DIRTY);
            if (m.tracing()) {
                trace("wp_page_shared", "shared mapping: map " + m.frame(f) + " writable, page dirty", r, i, f);
            }
            return;
        }
        if (!m.frames.anon(f)) {
            if (m.tracing()) {
                trace("do_wp_page", (f == m.zeroPage ? "the shared zeropage" : "a page-cache page")
                        + " in a private mapping is never reused: copy it", r, i, f);
            }
            wpPageCopy(r, i, f, unshare);
            return;
        }
        Views views = m.views();
        Views.Fault fault = views.fault;
        Object[] facts = m.tracing() ? m.pageFacts(f) : null;
        views.page(f);
        views.vma(r, i);
        fault.flags = flags;
        WpDecision d = m.decide("do_wp_page", (policy, wp, unused) -> policy.doWpPage(wp), fault, null);
        if (m.tracing()) {
            m.traceDecision("do_wp_page", r.describe(i), facts, d == WpDecision.REUSE ? "reuse" : "copy");
        }
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
            r.setPte(i, Pte.mkdirty(Pte.mkwrite(r.pte(i))));
            m.counters.reuses++;
        }
        if (m.tracing()) {
            trace("wp_page_reuse", unshare ? "unshare: keep " + m.frame(f) + (m.policy.keepsAnonExclusive()
                    ? ", now exclusive" : "") + ", still read-only" : "reuse " + m.frame(f) + ": mapped writable", r, i, f);
        }
    }

    /** wp_page_copy(): a new exclusive anonymous copy replaces the page; unshare keeps it read-only. */
    private void wpPageCopy(Region r, long i, int old, boolean unshare) {
        int f = m.frames.alloc(PageKind.ANON, m.frames.content(old));
        m.frames.set(f, Frames.PG_ANON_EXCLUSIVE);
        m.frames.addMap(old, -1);
        m.frames.setRef(f, 1);
        m.frames.setMap(f, 1);
        r.setPte(i, Pte.present(f, !unshare, !unshare));
        if (m.tracing()) {
            trace("wp_page_copy", (unshare ? "unshare: copy " : "copy ") + m.frame(old) + " into " + m.exclusive()
                    + "anonymous page #" + f + ", mapped " + (unshare ? "read-only" : "writable") + " at " + r.describe(i),
                    r, i, f, "from", old);
        }
        m.counters.copies++;
        m.depth++;
        m.putPage(old, 1);
        m.depth--;
    }

    private void trace(String event, String text, Region r, long i, int f, Object... more) {
        Object[] kv = new Object[4 + more.length];
        kv[0] = "page";
        kv[1] = r.describe(i);
        kv[2] = "frame";
        kv[3] = f;
        System.arraycopy(more, 0, kv, 4, more.length);
        m.trace(event, text, kv);
    }
}
