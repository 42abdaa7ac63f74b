package org.mmsim.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsim.core.bench.Bench;
import org.mmsim.core.bench.ScenarioSuite;
import org.mmsim.testkit.MiniJson;

/** {@code mmsim bench}'s json, its table's spreads and the warning about runs too short to trust. */
class BenchCommandTest {
    @TempDir
    Path tmp;
    final Cli cli = new Cli();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstResult(String json) {
        return (Map<String, Object>) ((List<Object>) ((Map<String, Object>) MiniJson.parse(json)).get("results")).get(0);
    }

    @Test
    void theJsonKeepsTheSpecsFieldsFirstAndNamesTheUnitCounted() {
        Bench.Figures f = new Bench.Figures("unshare", new Bench.Spread(900, 1000, 1100), new Bench.Spread(0.9, 1, 1.1),
                0, new Bench.Spread(0.3, 0.4, 0.5), 2.0, Map.of());
        String json = BenchJson.write(new ScenarioSuite(List.of(), null), List.of(f));
        Map<String, Object> r = firstResult(json);
        assertEquals(List.of("policy", "statementsPerSecond", "nsPerStatement", "heapBytesPerPage", "wallSeconds",
                "statementsPerSecondMin", "statementsPerSecondMax", "nsPerStatementMin", "nsPerStatementMax",
                "wallSecondsMin", "wallSecondsMax", "timedSeconds", "tooShort"), List.copyOf(r.keySet()));
        assertEquals(1000L, r.get("statementsPerSecond"));
        assertEquals(900L, r.get("statementsPerSecondMin"));
        assertEquals(0.5, r.get("wallSecondsMax"));
        assertEquals(false, r.get("tooShort"));
        // what a forked JVM prints comes back as the same figures
        assertEquals(f, BenchJson.read("unshare", "statements", json));
        assertEquals(null, BenchJson.read("unshare", "faults", json));
    }

    @Test
    void aShortRunWarnsOnceOnStderrAndSaysSoInTheJson() throws IOException {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        String[] small = {"bench", "cow-storm", "--pages", "64", "--iterations", "1", "--warmup", "0"};
        assertEquals(0, cli.run(plugins, Map.of(), small));
        List<String> lines = cli.out.lines().toList();
        assertTrue(lines.get(0).contains("median (min–max) of 1 timed run(s)"), lines.get(0));
        assertTrue(lines.get(1).matches("policy +faults/s +\\(min–max\\) +ns/fault +\\(min–max\\) +heap B/page +wall s"
                + " +\\(min–max\\)"), lines.get(1));
        assertTrue(lines.get(2).matches("unshare +[0-9,]+ +[0-9.]+[kMG]?–[0-9.]+[kMG]? +[0-9.]+ +[0-9.]+–[0-9.]+ +[0-9.]+"
                + " +[0-9.]+ +[0-9.]+–[0-9.]+"), lines.get(2));
        assertTrue(cli.err.matches("mmsim: warning: bench: timed runs under 100 ms in all \\(unshare [0-9.]+ ms\\) are "
                + "too short to trust; raise --iterations or --pages\n"), cli.err);

        String[] json = {"bench", "cow-storm", "--pages", "64", "--iterations", "1", "--warmup", "0", "--format", "json"};
        assertEquals(0, cli.run(plugins, Map.of(), json));
        assertEquals(true, firstResult(cli.out).get("tooShort"));
        assertEquals(1, cli.err.lines().count(), cli.err);

        // a forked measuring JVM leaves the warning to the bench that started it
        String[] forked = {"bench", "cow-storm", "--pages", "64", "--iterations", "1", "--warmup", "0", "--format",
            "json", "--no-fork", "--forked"};
        assertEquals(0, cli.run(plugins, Map.of(), forked));
        assertEquals("", cli.err);
    }

    @Test
    void benchExploreSaysWhatAModelCheckerSaysOfTheUniverseAsked() throws IOException {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        String[] small = {"bench", "explore", "--depth", "3", "--statements", "write,read,fork,vmsplice,release",
            "--threads", "1", "--format", "json"};
        assertEquals(0, cli.run(plugins, Map.of(), small));
        Map<String, Object> r = firstResult(cli.out);
        long states = ((Number) r.get("states")).longValue();
        long transitions = ((Number) r.get("transitions")).longValue();
        double wall = ((Number) r.get("wallSeconds")).doubleValue();
        assertTrue(states > 10 && transitions > states, r.toString());
        assertEquals(states / wall, ((Number) r.get("statesPerSecond")).doubleValue(), states / wall * 0.05 + 1);
        assertTrue(((Number) r.get("transitionsPerSecondPerCore")).doubleValue() > 0, r.toString());
        assertTrue(((Number) r.get("bytesPerState")).doubleValue() >= 16, "a table slot at least: " + r);

        String[] unreduced = {"bench", "explore", "--depth", "3", "--statements", "write,read,fork,vmsplice,release",
            "--threads", "1", "--format", "json", "--no-symmetry", "--no-skip"};
        assertEquals(0, cli.run(plugins, Map.of(), unreduced));
        assertTrue(((Number) firstResult(cli.out).get("states")).longValue() > states, "symmetry is on by default");

        assertEquals(2, cli.run(plugins, Map.of(), "bench", "cow-storm", "--depth", "3"));
        assertTrue(cli.err.contains("apply to explore only"), cli.err);
    }

    @Test
    void ratesInARangeTakeAMetricPrefix() {
        assertEquals("21.4M", BenchCommand.si(21_412_345));
        assertEquals("950k", BenchCommand.si(950_000));
        assertEquals("1.00M", BenchCommand.si(999_600));
        assertEquals("12.0", BenchCommand.si(12));
        assertEquals("3.50G", BenchCommand.si(3.5e9));
        assertFalse(BenchCommand.si(0).isEmpty());
    }
}
