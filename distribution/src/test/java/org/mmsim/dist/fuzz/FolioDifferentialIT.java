package org.mmsim.dist.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.mmsim.core.run.RunResult;

/**
 * Large folios on the live kernel against the newest policy: {@link FolioGen}'s scenarios (THP and
 * mTHP sizes, hugetlb, folio edges, many {@code folio} and {@code same} observations) run on this
 * machine's kernel through the host column and under mm-id, which must agree on every step up to
 * the first one the two cannot share. A disagreement fails with jqwik's seed and the scenario shrunk
 * ({@code -Djqwik.seed=S} replays it). Skipped, with the reason, where the host column is unavailable
 * or cannot own the THP and hugetlb settings or see folios (not root).
 *
 * <p>Where the comparison of a scenario stops, for differences of this machine, not of the model:
 * <ul>
 * <li>at the first step the host marks unsupported: {@code pageout} without a swap device does
 *     nothing on the kernel while the model swaps, so what follows differs (GUPs are rendered as
 *     the vmsplice and io_uring that user space can make);
 * <li>after the first statement where the model maps the shared zeropage or the huge zeropage by a
 *     read fault, or takes a reference to it: a kernel without one ({@code mm_forbids_zeropage()})
 *     maps a fresh page there, a fresh mTHP or 2M THP where large folios are enabled, which later
 *     {@code folio}, {@code same} and COW see (the model's trace says where, see
 *     {@link HostDifferential#firstZeropage});
 * <li>at a disagreement that a finding explains ({@link KnownFindings#DIFFERENTIAL}): reported, left to
 *     the machine's owner.
 * </ul>
 *
 * <p>The generated scenarios are kept in {@code target/folio-differential/}. Tries: jqwik's default
 * (300, from junit-platform.properties). A campaign:
 * {@code mvn -B -o verify -pl distribution -am -Dit.test=FolioDifferentialIT -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Djqwik.tries.default=2000}.
 */
@AddLifecycleHook(HostDifferential.LargeFoliosAvailable.class)
class FolioDifferentialIT {
    private static HostDifferential.Corpus corpus;

    @BeforeContainer
    static void emptyCorpus() throws IOException {
        corpus = new HostDifferential.Corpus("folio-differential", "folio");
    }

    @Provide
    Arbitrary<FolioGen.Plan> plans() {
        return FolioGen.plans();
    }

    @Property(seed = "20261130") // fixed, so that CI is repeatable; a campaign raises -Djqwik.tries.default
    void theKernelAndMmIdAgreeOnLargeFolios(@ForAll("plans") FolioGen.Plan plan) {
        String text = FolioGen.render(plan, true);
        corpus.keep(text);
        Comparison c = Comparison.of(HostDifferential.Runs.of(text));
        if (c.disagreement() != null) {
            fail(c.disagreement());
        }
        Statistics.label("compared up to").collect(c.stop());
        Statistics.label("steps compared").collect(Engine.bucket(c.compared(), 5));
    }

    /**
     * How far one scenario's runs agree: the steps {@code compared}, what {@code stop}ped the
     * comparison, and the first unexplained disagreement (null: none), with its {@code signature}
     * (statement kind and both outcomes, which a campaign groups by).
     */
    record Comparison(String stop, int compared, String signature, String disagreement) {
        static Comparison of(HostDifferential.Runs runs) {
            int upTo = HostDifferential.host().fact("zeropage") ? Integer.MAX_VALUE
                    : HostDifferential.firstZeropage(runs.model(), true);
            for (int k = 0; k < runs.kernel().steps().size(); k++) {
                RunResult.Step h = runs.kernel(k);
                String[] w = h.statement().split(" ");
                if (h.line() > upTo) {
                    return new Comparison("a zeropage (none on this kernel)", k, null, null);
                }
                if (h.outcome().equals(RunResult.UNSUPPORTED)) {
                    return new Comparison("an unsupported " + w[0] + " ... " + w[w.length - 1], k, null, null);
                }
                if (!runs.model(k).outcome().equals(h.outcome())) {
                    int at = k;
                    Optional<String> known = KnownFindings.DIFFERENTIAL.stream()
                            .filter(x -> x.matches().test(runs, at)).map(KnownFindings.Known::finding).findFirst();
                    return known.map(f -> new Comparison("finding " + f, at, null, null))
                            .orElseGet(() -> new Comparison("a disagreement", at, (w[0].equals("madvise") ? w[0] + " "
                                    + w[w.length - 1] : w[0]) + ": " + HostDifferential.NEWEST + " "
                                    + runs.model(at).outcome() + ", kernel " + h.outcome(), runs.disagreement(at)));
                }
            }
            return new Comparison("the end", runs.kernel().steps().size(), null, null);
        }
    }
}
