package org.mmsim.dist.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.mmsim.api.Policy;
import org.mmsim.core.host.HostColumn;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.mm.TraceEvent;
import org.mmsim.core.run.RunResult;
import org.mmsim.core.scenario.Scenario;
import org.mmsim.core.scenario.ScenarioException;

/**
 * What the differential tests of the host column share ({@link HostDifferentialIT}, {@link FolioDifferentialIT}):
 * the column, the hook that skips where it cannot run, the corpus of generated scenarios kept in
 * {@code target/}, running one scenario on both sides, and where the two stop being comparable.
 */
final class HostDifferential {
    /** The policy the kernel is held to: the newest; -Dmmsim.host.against=ID to see how an older one differs. */
    static final String NEWEST = System.getProperty("mmsim.host.against", "mm-id");

    private static HostColumn host;

    private HostDifferential() {
    }

    static synchronized HostColumn host() {
        if (host == null) {
            host = HostColumn.find(System.getProperty("mmsim.dist"));
        }
        return host;
    }

    /** Skips the whole class, saying why, where the host column cannot run. */
    static final class HostAvailable implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            return host().unavailable().map(why -> {
                System.out.println(context.label() + " SKIPPED: the host column is unavailable here: " + why);
                return SkipResult.skip("the host column is unavailable here: " + why);
            }).orElse(SkipResult.doNotSkip());
        }
    }

    /** jqwik's tries (src/test/resources/junit-platform.properties: 300; -Djqwik.tries.default=N for a campaign). */
    static final int TRIES = Integer.getInteger("jqwik.tries.default", 300);

    /** Where a property keeps the scenarios of its tries (not of jqwik's shrinking after a failure): NAME-0001.mms, ... */
    static final class Corpus {
        private final Path dir;
        private final String name;
        private final AtomicInteger runs = new AtomicInteger();

        /** target/DIR/, emptied. */
        Corpus(String dir, String name) throws IOException {
            this.dir = emptyCorpus(dir);
            this.name = name;
        }

        void keep(String text) {
            int run = runs.incrementAndGet();
            if (run <= TRIES) {
                write(dir.resolve(String.format("%s-%04d.mms", name, run)), text);
            }
        }
    }

    /** Skips the whole class, saying why, where the host column cannot run language 1.1's settings and observations. */
    static final class LargeFoliosAvailable implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            Optional<String> why = host().unavailable().or(() -> !host().fact("settings")
                    ? Optional.of("the THP and hugetlb settings are not writable (root?)")
                    : !host().fact("pfn") || !host().fact("pagemap_scan")
                            ? Optional.of("folio and same cannot see PFNs or PMDs (root, PAGEMAP_SCAN of 6.7?)")
                            : Optional.empty());
            return why.map(w -> {
                System.out.println(context.label() + " SKIPPED: " + w);
                return SkipResult.skip(w);
            }).orElse(SkipResult.doNotSkip());
        }
    }

    /** target/NAME/, beside the distribution, emptied: where a test keeps the scenarios it generated. */
    static Path emptyCorpus(String name) throws IOException {
        Path dir = Path.of(System.getProperty("mmsim.dist")).resolveSibling(name);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> old = Files.walk(dir)) {
                old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return Files.createDirectories(dir);
    }

    static void write(Path p, String text) {
        try {
            Files.writeString(p, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Both sides' runs of one generated scenario: the model's traced, under {@link #NEWEST}. */
    record Runs(String text, Scenario scenario, RunResult model, RunResult kernel) {
        static Runs of(String text) {
            Scenario scenario;
            try {
                scenario = Engine.parse(text);
            } catch (ScenarioException e) {
                throw new AssertionError("the generator wrote an invalid scenario: " + Engine.describe(e) + text, e);
            }
            Policy newest = Engine.POLICIES.stream().filter(p -> p.id().equals(NEWEST)).findFirst().orElseThrow();
            RunResult model = Engine.RUNNER.run(scenario, newest, true);
            RunResult kernel = host().run(scenario, Duration.ofSeconds(10), Limits.DEFAULT);
            if (kernel.verdict() == RunResult.Verdict.ERROR || kernel.steps().size() != scenario.statements().size()) {
                throw new AssertionError("host: " + kernel.verdict() + " " + kernel.error() + ", "
                        + kernel.steps().size() + " steps" + where(text));
            }
            return new Runs(text, scenario, model, kernel);
        }

        /** The model's and the kernel's step k. */
        RunResult.Step model(int k) {
            return model.steps().get(k);
        }

        RunResult.Step kernel(int k) {
            return kernel.steps().get(k);
        }

        String disagreement(int k) {
            RunResult.Step h = kernel(k);
            return "line " + h.line() + " (" + h.statement() + "): " + NEWEST + " says " + model(k).outcome()
                    + ", the kernel " + h.outcome() + where(text);
        }
    }

    /** For assertion messages: the scenario with its line numbers. */
    static String where(String text) {
        StringBuilder b = new StringBuilder("\nscenario:\n");
        int n = 1;
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                b.append(String.format("%3d  %s%n", n, line));
            }
            n++;
        }
        return b.toString();
    }

    /**
     * The line of the first statement where the model used the shared zeropage in a way a kernel
     * without one cannot follow, or MAX_VALUE: a FOLL_GET reference to it (a {@code vmsplice} of a page
     * never written); with {@code mapped}, also a read fault that mapped it or the huge zeropage,
     * where such a kernel maps a fresh page, or a fresh (m)THP folio, that later folio and same
     * observations, COW and collapse see.
     */
    static int firstZeropage(RunResult model, boolean mapped) {
        for (TraceEvent e : model.trace()) {
            if (e.event().equals("get_page") && e.text().contains(" zeropage '")
                    || mapped && (e.event().equals("do_anonymous_page") || e.event().equals("do_huge_pmd_anonymous_page"))
                            && e.text().contains("zeropage")) {
                return e.line();
            }
        }
        return Integer.MAX_VALUE;
    }
}
