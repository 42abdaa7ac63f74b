package org.mmsim.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mmsim explore} and {@code mmsim diff}: exit statuses, the summary line, replayable findings
 * written as soon as they are known, and the progress line.
 */
class ExploreIT {
    private static final Pattern SUMMARY = Pattern.compile(
            "explored \\d+ states \\(\\d+ distinct\\) to depth \\d+ in [0-9.]+ s: \\d+ distinct states/s");
    private static final Pattern PROGRESS = Pattern.compile("mmsim: depth \\d+/\\d+: \\d+ of \\d+ frontier states "
            + "expanded \\(\\d+%\\), \\d+ distinct states \\(\\d+/s\\), \\d+ findings?, \\d+ s");
    /** A progress line every 20 ms instead of every 5 s, so that a short search shows some. */
    private static final Map<String, String> FAST_PROGRESS = Map.of("MMSIM_JAVA_OPTS", "-Dmmsim.progress.millis=20");

    @TempDir
    Path work;

    private static String last(Mmsim.Result r) {
        List<String> lines = r.outLines();
        return lines.get(lines.size() - 1);
    }

    /**
     * The failed expectations of a replay, after checking that each is on the file's last line: a
     * counterexample expects what every statement gave, except the observation that ends it.
     */
    private static long observationFailures(Mmsim.Result replay, String text) {
        int lastLine = (int) text.lines().count();
        List<String> failed = replay.outLines().stream().filter(l -> l.matches("\\s*line \\d+: expected .*")).toList();
        failed.forEach(l -> assertTrue(l.strip().startsWith("line " + lastLine + ": "), l + replay.describe()));
        return failed.size();
    }

    @Test
    void exploreFindsTheVmspliceLeakUnderMapcountAndTheFileReplaysIt() throws Exception {
        Mmsim.Result r = Mmsim.run(work, "explore", "--policy", "mapcount", "--depth", "5",
                "--statements", "write,fork,munmap,vmsplice,peek", "--out", "found");
        assertEquals(1, r.exit(), r.describe());
        assertTrue(SUMMARY.matcher(last(r)).matches(), "the last line is the summary: " + r.describe());
        Path found = work.resolve("found/isolation-mapcount.mms");
        String text = Files.readString(found, StandardCharsets.UTF_8);
        assertTrue(text.contains("vmsplice p0 buf[0] as h0"), text);
        Mmsim.Result replay = Mmsim.run(work, "run", found.toString(), "--policy", "mapcount");
        assertEquals(1, replay.exit(), replay.describe());
        assertTrue(replay.out().contains(": isolation: "), replay.describe());
        assertEquals(1, observationFailures(replay, text), "every expectation holds but the observation's, which "
                + "shows the leak: " + replay.describe());
        Mmsim.Result fixed = Mmsim.run(work, "run", found.toString(), "--policy", "page-count");
        assertTrue(!fixed.out().contains(": isolation: "), "page-count copies instead: " + fixed.describe());
    }

    @Test
    void exploreOfTheNewestPolicyFindsNothing() {
        Mmsim.Result r = Mmsim.run(work, "explore", "--policy", "unshare-cow-mapping", "--depth", "4");
        assertEquals(0, r.exit(), r.describe());
        assertTrue(r.out().contains("no violation under unshare-cow-mapping up to depth 4"), r.describe());
        assertTrue(SUMMARY.matcher(last(r)).matches(), r.describe());
    }

    @Test
    void diffTellsUnshareFromItsSuccessorButNotFromItsRenaming() throws Exception {
        Mmsim.Result same = Mmsim.run(work, "diff", "unshare", "make-anon-exclusive", "--depth", "4");
        assertEquals(0, same.exit(), same.describe());
        assertTrue(Pattern.matches("no difference up to depth 4 \\(\\d+ states\\)", last(same)), same.describe());

        Mmsim.Result differ = Mmsim.run(work, "diff", "unshare", "unshare-cow-mapping", "--depth", "4",
                "--files", "1", "--out", "found");
        assertEquals(1, differ.exit(), differ.describe());
        String text = Files.readString(work.resolve("found/diff-unshare-unshare-cow-mapping.mms"),
                StandardCharsets.UTF_8);
        assertTrue(text.contains("pin p0 buf[0] ro longterm as h0"), text);
        assertTrue(text.contains("# unshare: 0, unshare-cow-mapping: P0"), text);
    }

    @Test
    void onA16KFolioDiffFindsTheReuseThatMmIdAdded() throws IOException {
        // 1da190f4d0a6 (6.15): after the child left, COW reuses the PTE-mapped 16K folio; 6.10-6.14 copy 4K
        Mmsim.Result differ = Mmsim.run(work, "diff", "unshare-cow-mapping", "mm-id", "--thp", "16K", "--depth", "5",
                "--out", "found");
        assertEquals(1, differ.exit(), differ.describe());
        String text = Files.readString(work.resolve("found/diff-unshare-cow-mapping-mm-id.mms"), StandardCharsets.UTF_8);
        assertTrue(text.contains("thp 16K always") && text.contains("fork p0 p1"), text);
        assertTrue(text.contains("# unshare-cow-mapping: 4K:pte, mm-id: 16K:pte"), text);

        Mmsim.Result bad = Mmsim.run(work, "explore", "--policy", "mm-id", "--thp", "8K");
        assertEquals(2, bad.exit(), bad.describe());
        assertTrue(Mmsim.assertOneLineError(bad).contains("--thp 8K"), bad.describe());
    }

    @Test
    void badUniverseOptionsAreUsageErrors() {
        Mmsim.Result r = Mmsim.run(work, "explore", "--policy", "unshare", "--depth", "99");
        assertEquals(2, r.exit(), r.describe());
        Mmsim.assertOneLineError(r);
        Mmsim.Result s = Mmsim.run(work, "explore", "--policy", "unshare", "--statements", "write,frobnicate");
        assertEquals(2, s.exit(), s.describe());
        Mmsim.assertOneLineError(s);
    }

    @Test
    void progressLinesGoToStderrWhenAskedAndChangeNothingElse() {
        Mmsim.Result asked = Mmsim.run(work, FAST_PROGRESS, "explore", "--policy", "unshare", "--depth", "4",
                "--progress");
        assertEquals(1, asked.exit(), asked.describe());
        assertTrue(!asked.errLines().isEmpty(), asked.describe());
        asked.errLines().forEach(l -> assertTrue(PROGRESS.matcher(l).matches(), l));
        Mmsim.Result plain = Mmsim.run(work, FAST_PROGRESS, "explore", "--policy", "unshare", "--depth", "4");
        assertEquals("", plain.err(), "stderr is not a terminal here: " + plain.describe());
        String timeless = " in [0-9.]+ s: \\d+ ";
        assertEquals(plain.out().replaceAll(timeless, ""), asked.out().replaceAll(timeless, ""), "the same results");
    }

    @Test
    void onATerminalTheProgressLineIsOnUnlessSilenced() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "script(1) gives the launcher a terminal");
        String shown = onATerminal("diff", "unshare", "make-anon-exclusive", "--depth", "4");
        assertTrue(shown.lines().anyMatch(l -> PROGRESS.matcher(l.strip()).matches()), shown);
        String silenced = onATerminal("diff", "unshare", "make-anon-exclusive", "--depth", "4", "--no-progress");
        assertTrue(silenced.contains("no difference up to depth 4") && !silenced.contains("frontier states"), silenced);
    }

    /** What mmsim ARGS prints with a terminal for stdout and stderr, as script(1) records it. */
    private String onATerminal(String... args) throws Exception {
        Path out = work.resolve("terminal.out");
        Process p = Mmsim.start(work, FAST_PROGRESS, out, work.resolve("terminal.err"),
                List.of("script", "-qec", String.join(" ", Mmsim.command(args)), "/dev/null"));
        assertTrue(p.waitFor(Mmsim.TIMEOUT_SECONDS, TimeUnit.SECONDS), "script(1) finished");
        assertEquals(0, p.exitValue());
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    @Test
    void aFindingIsWrittenWhileTheSearchGoesOnAndCtrlCReportsItOnce() throws Exception {
        Path out = work.resolve("search.out");
        Path err = work.resolve("search.err");
        // depth 7 takes tens of seconds; the 2-statement pin-coherence finding is known at once
        Process p = Mmsim.start(work, Map.of(), out, err,
                Mmsim.command("explore", "--policy", "unshare", "--depth", "7", "--out", "found"));
        Path found = work.resolve("found/pin-coherence-unshare.mms");
        try {
            for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(Mmsim.TIMEOUT_SECONDS);
                 !Files.exists(found) && p.isAlive() && System.nanoTime() < end; ) {
                Thread.sleep(10);
            }
            assertTrue(Files.exists(found) && p.isAlive(), "written while the search is running");
        } finally {
            p.destroy(); // SIGTERM, as Ctrl-C: the search stops and reports
            assertTrue(p.waitFor(Mmsim.TIMEOUT_SECONDS, TimeUnit.SECONDS));
        }
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(1, lines.stream().filter(l -> l.equals("pin-coherence under unshare: 2 statement(s)")).count(),
                "printed once: " + lines);
        assertTrue(lines.contains("stopped early: interrupted"), lines.toString());
        assertTrue(SUMMARY.matcher(lines.get(lines.size() - 1)).matches(), lines.toString());
        assertEquals("", Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void outThatIsNotADirectoryIsAUsageErrorBeforeAnySearch() throws Exception {
        Files.writeString(work.resolve("found.txt"), "");
        Mmsim.Result r = Mmsim.run(work, "explore", "--policy", "unshare", "--out", "found.txt");
        assertEquals("mmsim: --out found.txt: not a directory", Mmsim.assertOneLineError(r));
        assertEquals("", r.out(), "nothing searched: " + r.describe());
        Mmsim.Result d = Mmsim.run(work, "diff", "unshare", "fail-pin", "--out", "found.txt/sub");
        Mmsim.assertOneLineError(d);
        assertEquals("", d.out(), "nothing searched: " + d.describe());
    }

    @Test
    void maxFindingsWritesTheNextCounterexamplesBesideTheFirst() throws Exception {
        Mmsim.Result r = Mmsim.run(work, "explore", "--policy", "page-count", "--depth", "3", "--max-findings", "2",
                "--out", "found");
        assertEquals(1, r.exit(), r.describe());
        assertTrue(Files.exists(work.resolve("found/pin-coherence-page-count.mms")), r.describe());
        Path second = work.resolve("found/pin-coherence-page-count-2.mms");
        Mmsim.Result replay = Mmsim.run(work, "run", second.toString(), "--policy", "page-count");
        assertEquals(1, replay.exit(), replay.describe());
        assertTrue(replay.out().contains(": pin-coherence: "), replay.describe());
        assertEquals(1, observationFailures(replay, Files.readString(second, StandardCharsets.UTF_8)),
                replay.describe());
        Mmsim.assertOneLineError(Mmsim.run(work, "diff", "unshare", "fail-pin", "--max-findings", "2"));
    }
}
