package org.mmsim.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.scenario.Scenario;
import org.mmsim.core.testing.KernelUnsharePolicy;
import org.mmsim.core.testing.LoopingPolicy;
import org.mmsim.core.testing.TestScenarios;
import org.mmsim.core.testing.ThrowingPolicy;

class ComparisonTest {
    private final List<LoopingPolicy> loops = new ArrayList<>();

    @AfterEach
    void stopLoops() {
        loops.forEach(LoopingPolicy::release);
    }

    private LoopingPolicy loop(String id) {
        LoopingPolicy p = new LoopingPolicy(id);
        loops.add(p);
        return p;
    }

    private static ScenarioRunner runner() {
        return new ScenarioRunner(new FlagRegistry(), Limits.DEFAULT);
    }

    /** Each run's observer is its own, and the comparison keeps what the in-order listener returns. */
    @Test
    @Timeout(30)
    void perRunObserversAndWhatTheListenerKeeps() {
        List<Scenario> scenarios = List.of(TestScenarios.forkCow("a.mms", "fork cow"),
                TestScenarios.simple("b.mms", "simple"));
        List<LoadedPolicy> policies = List.of(TestScenarios.loaded(new KernelUnsharePolicy("x")),
                TestScenarios.loaded(new KernelUnsharePolicy("y")));
        java.util.Map<String, List<Integer>> seen = new java.util.concurrent.ConcurrentHashMap<>();
        List<RunResult> streamed = new ArrayList<>();
        ComparisonResult r = new Comparison(runner(), 2).compare(scenarios, policies, Duration.ofSeconds(10), true,
                (s, p) -> {
                    List<Integer> lines = java.util.Collections.synchronizedList(new ArrayList<>());
                    seen.put(s.file() + " " + p.id(), lines);
                    return (statement, outcome, state) -> lines.add(statement.line());
                }, res -> {
                    streamed.add(res);
                    return res.withoutTrace();
                });
        assertEquals(4, seen.size(), seen.toString());
        for (int s = 0; s < 2; s++) {
            for (int p = 0; p < 2; p++) {
                RunResult cell = r.cell(s, p);
                assertEquals(cell.steps().stream().map(RunResult.Step::line).toList(),
                        seen.get(scenarios.get(s).file() + " " + policies.get(p).id()), "each run, its own observer");
                assertTrue(cell.trace().isEmpty(), "kept without its trace");
                assertFalse(streamed.get(s * 2 + p).trace().isEmpty(), "the listener saw the trace");
                assertEquals(streamed.get(s * 2 + p).withoutTrace(), cell);
            }
        }
    }

    @Test
    @Timeout(30)
    void onlyTheBrokenPoliciesCellsError() {
        List<Scenario> scenarios = List.of(
                TestScenarios.forkCow("a.mms", "fork cow"),
                TestScenarios.simple("b.mms", "simple"),
                TestScenarios.forkCow("c.mms", "fork cow again"));
        List<LoadedPolicy> policies = List.of(
                TestScenarios.loaded(new KernelUnsharePolicy("unshare")),
                TestScenarios.loaded(new ThrowingPolicy("throws")),
                TestScenarios.loaded(loop("loops")));
        List<RunResult> streamed = new ArrayList<>();
        long t0 = System.nanoTime();
        ComparisonResult r = new Comparison(runner(), 4).compare(scenarios, policies, Duration.ofSeconds(1), false,
                streamed::add);
        long millis = (System.nanoTime() - t0) / 1_000_000;

        assertEquals(9, r.results().size());
        assertEquals(r.results(), streamed, "listener sees every result, in order");
        for (int s = 0; s < 3; s++) {
            assertEquals(scenarios.get(s).file(), r.cell(s, 0).file());
            for (int p = 0; p < 3; p++) {
                assertEquals(policies.get(p).id(), r.cell(s, p).policy(), "scenario x policy order");
            }
            assertEquals(RunResult.Verdict.PASS, r.cell(s, 0).verdict(), r.cell(s, 0).toString());
        }
        // the simple scenario never asks do_wp_page: every policy passes it
        assertEquals(RunResult.Verdict.PASS, r.cell(1, 1).verdict());
        assertEquals(RunResult.Verdict.PASS, r.cell(1, 2).verdict());
        for (int s : new int[] {0, 2}) {
            RunResult thrown = r.cell(s, 1);
            assertEquals(RunResult.Verdict.ERROR, thrown.verdict());
            assertTrue(thrown.error().contains("boom in doWpPage"), thrown.error());
            RunResult looped = r.cell(s, 2);
            assertEquals(RunResult.Verdict.ERROR, looped.verdict());
            assertEquals("timed out after 1s", looped.error());
            assertEquals("loops", looped.policy());
            assertEquals(RunResult.Counts.ZERO, looped.counters());
        }
        assertTrue(millis < 10_000, "finished in " + millis + " ms");
    }

    @Test
    @Timeout(30)
    void aStuckThreadIsReplacedSoOtherRunsStillRun() {
        // one thread only: two stuck runs in a row, then a normal one
        List<Scenario> scenarios = List.of(
                TestScenarios.forkCow("a.mms", "a"),
                TestScenarios.forkCow("b.mms", "b"),
                TestScenarios.simple("c.mms", "c"));
        List<LoadedPolicy> policies = List.of(TestScenarios.loaded(loop("loops")));
        ComparisonResult r = new Comparison(runner(), 1).compare(scenarios, policies, Duration.ofMillis(300));
        assertEquals("timed out after 0.3s", r.cell(0, 0).error());
        assertEquals("timed out after 0.3s", r.cell(1, 0).error());
        assertEquals(RunResult.Verdict.PASS, r.cell(2, 0).verdict());
    }

    @Test
    void emptyMatrix() {
        ComparisonResult r = new Comparison(runner(), 2).compare(List.of(), List.of(), Duration.ofSeconds(1));
        assertTrue(r.results().isEmpty());
    }

    @Test
    void manyRunsInParallelGiveTheSameResultAsOneByOne() {
        List<Scenario> scenarios = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            scenarios.add(i % 3 == 0 ? TestScenarios.wrongExpectation("w" + i + ".mms", "w" + i)
                    : TestScenarios.forkCow("f" + i + ".mms", "f" + i));
        }
        List<LoadedPolicy> policies = List.of(TestScenarios.loaded(new KernelUnsharePolicy("u1")),
                TestScenarios.loaded(new KernelUnsharePolicy("u2")));
        ComparisonResult parallel = new Comparison(runner(), 8).compare(scenarios, policies, Duration.ofSeconds(10));
        ComparisonResult serial = new Comparison(runner(), 1).compare(scenarios, policies, Duration.ofSeconds(10));
        assertEquals(serial.results(), parallel.results());
        assertEquals(14, parallel.count(0, RunResult.Verdict.FAIL));
    }

    @Test
    void timeoutNames() {
        assertEquals("10s", Comparison.seconds(Duration.ofSeconds(10)));
        assertEquals("0.5s", Comparison.seconds(Duration.ofMillis(500)));
        assertEquals("1.25s", Comparison.seconds(Duration.ofMillis(1250)));
    }
}
