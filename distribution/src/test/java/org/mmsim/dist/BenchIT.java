package org.mmsim.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsim.testkit.MiniJson;

/**
 * {@code mmsim bench} through the launcher, on small workloads: the json shape of the spec, one JVM
 * per policy unless {@code --no-fork}, options carried into the forked JVMs, and a failure in one of
 * them reported once, in one line.
 */
class BenchIT {
    static final List<String> ALL = List.of("mapcount", "page-count", "make-anon-exclusive", "mm-id", "unshare",
            "unshare-cow-mapping", "fail-pin");
    static final String[] SMALL = {"--pages", "2048", "--iterations", "1", "--warmup", "0"};

    @TempDir
    Path work;

    private static String[] args(String... head) {
        return Stream.concat(Stream.of(head), Stream.of(SMALL)).toArray(String[]::new);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(Mmsim.Result r) {
        assertEquals(0, r.exit(), r.describe());
        Map<String, Object> doc = (Map<String, Object>) MiniJson.parse(r.out());
        return (List<Map<String, Object>>) doc.get("results");
    }

    @Test
    void jsonHasEveryPolicyWithItsFigures() {
        Mmsim.Result r = Mmsim.run(work, args("bench", "cow-storm", "--format", "json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = (Map<String, Object>) MiniJson.parse(r.out());
        assertEquals("cow-storm", doc.get("workload"));
        assertEquals(2048L, ((Number) doc.get("pages")).longValue());
        List<Map<String, Object>> results = results(r);
        assertEquals(ALL, results.stream().map(m -> m.get("policy")).toList(), r.describe());
        for (Map<String, Object> m : results) {
            double rate = ((Number) m.get("faultsPerSecond")).doubleValue();
            double wall = ((Number) m.get("wallSeconds")).doubleValue();
            assertTrue(rate > 0 && wall > 0, m.toString());
            // 3 faults per page: first touch, the child's COW, the parent's reuse or copy (within the
            // rounding of wallSeconds to 0.1 ms)
            assertEquals(3 * 2048, rate * wall, rate * 0.00005 + 1, m.toString());
            assertTrue(((Number) m.get("heapBytesPerPage")).doubleValue() > 8, "a page costs at least its frame: " + m);
            // the spread around the median, measured in the forked JVM and carried back
            double min = ((Number) m.get("faultsPerSecondMin")).doubleValue();
            double max = ((Number) m.get("faultsPerSecondMax")).doubleValue();
            assertTrue(min > 0 && min <= rate && rate <= max, m.toString());
            assertTrue(((Number) m.get("wallSecondsMin")).doubleValue() <= wall
                    && wall <= ((Number) m.get("wallSecondsMax")).doubleValue(), m.toString());
            assertEquals(true, m.get("tooShort"), "2048 pages once: " + m);
        }
        // one warning for them all, from this JVM, none from the forked ones
        assertEquals(1, r.errLines().size(), r.describe());
        assertTrue(r.err().startsWith("mmsim: warning: bench: timed runs under 100 ms in all (mapcount "), r.describe());
        assertTrue(r.err().contains(", fail-pin "), r.describe());
    }

    @Test
    void eachPolicyRunsInItsOwnJvmUnlessNoFork() throws IOException {
        Path logs = Files.createDirectories(work.resolve("logs"));
        Map<String, String> env = Map.of("MMSIM_JAVA_OPTS", "-XX:+UnlockDiagnosticVMOptions -XX:+LogVMOutput "
                + "-XX:LogFile=" + logs + "/jvm-%p.log");
        Mmsim.Result forked = Mmsim.run(work, env, args("bench", "pin-churn"));
        assertEquals(0, forked.exit(), forked.describe());
        assertTrue(forked.outLines().get(0).endsWith("one JVM per policy"), forked.describe());
        assertEquals(1 + ALL.size(), count(logs), "the bench JVM and one per policy");

        Path oneLogs = Files.createDirectories(work.resolve("one"));
        Mmsim.Result one = Mmsim.run(work, Map.of("MMSIM_JAVA_OPTS", "-XX:+UnlockDiagnosticVMOptions "
                + "-XX:+LogVMOutput -XX:LogFile=" + oneLogs + "/jvm-%p.log"), args("bench", "pin-churn", "--no-fork"));
        assertEquals(0, one.exit(), one.describe());
        assertTrue(one.outLines().get(0).endsWith("in one JVM"), one.describe());
        assertEquals(1, count(oneLogs));
        assertEquals(2 + ALL.size(), one.outLines().size(), one.describe());
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void theForkedJvmsLoadTheSamePlugins() throws IOException {
        Path plugins = Mmsim.pluginsWithout(work.resolve("plugins"), "mmsim-plugin-legacy");
        Mmsim.Result r = Mmsim.run(work, args("--plugins-dir", plugins.toString(), "bench", "fork-tree",
                "--processes", "3", "--format", "json"));
        assertEquals(List.of("make-anon-exclusive", "mm-id", "unshare", "unshare-cow-mapping", "fail-pin"),
                results(r).stream().map(m -> m.get("policy")).toList(), r.describe());
    }

    @Test
    void outOfMemoryInAForkedJvmIsOneLine() {
        Mmsim.Result r = Mmsim.run(work, Map.of("MMSIM_JAVA_OPTS", "-Xmx48m"), "bench", "cow-storm",
                "--pages", "16777216", "--iterations", "1", "--warmup", "0");
        String line = Mmsim.assertOneLineError(r);
        assertTrue(line.startsWith("mmsim: bench: out of memory at 16777216 pages (mapcount, max heap "), line);
    }

    @Test
    void aForkedJvmThatDiesSilentlyIsNamedInOneLine() throws IOException {
        // a copy of the distribution whose launcher kills the forked JVMs (they get --no-fork)
        Path home = work.resolve("dist");
        try (Stream<Path> files = Files.walk(Mmsim.dist())) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path to = home.resolve(Mmsim.dist().relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        Path bin = home.resolve("bin");
        Files.move(bin.resolve("mmsim"), bin.resolve("mmsim.real"));
        Files.writeString(bin.resolve("mmsim"), """
                #!/bin/sh
                for a in "$@"; do [ "$a" = --no-fork ] && kill -9 $$; done
                exec "$(dirname "$0")/mmsim.real" "$@"
                """);
        bin.resolve("mmsim").toFile().setExecutable(true);
        Mmsim.Result r = Mmsim.run(work, home.resolve("bin").resolve("mmsim"), Map.of(),
                args("bench", "cow-storm"));
        String line = Mmsim.assertOneLineError(r);
        assertEquals("mmsim: bench: the JVM measuring mapcount exited with status 137", line);
    }

    @Test
    void scenariosCountStatements() {
        Mmsim.Result r = Mmsim.run(work, "bench", "scenarios", "--policy", "unshare", "--iterations", "1",
                "--warmup", "0", "--format", "json");
        Map<String, Object> m = results(r).get(0);
        assertTrue(((Number) m.get("statementsPerSecond")).doubleValue() > 0, m.toString());
        assertTrue(((Number) m.get("nsPerStatement")).doubleValue() > 0, m.toString());
        assertTrue(!m.containsKey("nsPerFault") && !m.containsKey("faultsPerSecond"), "per statement: " + m);
    }

    @Test
    void badOptionsAreUsageErrors() {
        Mmsim.assertOneLineError(Mmsim.run(work, "bench", "nosuch"));
        Mmsim.assertOneLineError(Mmsim.run(work, "bench", "scenarios", "--pages", "4"));
        Mmsim.assertOneLineError(Mmsim.run(work, "bench", "cow-storm", "--pages", "0"));
        Mmsim.assertOneLineError(Mmsim.run(work, "bench", "cow-storm", "--policy", "nosuch"));
    }
}
