package org.mmsim.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * One answer to the COW/GUP question: the decisions a kernel version makes. The core owns the
 * machine and its mechanics; a policy only answers. Calls come from one thread per run.
 */
@API(status = STABLE, since = "0.1.0")
public interface Policy {
    /** Stable id used on the command line, e.g. {@code unshare}. */
    String id();

    /** One line naming the kernels this policy models. */
    String summary();

    /** do_wp_page(): reuse the write-protected anonymous page or copy it (write and unshare faults). */
    WpDecision doWpPage(WpFault fault);

    /**
     * do_huge_pmd_wp_page(): a write or unshare fault on a write-protected PMD-mapped THP, whose
     * head page the fault shows. REUSE maps the whole PMD writable (for a write); COPY copies the
     * whole THP on kernels before 5.8 and otherwise splits the PMD and asks {@link #doWpPage} about
     * the faulting 4 KiB page (3917c80280c9). The default asks {@link #doWpPage} about the head.
     */
    default WpDecision doHugePmdWpPage(WpFault fault) {
        return doWpPage(fault);
    }

    /**
     * hugetlb_wp(): a write or unshare fault on a write-protected private hugetlb page. The default
     * is every kernel's rule: reuse when only this mapping maps it (the reference count is ignored,
     * so that fork()+exit() users do not run out of huge pages).
     */
    default WpDecision hugetlbWp(WpFault fault) {
        PageView page = fault.page();
        if (page.anon() && page.folioMapCount() == 1) {
            page.because("hugetlb_wp(): mapped once: reuse");
            return WpDecision.REUSE;
        }
        page.because("hugetlb_wp(): mapped more than once: copy");
        return WpDecision.COPY;
    }

    /** gup_must_unshare(): what a read-only FOLL_PIN does with the page it found. */
    PinDecision pinReadOnly(PinRequest request);

    /** copy_present_pte() / page_try_dup_anon_rmap(): share or copy a present anonymous page at fork. */
    ForkDecision copyPresentAnonPte(PageView page, VmaView vma);

    /** Reclaim (try_to_unmap_one / add_to_swap): may this anonymous page go to swap now. */
    boolean mayPageOut(PageView page);

    /** can_change_pte_writable(): may mprotect(PROT_WRITE) map this private anonymous page writable at once. */
    boolean canChangePteWritable(PageView page, VmaView vma);

    /** Whether PG_anon_exclusive means something to this policy (enables the unpin-nonexclusive check). */
    boolean keepsAnonExclusive();

    /**
     * The kernel release whose mechanics this policy runs on: it decides what the core does without
     * asking, where the kernel changed it over time (5.19: do_swap_page() reuses an exclusive page
     * itself; 6.5: no long-term R/W pin of a file mapping that needs dirty tracking; 6.11: swap-in
     * maps an exclusive page writable on a read fault). The default, 5.18, is the kernel of the
     * linux-mm thread this project started from, and what the core did before it asked.
     */
    default KernelRelease kernel() {
        return KernelRelease.of(5, 18);
    }
}
