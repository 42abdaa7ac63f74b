package org.mmsim.testkit.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class PolicyScenariosTest {
    private static final Path SCENARIOS = Path.of("src/test/resources/scenarios");
    private static final Path ISOLATION = SCENARIOS.resolve("fork-isolation.mms");

    /** Each test's name and outcome: "pass", or the exception's class and message. */
    private static List<String> outcomes(PolicyScenarios p) {
        List<String> out = new ArrayList<>();
        p.tests().forEach(t -> out.add(t.getDisplayName() + " -> " + outcome(t)));
        return out;
    }

    private static String outcome(DynamicTest t) {
        try {
            t.getExecutable().execute();
            return "pass";
        } catch (Throwable e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    @Test
    void aPolicyThatKeepsEveryExpectationPasses() {
        assertEquals(List.of(ISOLATION + " -> pass"),
                outcomes(PolicyScenarios.of(new TestPolicies.UnderTest(), "copy-too").scenarios(ISOLATION)));
    }

    @Test
    void aFailureNamesFileLineAndWhatDiffered() {
        String o = outcomes(PolicyScenarios.of(new TestPolicies.UnderTest(), "reuse").scenarios(ISOLATION)).get(0);
        assertTrue(o.startsWith(ISOLATION + " -> AssertionFailedError: reuse on " + ISOLATION
                + " (\"the child keeps what it saw at fork\"): "), o);
        assertTrue(o.contains("\n  " + ISOLATION + ":6: invariant isolation broken: "), o);
        assertTrue(o.contains("\n  " + ISOLATION + ":7: expected before, got after"), o);
    }

    /** An invariant plugin's: no anonymous frame is mapped by two processes (true until a COW copy). */
    private static org.mmsim.api.InvariantProvider sharedAnon(String name) {
        return () -> List.of(new org.mmsim.api.Invariant() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "no anonymous frame is mapped twice";
            }

            @Override
            public void check(org.mmsim.api.MachineView machine, Violations out) {
                for (org.mmsim.api.MachineView.Process p : machine.processes()) {
                    for (org.mmsim.api.MachineView.Mapping m : p.mappings()) {
                        org.mmsim.api.MachineView.Frame f = m.pages() > 0 ? m.frame(0) : null;
                        if (f != null && f.anon() && f.mapCount() > 1) {
                            out.report("#" + f.id(), "#" + f.id() + " mapped " + f.mapCount() + " times");
                        }
                    }
                }
            }
        });
    }

    @Test
    void anInvariantPluginsInvariantIsCheckedOnEveryRunAsTheBuiltInOnesAre() {
        PolicyScenarios copy = PolicyScenarios.of(new TestPolicies.UnderTest(), "copy-too").scenarios(ISOLATION);
        assertEquals(List.of(ISOLATION + " -> pass"), outcomes(copy));
        String o = outcomes(copy.withInvariants(sharedAnon("shared-anon"))).get(0);
        // broken by the fork (line 5), mended by the parent's COW copy (line 6): reported once
        assertTrue(o.contains("\n  " + ISOLATION + ":5: invariant shared-anon broken: #1 mapped 2 times"), o);
        assertEquals(1, o.split("invariant shared-anon").length - 1, o);
        IllegalArgumentException taken = assertThrows(IllegalArgumentException.class,
                () -> copy.withInvariants(sharedAnon("leak")).tests());
        assertEquals("plugin under-test: invariant 'leak' is already contributed by mmsim itself; ignored",
                taken.getMessage());
    }

    @Test
    void safetyOnlyStillFailsOnABrokenInvariantButNotOnExpectations() {
        String o = outcomes(PolicyScenarios.of(new TestPolicies.UnderTest(), "reuse").scenarios(ISOLATION)
                .safetyOnly()).get(0);
        assertTrue(o.contains(":6: invariant isolation broken"), o);
        assertTrue(!o.contains("expected before"), o);
    }

    @Test
    void xfailScenariosAndCowSetUpChecksAreSkippedNotFailed() {
        List<String> o = outcomes(PolicyScenarios.of(new TestPolicies.UnderTest(), "reuse")
                .scenarios(SCENARIOS.resolve("xfail.mms"), SCENARIOS.resolve("setup-check.mms")));
        assertTrue(o.get(0).contains("-> TestAbortedException: xfail (the kernel fails this scenario too): "), o.get(0));
        assertTrue(o.get(1).contains("-> TestAbortedException: skipped as cow.c would, at its set-up check: "
                + SCENARIOS.resolve("setup-check.mms") + ":6: invariant "), o.get(1));
    }

    @Test
    void behavesLikeComparesEveryOutcomeWithThePolicyOnTheClassPath() {
        assertEquals(List.of(ISOLATION + " -> pass"), outcomes(PolicyScenarios.of(new TestPolicies.UnderTest(),
                "copy-too").scenarios(ISOLATION).behavesLike("always-copy")));
        String o = outcomes(PolicyScenarios.of(new TestPolicies.UnderTest(), "reuse").scenarios(ISOLATION)
                .behavesLike("always-copy")).get(0);
        assertTrue(o.contains("differs from always-copy in 4 places"), o);
        assertTrue(o.endsWith("\n  " + ISOLATION + ":7: `read child buf[0]`: always-copy gives before, reuse gives after"),
                o);
        assertTrue(o.contains(ISOLATION + ":6: invariant isolation broken: "), o);
    }

    @Test
    void aScenarioThatDoesNotParseFailsWithItsLocation() {
        String o = outcomes(PolicyScenarios.of(new TestPolicies.UnderTest(), "copy-too")
                .scenarios(Path.of("src/test/resources/broken"))).get(0);
        assertTrue(o.contains("AssertionFailedError: src/test/resources/broken/unknown-statement.mms does not parse:\n"
                + "  src/test/resources/broken/unknown-statement.mms:2:"), o);
    }

    @Test
    void theConformanceSuiteIsInsideTheKit() {
        List<String> o = outcomes(PolicyScenarios.of(new TestPolicies.UnderTest(), "copy-too").conformanceSuite());
        assertEquals(338, o.size());
        assertTrue(o.contains("conformance/anon-basic-cow.mms -> pass"), o.toString());
        assertTrue(o.stream().anyMatch(l -> l.startsWith("conformance/thp-64K/")), o.toString());
    }

    @Test
    void anUnknownPolicyOrReferenceFailsTheFactoryInOneLine() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PolicyScenarios.of(new TestPolicies.UnderTest(), "nope").scenarios(ISOLATION).tests());
        assertEquals("no policy 'nope' in the provider " + TestPolicies.UnderTest.class.getName()
                + "; it provides [copy-too, reuse]", e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> PolicyScenarios.of(new TestPolicies.UnderTest(),
                "reuse").scenarios(ISOLATION).behavesLike("unshare").tests());
        assertTrue(e.getMessage().startsWith("no policy 'unshare' in the test class path"), e.getMessage());
    }
}
