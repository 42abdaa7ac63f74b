package org.mmsim.dist.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.mmsim.api.Policy;
import org.mmsim.core.run.RunResult;
import org.mmsim.core.scenario.Scenario;

/**
 * {@link ScenarioFuzzTest}'s checks on scenarios where large folios form ({@link FolioGen}): every
 * policy runs each twice with the same result, nothing throws, no run ends in error, the simulator's
 * invariants never fire, and the current kernels' policies (mm-id, unshare-cow-mapping) violate
 * nothing (but the lost-write that a device's write through a FOLL_GET reference rightly causes in
 * any kernel, see {@link ScenarioFuzzTest#deviceWritesThroughGet}), except where a reported finding
 * explains it ({@link KnownFindings#INVARIANTS}).
 *
 * <p>Tries: {@code jqwik.tries.default} (300 from junit-platform.properties); a campaign:
 * {@code mvn -B -o verify -pl distribution -am -Dtest=FolioFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=none -Djqwik.tries.default=5000}.
 */
class FolioFuzzTest {
    @Provide
    Arbitrary<FolioGen.Plan> plans() {
        return FolioGen.plans();
    }

    @Property
    void everyPolicyRunsLargeFolioScenariosCleanly(@ForAll("plans") FolioGen.Plan plan) {
        String text = FolioGen.render(plan, false);
        Scenario scenario = ScenarioFuzzTest.parse(text);
        ScenarioFuzzTest.Checked checked = ScenarioFuzzTest.Checked.of(scenario);
        List<ScenarioFuzzTest.Checked.Problem> problems = checked.problems().stream()
                .filter(p -> !KnownFindings.explained(text, p)).toList();
        if (!problems.isEmpty()) {
            fail(problems.get(0).detail() + ", scenario:\n" + ScenarioFuzzTest.numbered(text));
        }
        Set<String> fired = checked.fired();
        Statistics.label("statements").collect(Engine.bucket(scenario.statements().size(), 10));
        Statistics.label("THP sizes").collect(plan.folios().sizes().stream().map(FolioGen::name).toList()
                + (plan.folios().adviseHuge() ? " (2M by advice)" : ""));
        Statistics.label("invariants some policy violates").collect(fired.isEmpty() ? "none" : String.join(",", fired));
    }

    /** Large folios do form: under mm-id most scenarios' folio observations see one (a check of the generator). */
    @Example
    void theGeneratedScenariosMakeLargeFolios() {
        Policy mmId = Engine.POLICIES.stream().filter(p -> p.id().equals("mm-id")).findFirst().orElseThrow();
        // a fixed seed: the same 600 plans every run, so that the check cannot fail by chance
        net.jqwik.api.RandomGenerator<FolioGen.Plan> gen = FolioGen.plans().generator(1000);
        java.util.Random random = new java.util.Random(12);
        List<String> outcomes = java.util.stream.Stream.generate(() -> gen.next(random).value()).limit(600)
                .flatMap(plan -> {
            Scenario s = ScenarioFuzzTest.parse(FolioGen.render(plan, false));
            return Engine.run(s, mmId).steps().stream().filter(st -> st.statement().startsWith("folio "))
                    .map(RunResult.Step::outcome);
        }).toList();
        for (String size : List.of("16K:pte", "64K:pte", "2M:pmd", "2M:pte", "2M:hugetlb")) {
            assertTrue(outcomes.contains(size), size + " never seen in " + outcomes.size() + " folio observations");
        }
        long large = outcomes.stream().filter(o -> o.startsWith("16K") || o.startsWith("64K") || o.startsWith("2M"))
                .count();
        assertTrue(large * 5 > outcomes.size(), large + " of " + outcomes.size() + " folio observations see a large one");
    }

    /** Every statement kind the brief asks for is written, and parses. */
    @Example
    void theGeneratorWritesEveryFolioStatement() {
        List<String> missing = ScenarioGen.missing(FolioGen.plans().map(p -> FolioGen.render(p, false)), 2000,
                List.of("thp", "hugetlb", "mmap hugetlb private", "mmap hugetlb shared", "write", "read", "fork",
                        "exit", "munmap region", "munmap page", "munmap i..j", "mprotect ro", "mprotect rw",
                        "mprotect i..j", "madvise dontneed", "madvise dontfork", "madvise dofork", "madvise collapse",
                        "madvise pageout", "madvise hugepage", "mremap", "mremap i..j", "vmsplice", "iouring", "peek",
                        "poke", "release", "folio", "same"));
        assertEquals(List.of(), missing, "statement kinds FolioGen never wrote");
    }
}
