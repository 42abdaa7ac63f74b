package org.mmsim.dist.fuzz;

import java.util.List;
import java.util.function.BiPredicate;
import org.mmsim.dist.fuzz.ScenarioFuzzTest.Checked.Problem;

/**
 * Where the model and the kernel (or the model's own invariants) disagree for a reason the large-folio
 * campaign found and reported, and the machine does not yet follow: the fuzzers stop there rather than
 * fail, until the machine is fixed and the entry goes. Each entry names its finding; its repro is
 * findings/NAME.mms of the folio-fuzz worktree (and the report to the lead).
 */
final class KnownFindings {
    /** A known disagreement: {@code matches} says whether step k of these runs is that one. */
    record Known(String finding, BiPredicate<HostDifferential.Runs, Integer> matches) {
    }

    /** A known invariant violation: {@code matches} says whether a problem of this scenario text is that one. */
    record KnownProblem(String finding, BiPredicate<String, Problem> matches) {
    }

    static final List<Known> DIFFERENTIAL = List.of(
            // copy_hugetlb_page_range(): a pinned exclusive private hugetlb page is copied for the child, and
            // when alloc_hugetlb_folio() finds no free unreserved page fork() fails; the machine shares the page
            new Known("hugetlb-fork-pinned-empty-pool", (r, k) -> is(r, k, "fork ", "ok", "fail")
                    && r.text().contains(" hugetlb ")),
            // madvise_collapse() -> thp_vma_allowable_order(TVA_FORCED_COLLAPSE): EINVAL for a VMA that holds no
            // aligned 2M range (__thp_vma_allowable_orders()); the machine says ok when it has nothing to collapse
            new Known("collapse-vma-without-aligned-2m", (r, k) -> is(r, k, "madvise ", "ok", "fail")
                    && r.kernel(k).statement().endsWith(" collapse")),
            // 6.17+ remap_move(): a move-only mremap spans VMAs and keeps the holes (only one at the start is
            // EFAULT); the machine fails any range with a hole
            new Known("mremap-over-a-hole", (r, k) -> is(r, k, "mremap ", "fail", "ok")),
            // mprotect_fixup() and madvise_update_vma() return 0 early when the VMA flags do not change: no
            // split_vma(), so no EINVAL at an unaligned hugetlb boundary and no PMD split of a THP
            new Known("noop-mprotect-madvise", (r, k) -> (is(r, k, "mprotect ", "fail", "ok")
                    || is(r, k, "madvise ", "fail", "ok")) && r.text().contains(" hugetlb ")
                    || r.kernel(k).statement().startsWith("folio ") && r.model(k).outcome().equals("2M:pte")
                            && r.kernel(k).outcome().equals("2M:pmd") && flagsChangedOnPart(r.text())),
            // vma_needs_copy(): fork copies no page tables of a VMA without an anon_vma (shared hugetlb, shared
            // memory): the child's pages are not present until it faults; the machine maps them at fork
            new Known("fork-skips-vma-without-anon-vma", (r, k) -> r.text().contains(" shared") && r.text()
                    .contains("\nfork ") && (is(r, k, "same ", "yes", "no") || r.kernel(k).statement()
                    .startsWith("folio ") && r.kernel(k).outcome().equals("none"))),
            // hugetlb_wp(): the owner of a private mapping that cannot get a page to COW into takes the page
            // from the children (unmap_ref_private()) and reuses it; the machine gives the owner SIGBUS
            new Known("hugetlb-owner-cow-unmap-ref-private", (r, k) -> r.model(k).outcome().equals("sigbus")
                    && r.kernel(k).outcome().equals("ok") && r.text().contains(" hugetlb private")));

    static final List<KnownProblem> INVARIANTS = List.of(
            // hugetlb-fork-pinned-empty-pool, above: the page the machine shares is pinned, and the pin is
            // released once it is no longer exclusive
            new KnownProblem("hugetlb-fork-pinned-empty-pool", (text, p) -> p.signature().endsWith(
                    " violates unpin-nonexclusive") && text.contains(" hugetlb ") && text.contains("\nfork ")));

    /** Step k is a statement starting so, where the model says {@code model} and the kernel {@code kernel}. */
    private static boolean is(HostDifferential.Runs r, int k, String start, String model, String kernel) {
        return r.kernel(k).statement().startsWith(start) && r.model(k).outcome().equals(model)
                && r.kernel(k).outcome().equals(kernel);
    }

    /** Whether an mprotect or a flag-changing madvise covers part of a region (a range) somewhere. */
    private static boolean flagsChangedOnPart(String text) {
        return text.lines().anyMatch(l -> (l.startsWith("mprotect ") || l.startsWith("madvise ")
                && (l.endsWith("fork") || l.endsWith("hugepage"))) && l.contains("["));
    }

    private KnownFindings() {
    }

    /** Whether some finding explains this problem of this scenario. */
    static boolean explained(String text, Problem p) {
        return INVARIANTS.stream().anyMatch(k -> k.matches().test(text, p));
    }
}
