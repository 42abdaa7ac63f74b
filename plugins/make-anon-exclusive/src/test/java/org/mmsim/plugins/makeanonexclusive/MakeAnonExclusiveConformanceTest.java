package org.mmsim.plugins.makeanonexclusive;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mmsim.testkit.junit.PolicyScenarios;

/** Only the flag's name differs from unshare (README, "The conformance matrix"): every outcome is unshare's. */
class MakeAnonExclusiveConformanceTest {
    @TestFactory
    Stream<DynamicTest> behavesLikeUnshareOnTheConformanceSuite() {
        return PolicyScenarios.of(new MakeAnonExclusivePolicies(), "make-anon-exclusive").conformanceSuite()
                .behavesLike("unshare").tests();
    }
}
