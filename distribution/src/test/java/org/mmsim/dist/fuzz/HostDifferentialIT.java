package org.mmsim.dist.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import net.jqwik.api.statistics.Statistics;
import org.mmsim.api.Policy;
import org.mmsim.core.host.HostColumn;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.mm.TraceEvent;
import org.mmsim.core.run.RunResult;
import org.mmsim.core.scenario.Scenario;
import org.mmsim.core.scenario.ScenarioException;

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
@AddLifecycleHook(HostDifferentialIT.HostAvailable.class)
class HostDifferentialIT {
    /** The policy the kernel is held to: the newest; -Dmmsim.host.against=ID to see how an older one differs. */
    static final String NEWEST = System.getProperty("mmsim.host.against", "mm-id");
    /** jqwik's tries (src/test/resources/junit-platform.properties: 300; -Djqwik.tries.default=N for a campaign). */
    static final int TRIES = Integer.getInteger("jqwik.tries.default", 300);
    private static final AtomicInteger RUNS = new AtomicInteger();

    /** Skips the whole class, saying why, where the host column cannot run. */
    static final class HostAvailable implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            return host().unavailable().map(why -> {
                System.out.println("HostDifferentialIT SKIPPED: the host column is unavailable here: " + why);
                return SkipResult.skip("the host column is unavailable here: " + why);
            }).orElse(SkipResult.doNotSkip());
        }
    }

    private static HostColumn host;

    static synchronized HostColumn host() {
        if (host == null) {
            host = HostColumn.find(System.getProperty("mmsim.dist"));
        }
        return host;
    }

    static Path corpus() {
        return Path.of(System.getProperty("mmsim.dist")).resolveSibling("host-differential");
    }

    @BeforeContainer
    static void emptyCorpus() throws IOException {
        if (Files.isDirectory(corpus())) {
            try (Stream<Path> old = Files.walk(corpus())) {
                old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(corpus());
    }

    @Provide
    Arbitrary<ScenarioGen.Plan> plans() {
        return ScenarioGen.plans(ScenarioGen.Language.V1_1);
    }

    @Property
    void theKernelAndTheNewestPolicyAgreeOnEverySupportedStep(@ForAll("plans") ScenarioGen.Plan plan) {
        String text = ScenarioGen.render(plan, true);
        int run = RUNS.incrementAndGet();
        if (run <= TRIES) { // the tries, not jqwik's shrinking after a failure
            write(corpus().resolve(String.format("host-%03d.mms", run)), text);
        }
        Scenario scenario;
        try {
            scenario = Engine.parse(text);
        } catch (ScenarioException e) {
            throw new AssertionError("the generator wrote an invalid scenario: " + Engine.describe(e) + text, e);
        }
        Policy newest = Engine.POLICIES.stream().filter(p -> p.id().equals(NEWEST)).findFirst().orElseThrow();
        RunResult model = Engine.RUNNER.run(scenario, newest, true);
        RunResult kernel = host().run(scenario, Duration.ofSeconds(10), Limits.DEFAULT);
        String where = "\nscenario:\n" + numbered(text);
        assertTrue(kernel.verdict() != RunResult.Verdict.ERROR, "host: " + kernel.error() + where);
        assertEquals(scenario.statements().size(), kernel.steps().size(), "host steps" + where);
        int upTo = host().fact("zeropage") ? Integer.MAX_VALUE : firstZeropageReference(model);
        int compared = 0;
        int unsupported = 0;
        for (int k = 0; k < kernel.steps().size(); k++) {
            RunResult.Step h = kernel.steps().get(k);
            if (h.line() > upTo) {
                break;
            }
            if (h.outcome().equals(RunResult.UNSUPPORTED)) {
                unsupported++;
                continue;
            }
            RunResult.Step m = model.steps().get(k);
            assertEquals(m.outcome(), h.outcome(), "line " + h.line() + " (" + h.statement() + "): " + NEWEST
                    + " says " + m.outcome() + ", the kernel " + h.outcome() + where);
            compared++;
        }
        Statistics.label("compared up to").collect(upTo == Integer.MAX_VALUE ? "the end"
                : "a vmsplice of the zeropage (none on this kernel)");
        Statistics.label("steps compared").collect(compared / 10 * 10 + "-" + (compared / 10 * 10 + 9));
        Statistics.label("unsupported steps (pageout without swap)").collect(unsupported > 0);
    }

    /** The line of the first FOLL_GET reference the model took to the shared zeropage, or MAX_VALUE. */
    static int firstZeropageReference(RunResult model) {
        // folio and same see which page a read fault mapped: then the first zeropage mapping differs already
        boolean observed = model.steps().stream().anyMatch(st -> st.statement().startsWith("folio ")
                || st.statement().startsWith("same "));
        for (TraceEvent e : model.trace()) {
            if (e.event().equals("get_page") && e.text().contains(" zeropage '")
                    || observed && e.text().contains("zeropage") && (e.event().equals("do_anonymous_page")
                    || e.event().equals("do_huge_pmd_anonymous_page"))) {
                return e.line();
            }
        }
        return Integer.MAX_VALUE;
    }

    private static String numbered(String text) {
        StringBuilder b = new StringBuilder();
        int n = 1;
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                b.append(String.format("%3d  %s%n", n, line));
            }
            n++;
        }
        return b.toString();
    }

    private static void write(Path p, String text) {
        try {
            Files.writeString(p, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
