package org.mmsim.testkit.junit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.mmsim.api.InvariantProvider;
import org.mmsim.api.PolicyProvider;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.plugin.PolicyCatalog;
import org.mmsim.core.run.ComparisonResult;
import org.mmsim.core.run.RunResult;
import org.mmsim.core.run.Workbench;
import org.mmsim.core.scenario.Scenario;
import org.mmsim.core.scenario.ScenarioException;
import org.mmsim.core.scenario.ScenarioParser;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Runs scenarios against a policy inside a JUnit 5 test, one dynamic test per scenario, on the runner
 * {@code mmsim compare} uses (fresh machine per run, invariants after every statement, the leak
 * check at the end, a timeout per run, the views ending with each call as for any third-party
 * plugin):
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> conformance() {
 *     return PolicyScenarios.of(new MyPolicies(), "my-policy").conformanceSuite().tests();
 * }
 * }</pre>
 *
 * <p>What passes: by default ({@link #conforming()}) the run ends without error, breaks no invariant
 * and meets every {@code expect} of the scenario (expectations name no policy: each holds for every
 * policy); a scenario tagged {@code xfail}, or a run whose first problem is one of cow.c's set-up
 * checks (a line commented {@code SKIP}), is reported skipped. {@link #safetyOnly()} drops the
 * expectations and keeps the rest. {@link #behavesLike(String)} asks instead for exactly the outcomes
 * of another policy (a bundled one, on the test class path). A failure lists each problem as
 * {@code file:line: what differed}. Immutable: each method returns a new instance.
 */
public final class PolicyScenarios {
    private final PolicyProvider provider;
    private final String policyId;
    private final List<Supplier<List<ScenarioSource>>> sources;
    private final Expectation expectation;
    private final Duration timeout;
    private final List<InvariantProvider> invariants;

    private PolicyScenarios(PolicyProvider provider, String policyId, List<Supplier<List<ScenarioSource>>> sources,
                            Expectation expectation, Duration timeout, List<InvariantProvider> invariants) {
        this.provider = provider;
        this.policyId = policyId;
        this.sources = List.copyOf(sources);
        this.expectation = expectation;
        this.timeout = timeout;
        this.invariants = List.copyOf(invariants);
    }

    /** The policy {@code policyId} of {@code provider}: the provider is asked as mmsim's plugin loader asks it. */
    public static PolicyScenarios of(PolicyProvider provider, String policyId) {
        return new PolicyScenarios(Objects.requireNonNull(provider, "provider"), Objects.requireNonNull(policyId,
                "policyId"), List.of(), new Conforms(true), Duration.ofSeconds(10), List.of());
    }

    /** Adds the conformance suite shipped in this jar (the project's examples/conformance: cow.c ported). */
    public PolicyScenarios conformanceSuite() {
        return adding(ConformanceSuite::all);
    }

    /** Adds scenario files, and every {@code .mms} file below each directory (sorted by path). */
    public PolicyScenarios scenarios(Path... filesOrDirectories) {
        PolicyScenarios p = this;
        for (Path f : filesOrDirectories) {
            p = p.adding(() -> ScenarioSource.below(f));
        }
        return p;
    }

    /** The default: no error, no broken invariant, every expectation met (see the class comment). */
    public PolicyScenarios conforming() {
        return with(new Conforms(true));
    }

    /** No error and no broken invariant; the scenarios' expectations are not checked. */
    public PolicyScenarios safetyOnly() {
        return with(new Conforms(false));
    }

    /**
     * Every statement's outcome as under {@code policyId} (e.g. {@code "unshare"}), no error, and no
     * invariant broken that it keeps. That policy must be on the test class path: add its plugin as a
     * test dependency ({@code org.mmsim:mmsim-plugin-unshare}, version managed by mmsim-plugin-parent).
     */
    public PolicyScenarios behavesLike(String policyId) {
        return with(new SameOutcomes(Objects.requireNonNull(policyId, "policyId")));
    }

    /** The longest one run may take (default 10 s, as {@code mmsim compare}). */
    public PolicyScenarios timeout(Duration timeout) {
        return new PolicyScenarios(provider, policyId, sources, expectation, timeout, invariants);
    }

    /**
     * Every run also checks these invariants (an invariant plugin's provider, say), after the built-in
     * ones, and one they find broken fails the scenario as a built-in one would; a name already taken
     * fails the factory. To test an invariant, run it under a policy that breaks it and one that does not.
     */
    public PolicyScenarios withInvariants(InvariantProvider... providers) {
        List<InvariantProvider> all = new ArrayList<>(invariants);
        all.addAll(List.of(providers));
        return new PolicyScenarios(provider, policyId, sources, expectation, timeout, all);
    }

    /**
     * One test per scenario, in order. The policy is loaded now (a provider that fails, or an id it
     * does not provide, fails the factory); the scenarios all run, in parallel, when the first test runs.
     */
    public Stream<DynamicTest> tests() {
        if (sources.isEmpty()) {
            throw new IllegalStateException("no scenarios: add conformanceSuite() or scenarios(...)");
        }
        Workbench own = Workbench.of(List.of(new PolicyCatalog.Contribution("under-test", "0", false, provider)),
                invariants, threads());
        LoadedPolicy mine = load(policyId, own, "the provider " + provider.getClass().getName());
        Workbench ref = expectation.reference() == null ? null : Workbench.of(
                ClassPathProviders.all(provider.getClass().getClassLoader(), provider.getClass()), threads());
        LoadedPolicy theirs = ref == null ? null : load(expectation.reference(), ref,
                "the test class path (add the plugin that provides it as a test dependency)");

        Map<ScenarioSource, Object> parsed = new LinkedHashMap<>(); // a Scenario, or the parse errors' text
        for (Supplier<List<ScenarioSource>> s : sources) {
            for (ScenarioSource src : s.get()) {
                parsed.put(src, parse(src));
            }
        }
        List<Scenario> runnable = parsed.values().stream().filter(Scenario.class::isInstance)
                .map(Scenario.class::cast).toList();
        Lazy mineRuns = new Lazy(() -> own.comparison().compare(runnable, List.of(mine), timeout));
        Lazy theirRuns = theirs == null ? null
                : new Lazy(() -> ref.comparison().compare(runnable, List.of(theirs), timeout));
        return parsed.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey().name(), e.getKey().uri(),
                () -> {
                    if (e.getValue() instanceof String diagnostics) {
                        throw new AssertionFailedError(diagnostics);
                    }
                    int i = runnable.indexOf(e.getValue());
                    RunResult r = mineRuns.get().results().get(i);
                    verdict(expectation.judge(e.getKey(), runnable.get(i), r,
                            theirRuns == null ? null : theirRuns.get().results().get(i)));
                }));
    }

    private static void verdict(Judgement j) {
        switch (j.kind()) {
            case PASS -> { }
            case SKIP -> throw new TestAbortedException(j.message());
            case FAIL -> throw new AssertionFailedError(j.message());
            default -> throw new IllegalStateException(j.kind().name());
        }
    }

    /** A comparison run once, when the first test needs it: all scenarios at once, in parallel. */
    private static final class Lazy {
        private final Supplier<ComparisonResult> run;
        private ComparisonResult result;

        Lazy(Supplier<ComparisonResult> run) {
            this.run = run;
        }

        synchronized ComparisonResult get() {
            if (result == null) {
                result = run.get();
            }
            return result;
        }
    }

    private static LoadedPolicy load(String id, Workbench bench, String where) {
        PolicyCatalog c = bench.catalog();
        if (!c.problems().isEmpty()) {
            throw new IllegalStateException("loading " + where + ": " + String.join("; ", c.problems()));
        }
        return c.get(id).orElseThrow(() -> new IllegalStateException("no policy '" + id + "' in " + where
                + "; it provides " + c.list().stream().map(LoadedPolicy::id).toList()));
    }

    private static Object parse(ScenarioSource src) {
        try {
            return ScenarioParser.parse(src.name(), src.content());
        } catch (ScenarioException e) {
            return src.name() + " does not parse:\n  " + String.join("\n  ",
                    e.diagnostics().stream().map(Object::toString).toList());
        }
    }

    private static int threads() {
        return Runtime.getRuntime().availableProcessors();
    }

    private PolicyScenarios adding(Supplier<List<ScenarioSource>> more) {
        List<Supplier<List<ScenarioSource>>> all = new ArrayList<>(sources);
        all.add(more);
        return new PolicyScenarios(provider, policyId, all, expectation, timeout, invariants);
    }

    private PolicyScenarios with(Expectation e) {
        return new PolicyScenarios(provider, policyId, sources, e, timeout, invariants);
    }
}
