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

    /*
     * Empty: the campaign's findings are fixed in the machine (fork fails when a pinned hugetlb page
     * cannot be copied, unmap_ref_private(), MADV_COLLAPSE's VMA check, mremap across VMAs from 6.17,
     * no split for VMA flags that stay, vma_needs_copy()). A new finding goes here, with its repro,
     * until the machine follows the kernel.
     */
    static final List<Known> DIFFERENTIAL = List.of();

    static final List<KnownProblem> INVARIANTS = List.of();

    /** Step k is a statement starting so, where the model says {@code model} and the kernel {@code kernel}. */
    static boolean is(HostDifferential.Runs r, int k, String start, String model, String kernel) {
        return r.kernel(k).statement().startsWith(start) && r.model(k).outcome().equals(model)
                && r.kernel(k).outcome().equals(kernel);
    }

    private KnownFindings() {
    }

    /** Whether some finding explains this problem of this scenario. */
    static boolean explained(String text, Problem p) {
        return INVARIANTS.stream().anyMatch(k -> k.matches().test(text, p));
    }
}
