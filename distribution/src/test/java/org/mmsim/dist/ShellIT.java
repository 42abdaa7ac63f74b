package org.mmsim.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsim.dist.hostile.LikeUnshare;
import org.mmsim.dist.live.FlipOne;
import org.mmsim.dist.live.FlipPolicy;
import org.mmsim.dist.live.FlipTwo;
import org.mmsim.testkit.PluginJars;

/**
 * {@code mmsim shell} through the assembled launcher, its standard input a pipe the test writes to line by
 * line: a third-party jar is loaded, used, unloaded (its policy disappears, the session says it falls
 * back, its worker JVM is gone), loaded again, then rebuilt with other behaviour and loaded once more,
 * all in one session.
 */
class ShellIT {
    private static final List<String> PIN_SHARED = List.of("spawn p", "mmap p b anon private pages=1",
            "write p b[0] A", "fork p c", "pin p b[0] ro longterm as h");

    @TempDir
    static Path work;
    static Path plugins;

    @BeforeAll
    static void bundledPlugins() throws IOException {
        plugins = Mmsim.pluginsWithout(work.resolve("plugins"));
    }

    private static Path flip(Path jar, Class<?> provider) throws IOException {
        return PluginJars.write(jar, PluginJars.descriptor("flip", provider == FlipOne.class ? "1.0.0" : "2.0.0",
                "ShellIT"), List.of(provider, FlipPolicy.class, LikeUnshare.class), List.of(provider.getName()));
    }

    /** The launcher's {@code shell}, fed line by line; what it printed so far is read from a file. */
    private static final class Session implements AutoCloseable {
        final Process process;
        final Path out;
        final OutputStream in;

        Session(String... args) throws IOException {
            out = Files.createTempFile(work, "shell-", ".out");
            List<String> command = new java.util.ArrayList<>(Mmsim.command(args));
            ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            pb.environment().remove("MMSIM_PLUGINS_DIR");
            pb.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
            process = pb.start();
            in = process.getOutputStream();
        }

        String output() throws IOException {
            return Files.readString(out, StandardCharsets.UTF_8);
        }

        /** Types {@code line} and waits until the output holds {@code expected} once more than before. */
        String type(String line, String expected) throws IOException, InterruptedException {
            int before = count(output(), expected);
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (count(output(), expected) <= before) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    fail("after '" + line + "', no '" + expected + "' in:\n" + output());
                }
                Thread.sleep(20);
            }
            return output();
        }

        private static int count(String s, String what) {
            int n = 0;
            for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
                n++;
            }
            return n;
        }

        /** The worker JVMs of plugin jar {@code jar} (a file name) now running under mmsim. */
        long workers(String jar) {
            return process.descendants().filter(h -> h.info().arguments().map(a -> String.join(" ", a)).orElse("")
                    .contains("WorkerMain") && h.info().arguments().map(List::of).orElse(List.of()).contains(jar))
                    .count();
        }

        int end() throws IOException, InterruptedException {
            in.close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                fail("the shell did not end at the end of its input:\n" + output());
            }
            return process.exitValue();
        }

        @Override
        public void close() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    @Test
    void aThirdPartyJarIsLoadedUsedUnloadedAndLoadedAgainInOneSession() throws Exception {
        Path jar = flip(work.resolve("flip.jar"), FlipOne.class);
        try (Session s = new Session("shell", "--plugins-dir", plugins.toString())) {
            for (String statement : PIN_SHARED) {
                s.type(statement, "  frames");
            }
            assertTrue(s.output().contains("5: pin p b[0] ro longterm as h  => ok   [mm-id]"), s.output());
            assertEquals(0, s.workers("flip.jar"));

            s.type(":plugin load " + jar, "loaded plugin flip@1.0.0: flip");
            assertEquals(1, s.workers("flip.jar"), "load starts the plugin's worker JVM");
            String out = s.type(":policy flip", "[flip]");
            assertTrue(out.contains("replayed 5 statement(s): the same outcomes"), out);

            out = s.type(":plugin unload flip", "unloaded plugin flip: policies flip are gone");
            assertEquals(0, s.workers("flip.jar"), "unload ends the plugin's worker JVM:\n" + out);
            out = s.type(":policies", "* mm-id");
            assertTrue(out.contains("the session's policy flip was provided by plugin flip: falling back to mm-id"), out);
            assertFalse(out.substring(out.lastIndexOf("* mm-id")).contains("flip@"), "flip is gone: " + out);
            s.type(":policy flip", "error: no policy 'flip'");

            s.type(":plugin load " + jar, "loaded plugin flip@1.0.0: flip");
            out = s.type(":policy flip", "5: pin p b[0] ro longterm as h  => ok   [flip]");
            s.type(":plugin unload flip", "unloaded plugin flip");

            flip(jar, FlipTwo.class); // rebuilt in place: the next load takes the new bytes
            s.type(":plugin load " + jar, "loaded plugin flip@2.0.0: flip");
            out = s.type(":policy flip", "5: pin p b[0] ro longterm as h  => fail   [flip]");
            assertTrue(out.contains("  line 5: pin p b[0] ro longterm as h: ok -> fail"), out);
            s.type(":diff mm-id flip", "1 of 1 scenario(s) differ between mm-id and flip");
            s.type(":plugin unload unshare", "error: plugin unshare runs in mmsim's own JVM");
            assertEquals(1, s.end(), "two lines were rejected (:policy flip while unloaded, unloading a bundled plugin):\n" + s.output());
            assertFalse(s.output().contains("Exception"), s.output());
        }
    }

    @Test
    void aScriptThroughAPipeGetsOneLinePerProblemAndStatusOne() throws Exception {
        Path script = work.resolve("script.txt");
        Path saved = work.resolve("saved.mms");
        Files.writeString(script, String.join("\n", PIN_SHARED) + "\nwrite q b[0] X\n:save " + saved + "\n");
        Mmsim.Result r = Mmsim.runRedirected(work, script, null, "shell", "--policy", "unshare",
                "--plugins-dir", plugins.toString());
        assertEquals("", r.err(), r.describe());
        assertEquals(1, r.exit(), "a rejected line: " + r.describe());
        assertEquals(List.of("error: column 7: unknown name 'q'"),
                r.outLines().stream().filter(l -> l.startsWith("error")).toList(), r.describe());
        assertTrue(r.out().contains("5: pin p b[0] ro longterm as h  => ok   [unshare]"), r.describe());
        Mmsim.Result run = Mmsim.run(work, "run", saved.toString(), "--policy", "unshare", "--plugins-dir",
                plugins.toString());
        assertEquals(0, run.exit(), "the saved session runs: " + run.describe());
        assertTrue(run.out().startsWith("PASS"), run.describe());
    }
}
