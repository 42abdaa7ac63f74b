package org.mmsim.core.mm;

import java.util.Arrays;
import java.util.BitSet;
import org.mmsim.api.FaultFlag;
import org.mmsim.api.ForkDecision;
import org.mmsim.api.PageKind;
import org.mmsim.api.Policy;
import org.mmsim.api.WpDecision;

/**
 * mm/hugetlb.c: the pools of huge pages (nr_hugepages of 2 MiB and 1 GiB), their reservations, and
 * the faults, COW and fork of hugetlb mappings. A private mapping reserves its pages at mmap and
 * consumes a reservation at its first fault of each huge page; its children and its COW copies get
 * none (hugetlb_dup_vma_private()), so they take free pages or get SIGBUS. A shared mapping's
 * pages live in a {@link PageCache} by huge page index, with its reservations.
 */
final class Hugetlb {
    static final int PAGES_2M = 512;
    static final int PAGES_1G = 1 << 18;

    private final Machine m;
    /** nr_hugepages asked for, pages in use, and reserved but not yet used, per size (2M, 1G). */
    private long[] target;
    private long[] used;
    private long[] reserved;
    /** The counts may be another machine's too (a copy's): {@link #counts} copies them before a change. */
    private boolean shared;

    Hugetlb(Machine m) {
        this.m = m;
        target = new long[2];
        used = new long[2];
        reserved = new long[2];
    }

    /** Makes this pool (of another machine) a copy of {@code o}, sharing its counts until either side changes them. */
    void assign(Hugetlb o) {
        target = o.target;
        used = o.used;
        reserved = o.reserved;
        shared = o.shared = true;
    }

    /** Makes the counts this pool's own before it changes them. */
    private void counts() {
        if (shared) {
            target = Arrays.copyOf(target, target.length); // not clone(): a native call on C1
            used = Arrays.copyOf(used, used.length);
            reserved = Arrays.copyOf(reserved, reserved.length);
            shared = false;
        }
    }

    private static int size(long pages) {
        return pages == PAGES_1G ? 1 : 0;
    }

    /**
     * set_max_huge_pages(): the pool's size; pages in use stay (as surplus) until freed. Fails
     * (like a write of nr_hugepages that the kernel cannot satisfy fully, which it reports only
     * by the count it reached) never: memory is not a limit here.
     */
    void setPool(long pages, long count) {
        counts();
        target[size(pages)] = count;
    }

    /** Free pages nobody has reserved. */
    private long available(int k) {
        return Math.max(0, target[k] - used[k]) - reserved[k];
    }

    /** hugetlb_reserve_pages(): reserve n huge pages, or false (mmap fails ENOMEM). */
    boolean reserve(long pages, long n) {
        int k = size(pages);
        if (available(k) < n) {
            return false;
        }
        counts();
        reserved[k] += n;
        return true;
    }

    /** hugetlb_unreserve_pages(): reservations nobody will consume any more. */
    void unreserve(long pages, BitSet left) {
        if (left != null) {
            counts();
            reserved[size(pages)] -= left.cardinality();
            left.clear();
        }
    }

    /** alloc_hugetlb_folio(): a zeroed huge page from the pool, from a reservation or a free page; -1 when none. */
    private int alloc(long pages, BitSet reservations, int index) {
        int k = size(pages);
        counts();
        if (reservations != null && reservations.get(index)) {
            reservations.clear(index);
            reserved[k]--;
        } else if (available(k) <= 0) {
            return -1;
        }
        used[k]++;
        int head = m.frames.allocRun(PageKind.ANON, Stamps.ZERO, (int) pages);
        m.folios.add(head, (int) pages, true, false);
        return head;
    }

    /** free_huge_folio(): the page goes back to the pool (or leaves it, if the pool shrank meanwhile). */
    void freed(int pages) {
        counts();
        used[size(pages)]--;
    }

    /**
     * hugetlb_fault(): hugetlb_no_page() allocates and maps the huge page (SIGBUS when the pool has
     * none for this mapping), hugetlb_wp() handles a write or unshare fault on a read-only one.
     * False for SIGBUS.
     */
    boolean fault(Region r, long i, long flags) {
        boolean write = (flags & FaultFlag.WRITE.mask()) != 0;
        long start = i - i % r.hugetlbPages;
        int index = (int) (i / r.hugetlbPages);
        int pte = r.pte(start);
        if (Pte.isNone(pte)) {
            return r.hugetlbUnmapped ? sigbus(r, start) : noPage(r, start, index, write);
        }
        return hugetlbWp(r, start, flags); // only asked for a write or unshare fault on a present page
    }

    /** hugetlb_no_page(): a private page is new, anonymous and exclusive; a shared one comes from the object. */
    private boolean noPage(Region r, long start, int index, boolean write) {
        boolean writableVma = (r.vmas.flagsAt(start) & Vmas.VM_WRITE) != 0;
        int head;
        if (r.shared) {
            head = r.cache.frame(index);
            if (head < 0) {
                head = alloc(r.hugetlbPages, r.cache.hugetlbReservations, index);
                if (head < 0) {
                    return sigbus(r, start);
                }
                m.frames.setKind(head, r.hugetlbPages, PageKind.PAGE_CACHE); // a hugetlbfs page
                m.frames.setRef(head, 1); // the hugetlbfs page cache's reference
                r.cache.put(index, head);
            }
            m.huge().mapHuge(r, start, head, writableVma, write);
        } else {
            head = alloc(r.hugetlbPages, r.hugetlbReservations, index);
            if (head < 0) {
                return sigbus(r, start);
            }
            m.huge().setExclusive(head, true);
            m.huge().mapHuge(r, start, head, write, write); // a write goes on to hugetlb_wp(), which reuses it
        }
        if (m.tracing()) {
            m.tp().folioEvent("hugetlb_no_page", r.describe(start) + ": new " + Folios.sizeName(r.hugetlbPages)
                    + " hugetlb page " + m.tp().frame(head) + (r.shared ? " in the shared object" : ", exclusive"),
                    r, start, head);
        }
        return true;
    }

    private boolean sigbus(Region r, long start) {
        if (m.tracing()) {
            m.tp().folioEvent("hugetlb_no_page", r.describe(start) + ": no free huge page for this mapping: "
                    + "VM_FAULT_SIGBUS", r, start, -1);
        }
        return false;
    }

    /**
     * hugetlb_wp(): a shared mapping just becomes writable; a private page is reused or copied as
     * the policy says (every kernel: when mapped once), the copy needing a free page outside any
     * reservation: without one, the owner takes the page back from its children (unmap_ref_private()),
     * anyone else gets SIGBUS.
     */
    private boolean hugetlbWp(Region r, long start, long flags) {
        boolean unshare = (flags & FaultFlag.WRITE.mask()) == 0;
        int head = Pte.id(r.pte(start));
        if (r.shared) {
            m.huge().setHugeWritable(r, start, true);
            return true;
        }
        Views views = m.views();
        Object[] facts = m.tracing() ? m.tp().pageFacts(head) : null;
        WpDecision d = m.frames.anon(head)
                ? m.decide("hugetlb_wp", (policy, wp, unused) -> policy.hugetlbWp(wp),
                        views.fault(head, r, start, flags), null)
                : WpDecision.COPY;
        if (m.tracing()) {
            m.tp().decision("hugetlb_wp", r.describe(start), facts, d == WpDecision.REUSE ? "reuse" : "copy");
        }
        if (d == WpDecision.REUSE) {
            m.huge().setExclusive(head, true);
            if (!unshare) {
                m.huge().setHugeWritable(r, start, true);
                m.counters.reuses++;
            }
            return true;
        }
        int copy = alloc(r.hugetlbPages, null, 0);
        if (copy < 0 && r.hugetlbReservations != null && unmapRefPrivate(r, start, head)) {
            return hugetlbWp(r, start, flags); // mapped once now: reused
        }
        if (copy < 0) {
            return sigbus(r, start);
        }
        m.frames.copyContents(head, copy, r.hugetlbPages);
        m.huge().setExclusive(copy, true);
        if (m.tracing()) {
            m.tp().folioEvent("hugetlb_wp", r.describe(start) + ": copied into " + m.tp().frame(copy), r, start,
                    copy);
        }
        m.huge().remapHuge(r, start, head, copy, !unshare);
        return true;
    }

    /**
     * unmap_ref_private(): the owner of a private mapping (the process that mmap()ed it) that finds no
     * huge page for its COW takes this one back from the children that share it; their mappings are
     * marked so that a later fault there is SIGBUS. False when nobody else maps it.
     */
    private boolean unmapRefPrivate(Region owner, long start, int head) {
        boolean took = false;
        for (Process p : m.byPid) {
            Region c = p.alive && p.pid != owner.pid ? p.inherited(owner) : null;
            if (c != null && Pte.isHuge(c.pte(start)) && Pte.id(c.pte(start)) == head) {
                m.zapRange(c, start, start + owner.hugetlbPages); // the child's data is gone: nothing to expect
                c.hugetlbUnmapped = true;
                took = true;
            }
        }
        if (took && m.tracing()) {
            m.tp().folioEvent("unmap_ref_private", owner.describe(start) + ": no huge page for the owner's COW: "
                    + "the children's mappings of " + m.tp().frame(head) + " go (SIGBUS there later)", owner, start,
                    head);
        }
        return took;
    }

    /**
     * copy_hugetlb_page_range(): a shared page is mapped in the child too; a private one is shared
     * write-protected, unless the policy has a maybe-pinned exclusive page copied for the child
     * (page_needs_cow_for_dma()), which needs a free page: without one fork() fails (ENOMEM), and
     * this returns false.
     */
    boolean copyHugetlb(Region src, Region dst, long start) {
        int pte = src.pte(start);
        int head = Pte.id(pte);
        if (!src.shared && m.frames.anon(head)) {
            Views.ViewSet v = m.views().ask(Views.Kind.FORK, head, src, start);
            ForkDecision d = m.decide("copy_hugetlb_page_range", Policy::copyPresentAnonPte, v.page, v.vma);
            int copy = d == ForkDecision.COPY ? alloc(src.hugetlbPages, null, 0) : -1;
            if (d == ForkDecision.COPY && copy < 0) {
                return false;
            }
            if (copy >= 0) {
                m.frames.copyContents(head, copy, src.hugetlbPages);
                m.huge().setExclusive(copy, true);
                boolean writable = (dst.vmas.flagsAt(start) & Vmas.VM_WRITE) != 0;
                m.huge().mapHuge(dst, start, copy, writable, true);
                m.counters.copies++;
                return true;
            }
            m.huge().setExclusive(head, false);
        }
        if (!src.shared) {
            m.huge().setHugeWritable(src, start, false);
        }
        m.huge().mapHuge(dst, start, head, src.shared && Pte.writable(pte), Pte.dirty(pte));
        return true;
    }
}
