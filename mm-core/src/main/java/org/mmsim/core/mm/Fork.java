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

    /** dup_mmap(): every region but its VM_DONTCOPY parts, then copy_page_range() for each; false when fork fails. */
    boolean copyMm(Process parent, Process child) {
        if (m.tracing()) {
            m.tp().fork(parent, child);
        }
        m.nest();
        for (Region src : parent.regions) {
            Vmas vmas = src.vmas.forkCopy();
            if (vmas.isEmpty()) {
                if (m.tracing()) {
                    m.tp().dontCopy(src.name);
                }
                continue;
            }
            if (src.cache != null) {
                src.cache.users++;
            }
            Region dst = new Region(src.name, src.id, child.pid, src.anonymous, src.shared, src.cache, src.offset, src.pages,
                    vmas, new SparseIntArray(src.pages), src.expected.copy());
            dst.shift = src.shift;
            dst.anonVma = src.anonVma; // anon_vma_fork()
            dst.hugetlbPages = src.hugetlbPages; // hugetlb_dup_vma_private(): no reservations for the child
            for (long i = dst.expected.nextNonZero(0); i >= 0; i = dst.expected.nextNonZero(i + 1)) {
                if (vmas.flagsAt(i) < 0) {
                    dst.setExpected(i, 0);
                }
            }
            child.regions.put(dst.name, dst);
            if (!copyPageRange(src, dst)) {
                m.unnest();
                return false;
            }
        }
        m.unnest();
        return true;
    }

    /**
     * copy_page_range() over the pages the child inherits; nothing where vma_needs_copy() says a
     * fault will fill the entries correctly: a mapping that never had an anonymous page (shared
     * memory, a shared file, a private one with only page-cache or zeropage entries).
     */
    private boolean copyPageRange(Region src, Region dst) {
        if (!src.anonVma) {
            if (m.tracing() && src.ptes.nextNonZero(0) >= 0) {
                m.tp().noAnonVma(src);
            }
            return true;
        }
        for (long i = src.ptes.nextNonZero(0); i >= 0; i = src.ptes.nextNonZero(i + 1)) {
            if (dst.vmas.flagsAt(i) < 0) {
                if (m.tracing()) {
                    m.tp().dontCopy(src.describe(i));
                }
                continue;
            }
            int pte = src.pte(i);
            if (Pte.isHuge(pte)) {
                long start = m.huge().hugeStart(src, i);
                if (src.hugetlb()) {
                    if (!m.hugetlb.copyHugetlb(src, dst, start)) {
                        return false;
                    }
                    i = start + src.hugetlbPages - 1;
                    continue;
                }
                if (m.huge().copyHugePmd(src, dst, start)) {
                    i = start + Thp.PMD_PAGES - 1;
                    continue;
                }
                pte = src.pte(i);
            }
            if (Pte.isSwap(pte)) {
                copyNonpresentPte(src, dst, i, pte);
            } else {
                copyPresentPte(src, dst, i, pte);
            }
        }
        return true;
    }

    /** copy_nonpresent_pte(): swap_duplicate() the swap entry; neither side stays exclusive. */
    private void copyNonpresentPte(Region src, Region dst, long i, int pte) {
        int s = Pte.id(pte);
        m.swap.count[s]++;
        int shared = Pte.swpClearExclusive(pte);
        src.setPte(i, shared);
        dst.setPte(i, shared);
        if (m.tracing()) {
            m.tp().swapEntryCopied(src, i, s, Pte.swapExclusive(pte));
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
                m.tp().sharedAtFork(src, i, f, Pte.writable(pte));
            }
            return;
        }
        boolean anon = m.frames.anon(f);
        if (anon && askCopyPresentAnonPte(src, i, f) == ForkDecision.COPY) {
            copyPresentPage(src, dst, i, f);
            return;
        }
        if (anon) {
            m.frames.clear(f, Frames.PG_ANON_EXCLUSIVE);
        }
        src.setPte(i, Pte.wrprotect(pte));
        m.mapPage(dst, i, f, false, Pte.dirty(pte));
        if (m.tracing()) {
            if (anon) {
                m.tp().anonSharedAtFork(src, i, f);
            } else {
                m.tp().notAnonAtFork(src, i, f);
            }
        }
    }

    /** The policy's copy_present_pte() answer for the anonymous page f at src[i]. */
    private ForkDecision askCopyPresentAnonPte(Region src, long i, int f) {
        Object[] facts = m.tracing() ? m.tp().pageFacts(f) : null;
        Views.ViewSet v = m.views().ask(Views.Kind.FORK, f, src, i);
        ForkDecision d = m.decide("copy_present_pte", Policy::copyPresentAnonPte, v.page, v.vma);
        if (m.tracing()) {
            m.tp().decision("copy_present_pte", src.describe(i), facts, d == ForkDecision.COPY ? "copy" : "share");
        }
        return d;
    }

    /** copy_present_page(): the child gets its own exclusive copy, writable if the VMA is. */
    private void copyPresentPage(Region src, Region dst, long i, int f) {
        int copy = m.frames.alloc(PageKind.ANON, m.frames.content(f));
        m.frames.set(copy, Frames.PG_ANON_EXCLUSIVE);
        boolean writable = (dst.vmas.flagsAt(i) & Vmas.VM_WRITE) != 0;
        m.mapPage(dst, i, copy, writable, true);
        m.counters.copies++;
        if (m.tracing()) {
            m.tp().copiedAtFork(src, i, f, copy, writable);
        }
    }
}
