package org.mmsim.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsim.dist.hostile.HostilePolicies;
import org.mmsim.dist.hostile.HostilePolicy;
import org.mmsim.dist.hostile.LikeUnshare;
import org.mmsim.testkit.MiniJson;
import org.mmsim.testkit.PluginJars;

/**
 * A third-party plugin runs in worker JVMs: whatever its policies do (exit the JVM, exhaust the heap,
 * spin ignoring interrupts, sleep, leave threads running), only their own cells become {@code error}
 * with the reason in one line naming the plugin; the bundled policies' cells are those of a run
 * without the plugin; every command ends within its deadline plus 2 s, through the real launcher.
 */
class IsolationIT {
    private static final List<String> FILES = List.of("anon-basic-cow.mms", "anon-ro-pin-longterm-shared.mms");
    /** A small worker heap, so that hostile-oom runs out of it quickly. */
    private static final Map<String, String> ENV = Map.of("MMSIM_WORKER_JAVA_OPTS", "-Xmx96m");

    @TempDir
    static Path work;
    static Path plugins;
    static Path bundledOnly;

    @BeforeAll
    static void hostileJar() throws IOException {
        bundledOnly = Mmsim.pluginsWithout(work.resolve("bundled"));
        plugins = Mmsim.pluginsWithout(work.resolve("plugins"));
        PluginJars.write(plugins.resolve("mmsim-plugin-hostile-6.6.6.jar"),
                PluginJars.descriptor("hostile", "6.6.6", "hostile policies"),
                List.of(HostilePolicies.class, HostilePolicy.class, LikeUnshare.class),
                List.of(HostilePolicies.class.getName()));
        Path dir = Files.createDirectories(work.resolve("examples"));
        for (String f : FILES) {
            Files.copy(Conformance.dir().resolve(f), dir.resolve(f));
        }
    }

    private static List<String> files() {
        return FILES.stream().map(f -> "examples/" + f).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(Mmsim.Result r) {
        return (List<Map<String, Object>>) ((Map<String, Object>) MiniJson.parse(r.out())).get("results");
    }

    private static List<Map<String, Object>> cells(List<Map<String, Object>> results, String policy) {
        return results.stream().filter(c -> policy.equals(c.get("policy"))).toList();
    }

    @Test
    void compareLosesOnlyTheHostileCells() {
        List<String> base = new ArrayList<>(files());
        base.addAll(List.of("--policies", "unshare,mm-id", "--format", "json", "--plugins-dir", bundledOnly.toString()));
        Mmsim.Result without = Mmsim.run(work, compareArgs(base));
        assertEquals(0, without.exit(), without.describe());

        List<String> args = new ArrayList<>(List.of("compare"));
        args.addAll(files());
        args.addAll(List.of("--policies", "unshare,hostile-exit,hostile-oom,hostile-loop,hostile-sleep,hostile-thread,mm-id",
                "--format", "json", "--timeout", "3", "--plugins-dir", plugins.toString()));
        long start = System.nanoTime();
        Mmsim.Result r = Mmsim.run(work, ENV, args.toArray(String[]::new));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(0, r.exit(), r.describe());
        // 2 files x (loop + sleep) time out at 3 s on 2 threads, the rest is fast: well under a minute
        assertTrue(seconds < 40, "took " + seconds + " s" + r.describe());

        List<Map<String, Object>> got = results(r);
        List<Map<String, Object>> expected = results(without);
        for (String bundled : List.of("unshare", "mm-id")) {
            assertEquals(cells(expected, bundled), cells(got, bundled), bundled + " cells differ from a run without the plugin");
        }
        for (Map<String, Object> c : cells(got, "hostile-exit")) {
            assertEquals("error", c.get("verdict"), c.toString());
            assertEquals("plugin hostile: its worker JVM exited with status 7 (System.exit or halt in plugin code?)",
                    c.get("error"), c.toString());
        }
        for (Map<String, Object> c : cells(got, "hostile-oom")) {
            assertEquals("plugin hostile: its worker JVM ran out of memory (-Xmx96m heap)", c.get("error"), c.toString());
        }
        for (String spinning : List.of("hostile-loop", "hostile-sleep")) {
            for (Map<String, Object> c : cells(got, spinning)) {
                assertEquals("timed out after 3s", c.get("error"), c.toString());
            }
        }
        for (Map<String, Object> c : cells(got, "hostile-thread")) {
            assertEquals("pass", c.get("verdict"), "it decides as unshare; its threads die with its worker: " + c);
        }
    }

    private static String[] compareArgs(List<String> base) {
        List<String> a = new ArrayList<>(List.of("compare"));
        a.addAll(base);
        return a.toArray(String[]::new);
    }

    @Test
    void exploreAndBenchEndWithinTheirDeadline() {
        for (String[] args : new String[][] {
                // 5 s: mmsim, the plugin's listing worker and the command's worker all start within the
                // deadline, and the search must reach a write fault (hostile-loop's doWpPage) before it;
                // with 3 s a slow start once let the search stop cooperatively first (status 1)
                {"explore", "--policy", "hostile-loop", "--depth", "4", "--timeout", "5"},
                {"explore", "--policy", "hostile-sleep", "--depth", "4", "--timeout", "5"},
                {"diff", "unshare", "hostile-loop", "--timeout", "5"},
                {"bench", "cow-storm", "--policy", "hostile-loop", "--pages", "1024", "--timeout", "5"}}) {
            List<String> a = new ArrayList<>(List.of(args));
            a.addAll(List.of("--plugins-dir", plugins.toString()));
            long start = System.nanoTime();
            Mmsim.Result r = Mmsim.run(work, ENV, a.toArray(String[]::new));
            double seconds = (System.nanoTime() - start) / 1e9;
            String what = String.join(" ", args) + r.describe();
            assertEquals(2, r.exit(), what);
            assertTrue(seconds < 5 + 2 + 1, "took " + seconds + " s (deadline 5 s + 2, + 1 for the test's own JVM start) "
                    + what);
            assertTrue(r.err().contains("hostile") || r.err().contains("--timeout"), what);
        }
        Mmsim.Result exit = Mmsim.run(work, ENV, "explore", "--policy", "hostile-exit", "--depth", "3",
                "--plugins-dir", plugins.toString());
        assertEquals(2, exit.exit(), exit.describe());
        assertTrue(exit.err().contains("mmsim: explore: the worker JVM of plugin hostile exited with status 7"),
                exit.describe());
        Mmsim.Result oom = Mmsim.run(work, ENV, "bench", "pin-churn", "--policy", "hostile-oom", "--pages", "1024",
                "--plugins-dir", plugins.toString());
        assertEquals(2, oom.exit(), oom.describe());
        assertTrue(oom.err().contains("mmsim: bench: the worker JVM of plugin hostile ran out of memory"), oom.describe());
    }

    @Test
    void aBundledSearchStopsAtItsDeadlineWithWhatItHas() {
        long start = System.nanoTime();
        Mmsim.Result r = Mmsim.run(work, "explore", "--policy", "unshare", "--depth", "12", "--timeout", "2",
                "--plugins-dir", bundledOnly.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds < 2 + 2 + 1, "took " + seconds + " s" + r.describe());
        assertTrue(r.out().contains("stopped early: --timeout reached after 2s"), r.describe());
        assertTrue(r.outLines().get(r.outLines().size() - 1).startsWith("explored "), r.describe());
    }
}
