package org.mmsim.core.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.mmsim.api.PinDecision;
import org.mmsim.api.PinRequest;
import org.mmsim.api.Policy;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.run.RunResult;
import org.mmsim.core.run.ScenarioRunner;
import org.mmsim.core.scenario.Scenario;
import org.mmsim.core.scenario.ScenarioParser;
import org.mmsim.core.testing.AlwaysReuse;
import org.mmsim.core.testing.KernelUnsharePolicy;

/** The explorer finds the shortest bad sequences, writes scenarios that reproduce them, and is deterministic. */
class ExplorerTest {
    private final FlagRegistry flags = new FlagRegistry();


    /** Refuses read-only pins of shared pages (the thread's option 2). */
    private static final class Refusing extends KernelUnsharePolicy {
        Refusing() {
            super("refusing");
        }

        @Override
        public PinDecision pinReadOnly(PinRequest request) {
            PinDecision d = super.pinReadOnly(request);
            return d.kind() == PinDecision.Kind.UNSHARE ? PinDecision.refuse() : d;
        }
    }

    private static Universe universe(int depth, String... statements) {
        return new Universe(2, 2, 0, 2, depth, Set.of(statements));
    }

    private Explorer.Result explore(Policy p, Universe u, int threads) {
        return new Explorer(u, 1_000_000, threads).run(new InvariantTarget(p, flags, u));
    }

    private static int[] finding(Explorer.Result r, String kind) {
        return r.first(InvariantTarget.KINDS.indexOf(kind));
    }

    @Test
    void findsTheShortestIsolationViolationAndWritesAScenarioThatReproducesIt() throws Exception {
        Universe u = universe(4, "write", "read", "fork", "exit", "munmap");
        Policy p = new AlwaysReuse();
        Explorer.Result r = explore(p, u, 2);
        int[] path = finding(r, "isolation");
        assertNotNull(path);
        assertEquals(3, path.length, "write, fork, write: the shortest leak");
        String text = new Findings(u, flags).counterexample(p, path, "isolation");
        Scenario s = ScenarioParser.parse("found.mms", text.getBytes(StandardCharsets.UTF_8));
        RunResult run = new ScenarioRunner(flags, Limits.DEFAULT).run(s, p, false);
        assertEquals(RunResult.Verdict.FAIL, run.verdict());
        // p0 wrote P0 again after the fork, in place: p1 sees it, but only the stamp shows that; the
        // observation writes another value through p0's mapping, which p1 must not see
        RunResult.Step last = run.steps().get(run.steps().size() - 1);
        assertEquals("write p0 buf[0] PROBE", run.steps().get(run.steps().size() - 2).statement(), text);
        assertEquals("read p1 buf[0]", last.statement(), "it ends with the observation: " + text);
        assertEquals(List.of(new RunResult.Failure(last.line(), "P0", "PROBE")), run.failures(),
                "every other expectation records what happened; the observation shows the leak");
        int broke = run.steps().get(run.steps().size() - 3).line();
        assertTrue(run.violations().stream().anyMatch(v -> v.invariant().equals("isolation") && v.line() == broke),
                run.violations().toString());
    }

    @Test
    void aPolicyErrorIsFoundAsAnErrorNotAsAnInvariant() {
        // write, fork, write: the second write faults into do_wp_page, which throws
        Explorer.Result r = explore(new org.mmsim.core.testing.ThrowingPolicy("throwing"),
                universe(3, "write", "fork"), 1);
        int[] error = finding(r, "error");
        assertNotNull(error, "the policy's exception is a finding of kind error");
        assertEquals(3, error.length);
        for (String invariant : org.mmsim.core.mm.Violation.INVARIANTS) {
            assertNull(finding(r, invariant), invariant);
        }
    }

    @Test
    void aCorrectPolicyViolatesNothingInASmallUniverse() {
        Explorer.Result r = explore(new KernelUnsharePolicy(), universe(4, "write", "read", "fork", "exit", "munmap",
                "vmsplice", "peek", "release"), 2);
        for (int k = 0; k < InvariantTarget.KINDS.size(); k++) {
            assertNull(r.first(k), InvariantTarget.KINDS.get(k));
        }
        assertTrue(r.complete());
        assertEquals(4, r.depth());
        assertTrue(r.distinct() > 100, "it did search: " + r.distinct());
    }

    @Test
    void aThpUniverseExploresLargeFoliosAndItsFindingsReproduce() throws Exception {
        KernelUnsharePolicy mthp = new KernelUnsharePolicy();
        mthp.kernel = org.mmsim.api.KernelRelease.of(6, 18);
        Universe u = new Universe(2, 2, 0, 2, 3, Set.of("write", "read", "fork", "exit", "munmap"), 4);
        Explorer.Result clean = explore(mthp, u, 2);
        for (int k = 0; k < InvariantTarget.KINDS.size(); k++) {
            assertNull(clean.first(k), InvariantTarget.KINDS.get(k));
        }
        Explorer.Result base = explore(mthp, new Universe(2, 2, 0, 2, 3, u.statements()), 2);
        assertTrue(clean.distinct() != base.distinct(), "16K folios make other states: " + clean.distinct());

        Policy reuse = new AlwaysReuse();
        int[] path = finding(explore(reuse, u, 2), "isolation");
        assertNotNull(path);
        String text = new Findings(u, flags).counterexample(reuse, path, "isolation");
        assertTrue(text.contains("thp 16K always") && text.contains("pages=4"), text);
        Scenario s = ScenarioParser.parse("found.mms", text.getBytes(StandardCharsets.UTF_8));
        assertEquals(RunResult.Verdict.FAIL, new ScenarioRunner(flags, Limits.DEFAULT).run(s, reuse, false).verdict());
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() {
        Universe u = universe(4, "write", "fork", "exit", "munmap", "vmsplice", "peek");
        Policy p = new AlwaysReuse();
        Explorer.Result one = explore(p, u, 1);
        Explorer.Result two = explore(p, u, 2);
        assertEquals(one.distinct(), two.distinct());
        assertEquals(one.explored(), two.explored());
        for (int k = 0; k < InvariantTarget.KINDS.size(); k++) {
            assertArrayEquals(one.first(k), two.first(k), InvariantTarget.KINDS.get(k));
        }
    }

    @Test
    void resultsDoNotDependOnHowOftenTheStateTableGrows() {
        Universe u = universe(5, "write", "fork", "exit", "munmap", "vmsplice", "peek");
        Policy p = new AlwaysReuse();
        Explorer.Result roomy = new Explorer(u, 1_000_000, 2, 1 << 20).run(new InvariantTarget(p, flags, u));
        Explorer.Result tiny = new Explorer(u, 1_000_000, 2, 16).run(new InvariantTarget(p, flags, u));
        assertTrue(roomy.distinct() > 1000, "the 16-slot table had to double at least six times: " + roomy.summary());
        assertEquals(roomy.distinct(), tiny.distinct());
        assertEquals(roomy.explored(), tiny.explored(), "every node expanded once, growth or not");
        for (int k = 0; k < InvariantTarget.KINDS.size(); k++) {
            assertArrayEquals(roomy.first(k), tiny.first(k), InvariantTarget.KINDS.get(k));
        }
    }

    @Test
    void deduplicationKeepsFewerStatesThanSequences() {
        Explorer.Result r = explore(new KernelUnsharePolicy(), universe(3, "write", "read", "fork"), 2);
        assertTrue(r.distinct() < r.explored(), r.summary());
    }

    @Test
    void maxStatesStopsTheSearchEarly() {
        Universe u = universe(6, "write", "read", "fork", "exit", "munmap");
        Explorer.Result r = new Explorer(u, 50, 2).run(new InvariantTarget(new KernelUnsharePolicy(), flags, u));
        assertEquals("--max-states reached", r.stopReason());
        assertTrue(r.distinct() >= 50 && r.distinct() < 5000, r.summary());
    }

    @Test
    void diffFindsTheShortestSequenceThatTellsTwoPoliciesApart() throws Exception {
        Universe u = universe(4, "write", "read", "fork", "pin", "peek");
        Policy a = new KernelUnsharePolicy();
        Policy b = new Refusing();
        Explorer.Result r = new Explorer(u, 1_000_000, 2).run(new DiffTarget(a, b, flags, u));
        int[] path = r.first(0);
        assertNotNull(path);
        assertEquals(3, path.length, "write, fork, pin ro: ok versus fail");
        String text = new Findings(u, flags).difference(a, b, path);
        assertTrue(text.contains("# unshare: ok, refusing: fail"), text);
        ScenarioParser.parse("diff.mms", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void diffOfEquivalentPoliciesFindsNothing() {
        Universe u = universe(3, "write", "read", "fork", "pin", "peek", "munmap");
        Explorer.Result r = new Explorer(u, 1_000_000, 2)
                .run(new DiffTarget(new KernelUnsharePolicy(), new KernelUnsharePolicy("twin"), flags, u));
        assertNull(r.first(0));
        assertTrue(r.complete());
    }

    private List<Explorer.Finding> ofKind(Explorer.Result r, String kind) {
        return r.findings().stream().filter(f -> f.kind() == InvariantTarget.KINDS.indexOf(kind)).toList();
    }

    /** What the checks find on the state the whole path leads to (nothing for the root). */
    private int checked(InvariantTarget t, int[] path, int len) {
        if (len == 0) {
            return 0;
        }
        t.enter(path, len - 1);
        assertTrue(t.step(path[len - 1]) != 0, "a state");
        return t.check();
    }

    @Test
    void moreFindingsAreNewViolationsShortestFirstThenInKeyOrder() {
        Universe u = universe(4, "write", "read", "fork", "exit", "munmap");
        Policy p = new AlwaysReuse();
        Explorer.Result one = explore(p, u, 2);
        Explorer.Result many = new Explorer(u, 1_000_000, 2).run(new InvariantTarget(p, flags, u), 1000, f -> { });
        assertEquals(one.explored(), many.explored(), "the same search");
        assertEquals(one.distinct(), many.distinct());
        List<Explorer.Finding> isolation = ofKind(many, "isolation");
        assertTrue(isolation.size() > 5 && isolation.size() < 1000, "all there are: " + isolation.size());
        assertArrayEquals(one.first(InvariantTarget.KINDS.indexOf("isolation")), isolation.get(0).path(),
                "the first is the one finding of --max-findings 1");
        InvariantTarget t = new InvariantTarget(p, flags, u);
        int bit = 1 << InvariantTarget.KINDS.indexOf("isolation");
        for (int i = 0; i < isolation.size(); i++) {
            int[] path = isolation.get(i).path();
            assertEquals(i + 1, isolation.get(i).number());
            assertTrue((checked(t, path, path.length) & bit) != 0, "violated: " + Arrays.toString(path));
            assertEquals(0, checked(t, path, path.length - 1) & bit,
                    "not the extension of a finding: " + Arrays.toString(path));
            if (i > 0) {
                int[] before = isolation.get(i - 1).path();
                assertTrue(before.length < path.length
                        || before.length == path.length && Arrays.compare(before, path) < 0,
                        "shortest first, then the smallest key (moves in order): " + Arrays.toString(before)
                                + " before " + Arrays.toString(path));
            }
        }
        assertTrue(isolation.get(isolation.size() - 1).path().length > isolation.get(0).path().length,
                "longer ones too");
    }

    @Test
    void moreFindingsDoNotDependOnThreadsOrTableGrowth() {
        Universe u = universe(4, "write", "fork", "exit", "munmap", "vmsplice", "peek");
        Policy p = new AlwaysReuse();
        List<String> expected = null;
        for (Explorer e : List.of(new Explorer(u, 1_000_000, 1), new Explorer(u, 1_000_000, 2, 16))) {
            Explorer.Result r = e.run(new InvariantTarget(p, flags, u), 4, f -> { });
            List<String> found = r.findings().stream().map(f -> f.kind() + "#" + f.number() + Arrays.toString(f.path()))
                    .toList();
            assertTrue(found.size() > 4, found.toString());
            if (expected != null) {
                assertEquals(expected, found);
            }
            expected = found;
        }
    }

    @Test
    void findingsReachTheListenerWhenTheirLevelIsCompleteBeforeTheSearchEnds() {
        Universe u = universe(5, "write", "read", "fork", "exit", "munmap");
        Explorer explorer = new Explorer(u, 1_000_000, 2);
        List<Explorer.Finding> heard = new ArrayList<>();
        List<Explorer.Progress> when = new ArrayList<>();
        Explorer.Result r = explorer.run(new InvariantTarget(new AlwaysReuse(), flags, u), 2, f -> {
            heard.add(f);
            when.add(explorer.progress());
        });
        assertEquals(r.findings(), heard, "each finding heard once, in order");
        assertFalse(heard.isEmpty());
        for (int i = 0; i < heard.size(); i++) {
            Explorer.Progress at = when.get(i);
            assertEquals(heard.get(i).path().length, at.depth(), "heard at the end of the level that found it");
            assertEquals(at.frontier(), at.expanded(), "that level is complete");
            assertEquals(i + 1, at.findings());
        }
        assertTrue(when.get(0).distinct() < r.distinct(), "the search went on: " + when.get(0) + ", " + r.summary());
        assertEquals(3, heard.get(0).path().length);
    }

    @Test
    void progressSnapshotsAreConsistent() throws Exception {
        Universe u = universe(5, "write", "read", "fork", "exit", "munmap", "vmsplice", "peek");
        Explorer explorer = new Explorer(u, 1_000_000, 2);
        assertEquals(0, explorer.progress().depth(), "not started");
        CompletableFuture<Explorer.Result> running = CompletableFuture.supplyAsync(
                () -> explorer.run(new InvariantTarget(new AlwaysReuse(), flags, u), 1, f -> { }));
        List<Explorer.Progress> seen = new ArrayList<>();
        while (!running.isDone()) {
            seen.add(explorer.progress());
            Thread.sleep(1);
        }
        Explorer.Result r = running.get();
        seen.add(explorer.progress());
        assertTrue(seen.size() > 2, "sampled while running: " + seen.size());
        Explorer.Progress last = seen.get(seen.size() - 1);
        assertEquals(new Explorer.Progress(5, 5, last.frontier(), last.frontier(), r.distinct(), r.findings().size(),
                last.seconds()), last, "in the end: the last level expanded, every state and finding counted");
        for (int i = 0; i < seen.size(); i++) {
            Explorer.Progress p = seen.get(i);
            assertTrue(0 <= p.expanded() && p.expanded() <= p.frontier() && p.depth() <= p.maxDepth(), p.toString());
            if (i > 0) {
                Explorer.Progress q = seen.get(i - 1);
                assertTrue(q.depth() <= p.depth() && q.distinct() <= p.distinct() && q.findings() <= p.findings()
                        && q.seconds() <= p.seconds(), q + " then " + p);
            }
        }
    }
}
