package org.mmsim.core.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mmsim.api.PinDecision;
import org.mmsim.api.PinRequest;
import org.mmsim.api.Policy;
import org.mmsim.api.WpDecision;
import org.mmsim.api.WpFault;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.run.RunResult;
import org.mmsim.core.run.ScenarioRunner;
import org.mmsim.core.scenario.Scenario;
import org.mmsim.core.scenario.ScenarioParser;
import org.mmsim.core.testing.KernelUnsharePolicy;

/** The explorer finds the shortest bad sequences, writes scenarios that reproduce them, and is deterministic. */
class ExplorerTest {
    private final FlagRegistry flags = new FlagRegistry();

    /** Reuses every write-protected page in place: the bug class of CVE-2020-29374, made blatant. */
    private static final class AlwaysReuse extends KernelUnsharePolicy {
        AlwaysReuse() {
            super("always-reuse");
        }

        @Override
        public WpDecision doWpPage(WpFault fault) {
            return WpDecision.REUSE;
        }
    }

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
        return r.findings()[InvariantTarget.KINDS.indexOf(kind)];
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
        assertEquals(List.of(), run.failures(), "every expectation records what happened");
        assertTrue(run.violations().stream().anyMatch(v -> v.invariant().equals("isolation")
                && v.line() == run.steps().get(run.steps().size() - 1).line()), run.violations().toString());
    }

    @Test
    void aCorrectPolicyViolatesNothingInASmallUniverse() {
        Explorer.Result r = explore(new KernelUnsharePolicy(), universe(4, "write", "read", "fork", "exit", "munmap",
                "vmsplice", "peek", "release"), 2);
        for (int k = 0; k < InvariantTarget.KINDS.size(); k++) {
            assertNull(r.findings()[k], InvariantTarget.KINDS.get(k));
        }
        assertTrue(r.complete());
        assertEquals(4, r.depth());
        assertTrue(r.distinct() > 100, "it did search: " + r.distinct());
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
            assertArrayEquals(one.findings()[k], two.findings()[k], InvariantTarget.KINDS.get(k));
        }
    }

    @Test
    void resultsDoNotDependOnHowOftenTheStateTableGrows() {
        Universe u = universe(4, "write", "fork", "exit", "munmap", "vmsplice", "peek");
        Policy p = new AlwaysReuse();
        Explorer.Result roomy = new Explorer(u, 1_000_000, 2, 1 << 20).run(new InvariantTarget(p, flags, u));
        Explorer.Result tiny = new Explorer(u, 1_000_000, 2, 16).run(new InvariantTarget(p, flags, u));
        assertTrue(roomy.distinct() > 1000, "the 16-slot table had to double at least six times: " + roomy.summary());
        assertEquals(roomy.distinct(), tiny.distinct());
        assertEquals(roomy.explored(), tiny.explored(), "every node expanded once, growth or not");
        for (int k = 0; k < InvariantTarget.KINDS.size(); k++) {
            assertArrayEquals(roomy.findings()[k], tiny.findings()[k], InvariantTarget.KINDS.get(k));
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
        int[] path = r.findings()[0];
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
        assertNull(r.findings()[0]);
        assertTrue(r.complete());
    }
}
