package org.mmsim.core.mm;

import org.mmsim.api.ForkDecision;
import org.mmsim.api.PageKind;
import org.mmsim.api.Policy;

/** kernel/fork.c dup_mmap() with mm/memory.c copy_page_range(): the child's copy of the address space. */
final class Fork {
    private final Machine m;

    Fork(Machine m) {
        this.m = m;
    }

    /** dup_mmap(): every region but its VM_DONTCOPY parts, then copy_page_range() for each. */
    void copyMm(Process parent, Process child) {
        if (m.tracing()) {
            m.trace("dup_mmap", parent.name + " -> " + child.name, "parent", parent.name, "child", child.name);
        }
        m.depth++;
        for (Region src : parent.regions) {
            Vmas vmas = src.vmas.forkCopy();
            if (vmas.isEmpty()) {
                if (m.tracing()) {
                    m.trace("dup_mmap", src.name + " is VM_DONTCOPY (MADV_DONTFORK): " + child.name + " does not get it",
                            "region", src.name);
                }
                continue;
            }
            if (src.cache != null) {
                src.cache.users++;
            }
            Region dst = new Region(src.name, src.id, src.anonymous, src.shared, src.cache, src.offset, src.pages,
                    vmas, new SparseIntArray(src.pages), src.expected.copy());
            for (long i = dst.expected.nextNonZero(0); i >= 0; i = dst.expected.nextNonZero(i + 1)) {
                if (vmas.flagsAt(i) < 0) {
                    dst.expected.set(i, 0);
                }
            }
            child.regions.put(dst.name, dst);
            copyPageRange(src, dst);
        }
        m.depth--;
    }

    /** copy_page_range() over the pages the child inherits. */
    private void copyPageRange(Region src, Region dst) {
        for (long i = src.ptes.nextNonZero(0); i >= 0; i = src.ptes.nextNonZero(i + 1)) {
            if (dst.vmas.flagsAt(i) < 0) {
                if (m.tracing()) {
                    m.trace("copy_page_range", src.describe(i) + " is VM_DONTCOPY: not copied", "page", src.describe(i));
                }
                continue;
            }
            int pte = src.pte(i);
            if (Pte.isSwap(pte)) {
                copyNonpresentPte(src, dst, i, pte);
            } else {
                copyPresentPte(src, dst, i, pte);
            }
        }
    }

    /** copy_nonpresent_pte(): swap_duplicate() the swap entry; neither side stays exclusive. */
    private void copyNonpresentPte(Region src, Region dst, long i, int pte) {
        int s = Pte.id(pte);
        m.swap.count[s]++;
        int shared = Pte.swpClearExclusive(pte);
        src.setPte(i, shared);
        dst.setPte(i, shared);
        if (m.tracing()) {
            m.trace("copy_nonpresent_pte", src.describe(i) + ": swap entry of slot " + s + " duplicated (swap count "
                    + (m.swap.count[s] - 1) + " -> " + m.swap.count[s] + ")"
                    + (Pte.swapExclusive(pte) && m.policy.keepsAnonExclusive() ? ", exclusive bit cleared in both" : ""),
                    "page", src.describe(i), "slot", s, "decision", "share");
        }
    }

    /**
     * copy_present_pte(): shared mappings share the frame as mapped; in a COW mapping the page is
     * write-protected in both, except that the policy may have an anonymous page copied at once
     * (copy_present_page()) instead of shared (page_try_dup_anon_rmap()).
     */
    private void copyPresentPte(Region src, Region dst, long i, int pte) {
        int f = Pte.id(pte);
        if (src.shared) {
            m.mapPage(dst, i, f, Pte.writable(pte), Pte.dirty(pte));
            if (m.tracing()) {
                m.trace("copy_present_pte", src.describe(i) + " " + m.frame(f) + ": shared mapping, the child maps the "
                        + "same page" + (Pte.writable(pte) ? " writable" : ""), "page", src.describe(i), "frame", f,
                        "decision", "share");
            }
            return;
        }
        if (m.frames.anon(f)) {
            Object[] facts = m.tracing() ? m.pageFacts(f) : null;
            ForkDecision d = m.decide("copy_present_pte", Policy::copyPresentAnonPte, m.views().page(f),
                    m.views().vma(src, i));
            if (m.tracing()) {
                m.traceDecision("copy_present_pte", src.describe(i), facts, d == ForkDecision.COPY ? "copy" : "share");
            }
            if (d == ForkDecision.COPY) {
                copyPresentPage(src, dst, i, f);
                return;
            }
            m.frames.clear(f, Frames.PG_ANON_EXCLUSIVE);
        } else if (m.tracing()) {
            m.trace("copy_present_pte", src.describe(i) + " " + m.frame(f) + ": not anonymous, shared read-only by "
                    + "both (a write copies it)", "page", src.describe(i), "frame", f, "decision", "share");
        }
        src.setPte(i, Pte.wrprotect(pte));
        m.mapPage(dst, i, f, false, Pte.dirty(pte));
        if (m.frames.anon(f) && m.tracing()) {
            m.trace("copy_present_pte", "share " + m.frame(f) + " write-protected in both" + (m.policy.keepsAnonExclusive()
                    ? ", PG_anon_exclusive cleared" : ""), "page", src.describe(i), "frame", f);
        }
    }

    /** copy_present_page(): the child gets its own exclusive copy, writable if the VMA is. */
    private void copyPresentPage(Region src, Region dst, long i, int f) {
        int copy = m.frames.alloc(PageKind.ANON, m.frames.content(f));
        m.frames.set(copy, Frames.PG_ANON_EXCLUSIVE);
        boolean writable = (dst.vmas.flagsAt(i) & Vmas.VM_WRITE) != 0;
        m.mapPage(dst, i, copy, writable, true);
        m.counters.copies++;
        if (m.tracing()) {
            m.trace("copy_present_page", src.describe(i) + ": the child gets its own " + m.exclusive() + "copy #" + copy
                    + " of " + m.frame(f) + (writable ? ", writable" : ""), "page", src.describe(i), "frame", copy,
                    "from", f);
        }
    }
}
