package com.example.mmsim;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mmsim.testkit.junit.PolicyScenarios;

/**
 * Whole scenarios on mmsim's own runner, one test per .mms file: the conformance suite (cow.c, shipped
 * in the kit) and our own scenarios. A failure reads `file:line: what differed`.
 */
class MyPolicyScenariosTest {
    private final PolicyScenarios mine = PolicyScenarios.of(new MyPolicies(), "my-unshare");

    /** Every expectation, no error, no broken invariant (xfail scenarios and cow.c's SKIP checks are skipped). */
    @TestFactory
    Stream<DynamicTest> conformanceSuite() {
        return mine.conformanceSuite().tests();
    }

    /** Our own scenarios, and the same outcomes as the bundled unshare-cow-mapping policy on each statement. */
    @TestFactory
    Stream<DynamicTest> ownScenariosBehaveLikeUnshareCowMapping() {
        return mine.scenarios(Path.of("src/test/scenarios")).behavesLike("unshare-cow-mapping").tests();
    }
}
