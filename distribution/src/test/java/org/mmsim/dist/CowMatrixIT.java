package org.mmsim.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * examples/conformance is cow-matrix.md's matrix: every generated scenario is what {@link CowMatrix}
 * writes, every hand-written one is a case of the matrix, and the matrix has cow.c's shape.
 */
class CowMatrixIT {
    private static final String REGENERATE = CowMatrix.REGENERATE
            + ", or: mvn -B -o verify -pl distribution -Dit.test=CowMatrixIT -Dmmsim.regenerate=true";

    @Test
    void generatedScenariosAreCheckedIn() throws IOException {
        Path dir = Conformance.dir();
        if (Boolean.getBoolean("mmsim.regenerate")) {
            CowMatrix.write(dir);
        }
        Map<String, String> generated = CowMatrix.read(dir.resolve(CowMatrix.DESCRIPTION)).generated();
        List<String> problems = new ArrayList<>();
        for (var f : generated.entrySet()) {
            Path p = dir.resolve(f.getKey());
            if (!Files.isRegularFile(p)) {
                problems.add("missing " + f.getKey());
            } else if (!Files.readString(p, StandardCharsets.UTF_8).equals(f.getValue())) {
                problems.add("differs " + f.getKey());
            }
        }
        CowMatrix.stale(dir, generated.keySet()).forEach(f -> problems.add("not generated " + f));
        assertEquals(List.of(), problems, "examples/conformance is not what " + CowMatrix.DESCRIPTION
                + " generates; regenerate with: " + REGENERATE);
    }

    @Test
    void everyScenarioIsACaseAndEveryCaseAScenario() {
        assertEquals(new TreeSet<>(Conformance.cases().keySet()), new TreeSet<>(Conformance.scenarioFiles()),
                "the .mms files below examples/conformance are the cases of " + CowMatrix.DESCRIPTION);
    }

    /**
     * cow.c's shape on the sizes the suite runs (cow-matrix.md, "Sizes": THP 16K, 64K and 2M, hugetlb 2M;
     * cow.c on x86-64 runs 778 cases with every size), less memfd hugetlb, which the language cannot say.
     */
    @Test
    void theMatrixHasTheShapeOfCowC() {
        Map<String, Integer> perKind = new TreeMap<>();
        for (CowMatrix.Case c : Conformance.cases().values()) {
            perKind.merge(c.kind(), 1, Integer::sum);
        }
        assertEquals(14 * (2 + 2 + 6 * 3 + 1) + 4 + 3 * 4, Conformance.cases().size(), "cases: " + perKind);
        // 14 anonymous tests per kind and size; 4 collapse tests; 3 non-anonymous tests per kind
        assertEquals(Map.ofEntries(Map.entry("base-page", 14), Map.entry("base-page-swap", 14),
                Map.entry("pmd", 14), Map.entry("pmd-swap", 14), Map.entry("pte", 14 * 3),
                Map.entry("pte-swap", 14 * 3), Map.entry("single-pte", 14 * 3), Map.entry("single-pte-swap", 14 * 3),
                Map.entry("partial-mremap", 14 * 3), Map.entry("partial-shared", 14 * 3), Map.entry("hugetlb", 14),
                Map.entry("collapse", 4), Map.entry("zeropage", 3), Map.entry("memfd", 3), Map.entry("tmpfile", 3),
                Map.entry("huge-zeropage", 3)), perKind);
    }

    /** Each generated scenario names the cow.c function it ports, and comments its setup's steps. */
    @Test
    void generatedScenariosSayWhatTheyPort() {
        for (CowMatrix.Case c : Conformance.cases().values()) {
            if (c.text() == null) {
                continue;
            }
            List<String> lines = c.text().lines().toList();
            assertTrue(lines.get(0).startsWith("# Port of tools/testing/selftests/mm/cow.c: test_"), c.file());
            assertTrue(lines.stream().anyMatch(l -> l.contains("# " + CowMatrix.SKIP_MARK)), c.file()
                    + ": cow.c checks every setup it runs on");
        }
    }
}
