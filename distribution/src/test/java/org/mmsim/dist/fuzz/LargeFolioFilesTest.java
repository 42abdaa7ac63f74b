package org.mmsim.dist.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mmsim.api.Policy;
import org.mmsim.core.run.RunResult;
import org.mmsim.core.scenario.ScenarioException;
import org.mmsim.core.scenario.ScenarioParser;

/**
 * The large-folio scenarios whose expectations were taken from the live kernel (HostLargeFoliosIT
 * runs them there) pass under mm-id, the policy of the newest kernel: the machine agrees with 6.18.
 */
class LargeFolioFilesTest {
    @Test
    void theKernelsLargeFolioScenariosPassUnderMmId() throws IOException, ScenarioException {
        Path dir = Path.of(System.getProperty("mmsim.repo", "..")).resolve("distribution/src/test/resources/host-v11");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".mms")).sorted().toList();
        }
        assertTrue(files.size() >= 6, "scenarios: " + files);
        Policy mmId = Engine.POLICIES.stream().filter(p -> p.id().equals("mm-id")).findFirst().orElseThrow();
        List<String> problems = new ArrayList<>();
        for (Path f : files) {
            RunResult r = Engine.run(ScenarioParser.parse(f), mmId);
            if (r.verdict() != RunResult.Verdict.PASS) {
                problems.add(f.getFileName() + ": " + r.verdict() + " " + r.failures() + " " + r.violations()
                        + " " + r.error());
            }
        }
        assertEquals(List.of(), problems);
    }
}
