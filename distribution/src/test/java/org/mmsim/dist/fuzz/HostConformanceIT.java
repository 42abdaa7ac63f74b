package org.mmsim.dist.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Example;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * The whole conformance suite (cow.c's matrix) on the live kernel against mm-id: every scenario of
 * examples/conformance runs under both, and they agree on every step up to where a comparison of
 * this machine stops ({@link FolioDifferentialIT.Comparison}: a step the host cannot make, such as
 * pageout without swap, or the first use of a zeropage, which this guest lacks). Skipped where the
 * host column cannot own the large-folio settings.
 */
@AddLifecycleHook(HostDifferential.LargeFoliosAvailable.class)
class HostConformanceIT {
    @Example
    void mmIdAndTheKernelAgreeOnTheConformanceSuite() throws IOException {
        Path dir = Path.of(System.getProperty("mmsim.repo", "..")).resolve("examples/conformance");
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.toString().endsWith(".mms")).sorted().toList();
        }
        assertTrue(files.size() >= 300, "scenarios: " + files.size());
        List<String> disagreements = new ArrayList<>();
        int compared = 0;
        for (Path f : files) {
            FolioDifferentialIT.Comparison c = FolioDifferentialIT.Comparison.of(
                    HostDifferential.Runs.of(Files.readString(f, StandardCharsets.UTF_8)));
            compared += c.compared();
            if (c.disagreement() != null) {
                disagreements.add(dir.relativize(f) + ": " + c.disagreement());
            }
        }
        System.out.println("HostConformanceIT: " + files.size() + " scenarios, " + compared + " steps compared");
        assertTrue(compared > 1000, "steps compared: " + compared);
        assertEquals(List.of(), disagreements);
    }
}
