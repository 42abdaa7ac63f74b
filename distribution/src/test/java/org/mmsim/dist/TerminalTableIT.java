package org.mmsim.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher tells the table its terminal's width: on a terminal (a pseudo-terminal that
 * util-linux {@code script} opens, {@code stty cols 220}: seven policy columns need about 205) the conformance table fits 220 columns with
 * every title told apart; through a pipe nothing is cut.
 */
class TerminalTableIT {
    private static final Path SCRIPT = Path.of("/usr/bin/script");

    @TempDir
    Path work;

    private static int widest(List<String> lines) {
        return lines.stream().mapToInt(l -> l.codePointCount(0, l.length())).max().orElse(0);
    }

    @Test
    void onATerminalTheTableFitsItsWidth() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(SCRIPT), "no " + SCRIPT + " to open a terminal with");
        String conformance = Mmsim.dist().resolve("examples/conformance").toString();
        Path out = work.resolve("tty.txt");
        ProcessBuilder pb = new ProcessBuilder(SCRIPT.toString(), "-qec", "stty cols 220 rows 50; exec '"
                + Mmsim.launcher() + "' compare '" + conformance + "'", "/dev/null").directory(work.toFile())
                .redirectOutput(out.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().remove("MMSIM_COLUMNS");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        assertTrue(p.waitFor(Mmsim.TIMEOUT_SECONDS, TimeUnit.SECONDS), "script did not finish");
        String text = Files.readString(out, StandardCharsets.UTF_8).replace("\r", "");
        assertEquals(0, p.exitValue(), text);
        List<String> lines = text.lines().toList();
        assertEquals(220, widest(lines), text);
        List<String> titles = lines.subList(2, lines.size() - 2).stream().map(l -> l.split("  ")[0]).toList();
        int scenarios = Conformance.scenarioFiles().size();
        assertEquals(scenarios, titles.size(), text);
        assertEquals(scenarios, new HashSet<>(titles).size(), "every row told apart:\n" + text);
        assertTrue(titles.stream().anyMatch(t -> t.contains("…")), "long titles are cut to fit:\n" + text);

        Mmsim.Result piped = Mmsim.run(work, Map.of(), "compare", conformance);
        assertEquals(0, piped.exit(), piped.describe());
        assertFalse(piped.out().contains("…"), "a pipe gets every character" + piped.describe());
        assertTrue(widest(piped.outLines()) > 220, piped.describe());
    }
}
