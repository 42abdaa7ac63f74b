package org.mmsim.core.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsim.core.cli.Main;
import org.mmsim.core.testing.KernelUnsharePolicy;
import org.mmsim.testkit.PluginJars;

/** The shell's line loop with in-memory streams: statements, commands, plugins coming and going. */
class ShellTest {
    /** A R/O long-term pin of a page shared with a child: mm-id unshares it (ok), refuse refuses it (fail). */
    static final String[] PIN_SHARED = {
        "spawn p", "mmap p b anon private pages=1", "write p b[0] A", "fork p c", "pin p b[0] ro longterm as h",
    };

    @TempDir
    Path dir;

    private final ShellFixture f = new ShellFixture();

    private static String[] with(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void eachStatementShowsItsOutcomeAndTheMachineAfterIt() throws Exception {
        ShellFixture.Session s = f.run(null, "spawn p", "mmap p b anon private pages=1", "write p b[0] A");
        assertEquals(0, s.status(), s.out());
        assertTrue(s.lines().contains("3: write p b[0] A  => ok   [mm-id]"), s.out());
        // the machine after the write: p's entry maps a frame that holds A, and nothing after the first two
        String afterWrite = s.out().substring(s.out().indexOf("3: write"));
        assertTrue(afterWrite.contains("  processes") && afterWrite.contains("'A'"), s.out());
        String afterMmap = s.out().substring(s.out().indexOf("2: mmap"), s.out().indexOf("3: write"));
        assertFalse(afterMmap.contains("'A'"), s.out());
    }

    @Test
    void aLineThatDoesNotParseIsOneLineWithItsColumnAndChangesNothing() throws Exception {
        Path saved = dir.resolve("s.mms");
        ShellFixture.Session s = f.run(null, "spawn p", "write q b[0] A", "bogus 1", ":save " + saved);
        assertEquals(1, s.status(), "a rejected line makes the status 1: " + s.out());
        List<String> errors = s.lines().stream().filter(l -> l.startsWith("error: ")).toList();
        assertEquals(2, errors.size(), s.out());
        assertTrue(errors.get(0).startsWith("error: column 7: "), errors.get(0));
        assertTrue(errors.get(1).startsWith("error: column 1: "), errors.get(1));
        assertEquals(List.of("spawn p"), Files.readAllLines(saved).stream().filter(l -> !l.startsWith("#")).toList());
    }

    @Test
    void switchingPolicyReplaysAndSaysWhereOutcomesChanged() throws Exception {
        ShellFixture.Session s = f.run("mm-id", with(PIN_SHARED, ":policy refuse", ":policy refuse"));
        assertEquals(0, s.status(), s.out());
        assertTrue(s.lines().contains("5: pin p b[0] ro longterm as h  => ok   [mm-id]"), s.out());
        assertTrue(s.lines().contains("replayed 5 statement(s): outcomes changed on 1:"), s.out());
        assertTrue(s.lines().contains("  line 5: pin p b[0] ro longterm as h: ok -> fail"), s.out());
        assertTrue(s.lines().contains("5: pin p b[0] ro longterm as h  => fail   [refuse]"), s.out());
        assertTrue(s.lines().contains("replayed 5 statement(s): the same outcomes"), "the second switch: " + s.out());
    }

    @Test
    void undoDropsTheLastStatementAndShowsTheMachineBeforeIt() throws Exception {
        ShellFixture.Session s = f.run(null, "spawn p", "spawn q", ":undo", "spawn q", ":undo", ":undo", ":undo");
        assertEquals(1, s.status(), "the fourth undo has nothing to drop: " + s.out());
        assertEquals(2, s.lines().stream().filter(l -> l.equals("dropped 2: spawn q")).count(), s.out());
        assertTrue(s.lines().contains("dropped 1: spawn p"), s.out());
        assertTrue(s.lines().contains("the session is empty"), s.out());
        assertTrue(s.lines().contains("error: nothing to undo"), s.out());
        assertTrue(s.lines().contains("2: spawn q  => ok   [mm-id]"), "spawn q taken again after the undo: " + s.out());
    }

    @Test
    void diffShowsWhereTwoPoliciesPartAsMmsimDiffDoes() throws Exception {
        ShellFixture.Session s = f.run(null, with(PIN_SHARED, ":diff mm-id refuse", ":diff mm-id nope"));
        assertTrue(s.lines().contains("session: mm-id and refuse part at line 5: pin p b[0] ro longterm as h"), s.out());
        assertTrue(s.lines().contains("1 of 1 scenario(s) differ between mm-id and refuse"), s.out());
        assertTrue(s.lines().contains("error: no policy 'nope' (loaded: mm-id, refuse)"), s.out());
    }

    @Test
    void aSavedSessionIsAScenarioThatMmsimRunAcceptsAndShowsTheSameMachine() throws Exception {
        Path saved = dir.resolve("saved.mms");
        ShellFixture.Session s = f.run(null, with(new String[] {"scenario \"from the shell\"", "tags shell"},
                with(PIN_SHARED, "write p b[0] B expect ok", "tags shell again", ":save " + saved)));
        assertEquals(0, s.status(), s.out());
        String text = Files.readString(saved);
        assertTrue(text.contains("scenario \"from the shell\"\ntags shell again\nspawn p\n"), text);
        // the shell's machine after the write, and run --state of the saved file at the write's line
        List<String> shown = machineAfter(s.out(), "6: write p b[0] B");
        int line = Files.readAllLines(saved).indexOf("write p b[0] B expect ok") + 1;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(new String[] {"--plugins-dir", dir.toString(), "run", saved.toString(), "--policy", "mm-id", "--state",
            String.valueOf(line)}, InputStream.nullInputStream(), out, new PrintWriter(err), Map.<String, String>of()::get,
                (d, flags) -> f.catalog);
        assertEquals(0, status, err.toString());
        List<String> dumped = out.toString().lines().skip(1).map(l -> "  " + l).toList();
        assertEquals(dumped, shown);
        status = Main.execute(new String[] {"--plugins-dir", dir.toString(), "run", saved.toString(), "--policy", "mm-id"},
                InputStream.nullInputStream(), new StringWriter(), new PrintWriter(err), Map.<String, String>of()::get,
                (d, flags) -> f.catalog);
        assertEquals(0, status, "the saved session passes under the policy it was made with: " + err);
    }

    /** The machine lines the shell printed after the statement line starting with {@code head}. */
    private static List<String> machineAfter(String out, String head) {
        List<String> lines = out.lines().toList();
        int at = 0;
        while (!lines.get(at).startsWith(head)) {
            at++;
        }
        List<String> machine = new ArrayList<>();
        for (int k = at + 1; k < lines.size() && lines.get(k).startsWith("  "); k++) {
            machine.add(lines.get(k));
        }
        return machine;
    }

    @Test
    void tracesShowTheDecisionsOfEachStatement() throws Exception {
        ShellFixture.Session s = f.run(null, with(PIN_SHARED, ":trace", "write p b[0] B", ":trace off", "read p b[0]"));
        String traced = s.out().substring(s.out().indexOf("6: write"), s.out().indexOf("7: read"));
        assertTrue(traced.contains("do_wp_page"), traced);
        String plain = s.out().substring(s.out().indexOf("7: read"));
        assertFalse(plain.contains("handle_mm_fault"), plain);
    }

    @Test
    void aPluginLoadedAtRunTimeCanBeUsedUnloadedAndLoadedAgain() throws Exception {
        Path jar = PluginJars.write(dir.resolve("extra plugin.jar"), PluginJars.descriptor("extra"), List.of(), null);
        KernelUnsharePolicy copy = new KernelUnsharePolicy("always-copy");
        copy.wp = org.mmsim.api.WpDecision.COPY;
        f.host.jar(jar, "extra", copy);
        ShellFixture.Session s = f.run(null, "spawn p", ":plugin load " + jar, ":policy always-copy",
                ":plugin unload extra", ":policies", ":policy always-copy", ":plugin load " + jar, ":policy always-copy",
                ":plugin load " + jar, ":plugin unload base");
        assertTrue(s.lines().contains("loaded plugin extra@2.0: always-copy"), s.out());
        assertTrue(s.lines().contains("policy always-copy (was mm-id)"), s.out());
        assertTrue(s.lines().contains("unloaded plugin extra: policies always-copy are gone"), s.out());
        assertTrue(s.lines().contains("the session's policy always-copy was provided by plugin extra: falling back to "
                + "mm-id"), s.out());
        assertTrue(s.lines().contains("policy mm-id (was always-copy)"), s.out());
        assertTrue(s.lines().contains("error: no policy 'always-copy' (loaded: mm-id, refuse)"), s.out());
        assertEquals(2, s.lines().stream().filter(l -> l.equals("policy always-copy (was mm-id)")).count(),
                "usable again after the second load: " + s.out());
        assertTrue(s.lines().contains("error: plugin extra plugin.jar: Plugin-Id 'extra' is already used by loaded plugin "
                + "extra; ignored (:plugin unload extra first)"), s.out());
        assertTrue(s.lines().contains("error: plugin base is bundled"), s.out());
        assertEquals(List.of("extra"), f.host.unloaded);
        assertEquals(1, s.status());
    }

    @Test
    void aLoadedPluginThatReusesAnIdClashesAsAtStartUp() throws Exception {
        Path jar = PluginJars.write(dir.resolve("evil.jar"), PluginJars.descriptor("evil"), List.of(), null);
        f.host.jar(jar, "evil", new KernelUnsharePolicy("mm-id"));
        ShellFixture.Session s = f.run(null, "spawn p", ":plugin load " + jar, ":policy mm-id", ":policy evil:mm-id",
                ":plugin unload evil", ":policy mm-id");
        assertTrue(s.lines().contains("mmsim: plugin evil: declares policy 'mm-id', as bundled plugin base does; name "
                + "one: base:mm-id, evil:mm-id"), s.out());
        assertTrue(s.lines().contains("error: policy 'mm-id' is provided by plugins base and evil; name one: base:mm-id, "
                + "evil:mm-id"), s.out());
        assertTrue(s.lines().contains("policy evil:mm-id (was base:mm-id)"), "the session's own policy was qualified: "
                + s.out());
        assertTrue(s.lines().contains("policy mm-id (was base:mm-id)") || s.lines().contains("policy mm-id (was mm-id)"),
                "the bare id is unique again after the unload: " + s.out());
    }

    @Test
    void commandsThatMakeNoSenseAreOneLineEach() throws Exception {
        ShellFixture.Session s = f.run(null, ":nope", ":policy", ":policy host", ":plugin load", ":plugin frob x",
                ":plugin load " + dir.resolve("missing.jar"), ":plugin unload nobody", ":save", ":trace maybe",
                ":diff a", ":help", ":quit", "spawn never");
        assertEquals(1, s.status());
        long errors = s.lines().stream().filter(l -> l.startsWith("error: ")).count();
        assertEquals(10, errors, s.out());
        assertTrue(s.lines().contains("error: unknown command ':nope' (:help lists them)"), s.out());
        assertTrue(s.lines().stream().anyMatch(l -> l.startsWith("  :plugin unload ID")), ":help: " + s.out());
        assertFalse(s.out().contains("spawn never"), "nothing after :quit: " + s.out());
    }

    @Test
    void aHundredStatementSessionStaysFastPerStatement() throws Exception {
        List<String> lines = new ArrayList<>(List.of("spawn p", "mmap p b anon private pages=8"));
        for (int k = 0; lines.size() < 100; k++) {
            lines.add(switch (k % 4) {
                case 0 -> "fork p c" + k;
                case 1 -> "write p b[" + (k % 8) + "] v" + k;
                case 2 -> "pin p b[" + (k % 8) + "] ro as h" + k;
                default -> "exit c" + (k - 3);
            });
        }
        StringWriter sw = new StringWriter();
        Shell shell = ShellLoop.shell(f.setup(null), new PrintWriter(sw));
        for (String l : lines.subList(0, 20)) { // warm-up
            assertTrue(shell.handle(l), sw.toString());
        }
        for (int k = 0; k < 20; k++) {
            shell.handle(":undo");
        }
        long[] nanos = new long[lines.size()];
        for (int k = 0; k < lines.size(); k++) {
            long t = System.nanoTime();
            assertTrue(shell.handle(lines.get(k)), lines.get(k) + ": " + sw.toString().lines()
                    .reduce((a, b) -> b).orElse(""));
            nanos[k] = System.nanoTime() - t;
        }
        double last10 = java.util.Arrays.stream(nanos, 90, 100).average().orElseThrow() / 1e6;
        double mean = java.util.Arrays.stream(nanos).average().orElseThrow() / 1e6;
        System.out.printf("shell latency: mean %.2f ms per statement, statements 91-100 %.2f ms%n", mean, last10);
        assertTrue(last10 < 100, "statements 91-100 took " + last10 + " ms each");
    }
}
