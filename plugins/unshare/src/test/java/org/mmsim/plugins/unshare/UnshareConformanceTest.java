package org.mmsim.plugins.unshare;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mmsim.testkit.junit.PolicyScenarios;

/** The plugin authors' harness on the newest bundled policy: the whole conformance suite, as a third party runs it. */
class UnshareConformanceTest {
    @TestFactory
    Stream<DynamicTest> unshareCowMappingPassesTheConformanceSuite() {
        return PolicyScenarios.of(new UnsharePolicies(), "unshare-cow-mapping").conformanceSuite().tests();
    }
}
