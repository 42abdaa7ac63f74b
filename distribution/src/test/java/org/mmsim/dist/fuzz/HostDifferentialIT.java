package org.mmsim.dist.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.mmsim.core.run.RunResult;

/**
 * The host column against the model: seeded random scenarios ({@link ScenarioGen}, every statement,
 * GUPs only those user space can make) run on the live kernel of this machine and under the newest
 * policy, which must agree on every step the kernel supports. A disagreement fails with jqwik's seed
 * and the scenario shrunk to the fewest statements that still disagree ({@code -Djqwik.seed=S}
 * replays it). Skipped, with the reason, where the host column is unavailable (no C compiler, not
 * Linux).
 *
 * <p>One difference of this machine's kernel is known and left out: where a read fault maps no shared
 * zeropage (a guest booted without it, {@code mm_forbids_zeropage()}), a {@code vmsplice} of a page
 * never written holds a fresh exclusive page that later writes reach, not the zeropage, and
 * {@code folio} or {@code same} see a page where the model maps the (huge) zeropage; a scenario is
 * compared up to the first such reference or, when it observes folios, mapping (the model's trace
 * says where), and counted.
 *
 * <p>The generated scenarios are kept in {@code target/host-differential/} (the README's host
 * benchmark runs them).
 */
@AddLifecycleHook(HostDifferential.HostAvailable.class)
class HostDifferentialIT {
    private static HostDifferential.Corpus corpus;

    @BeforeContainer
    static void emptyCorpus() throws IOException {
        corpus = new HostDifferential.Corpus("host-differential", "host");
    }

    @Provide
    Arbitrary<ScenarioGen.Plan> plans() {
        return ScenarioGen.plans(ScenarioGen.Language.V1_1);
    }

    @Property(seed = "20261130") // fixed, so that CI is repeatable; a campaign raises -Djqwik.tries.default
    void theKernelAndTheNewestPolicyAgreeOnEverySupportedStep(@ForAll("plans") ScenarioGen.Plan plan) {
        String text = ScenarioGen.render(plan, true);
        corpus.keep(text);
        HostDifferential.Runs runs = HostDifferential.Runs.of(text);
        int upTo = HostDifferential.host().fact("zeropage") ? Integer.MAX_VALUE
                : HostDifferential.firstZeropage(runs.model(), observesFolios(runs.model()));
        int compared = 0;
        int unsupported = 0;
        for (int k = 0; k < runs.kernel().steps().size(); k++) {
            RunResult.Step h = runs.kernel(k);
            if (h.line() > upTo) {
                break;
            }
            if (h.outcome().equals(RunResult.UNSUPPORTED)) {
                unsupported++;
                continue;
            }
            assertEquals(runs.model(k).outcome(), h.outcome(), runs.disagreement(k));
            compared++;
        }
        Statistics.label("compared up to").collect(upTo == Integer.MAX_VALUE ? "the end"
                : "a vmsplice of the zeropage (none on this kernel)");
        Statistics.label("steps compared").collect(Engine.bucket(compared, 10));
        Statistics.label("unsupported steps (pageout without swap)").collect(unsupported > 0);
    }

    /** folio and same see which page a read fault mapped: then the first zeropage mapping differs already. */
    private static boolean observesFolios(RunResult model) {
        return model.steps().stream().anyMatch(st -> st.statement().startsWith("folio ")
                || st.statement().startsWith("same "));
    }
}
