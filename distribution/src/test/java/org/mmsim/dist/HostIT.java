package org.mmsim.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsim.core.host.CExport;
import org.mmsim.core.scenario.ScenarioParser;
import org.mmsim.testkit.MiniJson;

/**
 * The {@code host} column and {@code export --c} end to end: the launcher runs scenarios on this
 * machine's kernel, bounded and cleaned up, and an exported program reproduces the column's steps.
 * Skipped, saying why, where the column is unavailable (no C compiler, not Linux).
 */
class HostIT {
    static final String NEWEST = "mm-id";

    @TempDir
    Path work;

    /** The host column's line of {@code mmsim policies}. */
    private static String hostLine;

    @BeforeAll
    static void hostLine() {
        Mmsim.Result r = Mmsim.run(Mmsim.dist(), "policies");
        assertEquals(0, r.exit(), r.describe());
        hostLine = r.outLines().stream().filter(l -> l.startsWith("host ")).findFirst().orElseThrow(
                () -> new AssertionError("policies does not list the host column" + r.describe()));
        if (hostLine.contains("unavailable")) {
            System.out.println("HostIT SKIPPED: " + hostLine);
        }
    }

    @BeforeEach
    void hostAvailable() {
        Assumptions.assumeFalse(hostLine.contains("unavailable"), hostLine);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(Mmsim.Result r) {
        return (List<Map<String, Object>>) ((Map<String, Object>) MiniJson.parse(r.out())).get("results");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> steps(Map<String, Object> result) {
        return (List<Map<String, Object>>) result.get("steps");
    }

    /** (file, policy) -> result. */
    private static Map<String, Map<String, Object>> byFileAndPolicy(List<Map<String, Object>> results) {
        Map<String, Map<String, Object>> m = new java.util.TreeMap<>();
        for (Map<String, Object> r : results) {
            m.put(r.get("file") + " " + r.get("policy"), r);
        }
        return m;
    }

    @Test
    void policiesNamesTheKernelRelease() throws IOException {
        Mmsim.Result r = Mmsim.run(work, "policies");
        String release = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        List<String> lines = r.outLines();
        assertTrue(lines.get(lines.size() - 1).matches("host +builtin@\\S+ +the live kernel of this machine: Linux "
                + java.util.regex.Pattern.quote(release) + "( \\(.*\\))?"), r.describe());
    }

    @Test
    void theConformanceSuiteAgreesWithTheNewestPolicyOnEverySupportedStep() {
        // the hand-written base-page suite: the generated large-folio matrix below it needs v1.1
        String[] suite = Conformance.handWritten(Conformance.dir());
        Mmsim.Result r = Mmsim.run(work, StandardStreamsIT.args("compare", suite, "--policies", NEWEST + ",host",
                "--format", "json"));
        assertEquals(0, r.exit(), r.describe());
        Map<String, Map<String, Object>> all = byFileAndPolicy(results(r));
        int compared = 0;
        int skipped = 0;
        for (String path : suite) {
            String file = Path.of(path).getFileName().toString();
            Map<String, Object> model = all.get(path + " " + NEWEST);
            Map<String, Object> host = all.get(path + " host");
            assertEquals("pass", host.get("verdict"), file + ": " + host);
            List<Map<String, Object>> hs = steps(host);
            List<Map<String, Object>> ms = steps(model);
            assertEquals(ms.size(), hs.size(), file);
            for (int k = 0; k < hs.size(); k++) {
                assertEquals(ms.get(k).get("line"), hs.get(k).get("line"), file);
                if (hs.get(k).get("outcome").equals("unsupported")) {
                    continue;
                }
                assertEquals(ms.get(k).get("outcome"), hs.get(k).get("outcome"), file + " line " + hs.get(k).get("line"));
                compared++;
            }
            if (host.containsKey("skipped")) {
                skipped++;
            }
        }
        assertTrue(compared > 300, "steps compared: " + compared);
        // the R/O pins of cow.c's cases cannot be taken from user space: their expectations are skipped
        assertTrue(skipped >= 5, "scenarios with skipped expectations: " + skipped);
    }

    /**
     * Without swap, pageout leaves the anonymous page mapped where the scenario asked for it to be
     * swapped out: from then on folio and same in that process (and its later children) are
     * unsupported, not a difference (found by HostDifferentialIT). With swap, the page is swapped out.
     */
    @Test
    void aPageoutWithoutSwapMakesLaterFolioAndSameUnsupported() throws IOException {
        Path f = Files.writeString(work.resolve("pageout.mms"), """
                spawn p0
                mmap p0 r0 anon private rw
                write p0 r0[0] v1
                madvise p0 r0 pageout
                folio p0 r0[0]
                fork p0 p1
                same p0 r0[0] p1 r0[0]
                folio p1 r0[0]
                read p1 r0[0] expect v1
                """);
        Mmsim.Result r = Mmsim.run(work, "run", f.toString(), "--policy", "host", "--format", "json");
        assertEquals(0, r.exit(), r.describe());
        List<Map<String, Object>> steps = steps(results(r).get(0));
        if (steps.get(3).get("outcome").equals("unsupported")) {
            for (int k : new int[] {4, 6, 7}) {
                assertEquals("unsupported", steps.get(k).get("outcome"), "step " + k + r.describe());
            }
        } else {
            assertEquals("swap", steps.get(4).get("outcome"), r.describe());
        }
        assertEquals("v1", steps.get(8).get("outcome"), r.describe());
    }

    /**
     * The parser frees a name at an mremap of the whole region, which fails at run time when the
     * range starts in a hole (remap_move(): EFAULT). A later mmap or mremap to that name is a new
     * mapping at a free address all the same, and the old one stays mapped, nameless, in the process
     * and the children it forks (HostDifferentialIT found the mmap: the model said fail).
     */
    @Test
    void aNameStillMappedAfterAFailedMremapGoesToTheNewMappingAsOnTheKernel() throws IOException {
        Path f = Files.writeString(work.resolve("taken-name.mms"), """
                spawn p0
                mmap p0 r0 anon private rw pages=2
                write p0 r0[1] old
                munmap p0 r0[0]
                write p0 r0[0] v1 expect segv
                mremap p0 r0[0..1] as m0 expect fail
                write p0 m0[0] v1 expect segv
                fork p0 p1
                same p0 r0[1] p1 r0[1] expect yes
                mmap p1 r0 anon private rw pages=2 expect ok
                read p1 r0[1] expect 0
                same p0 r0[1] p1 r0[1] expect no
                mmap p0 b anon private rw pages=1
                write p0 b[0] B
                mremap p0 b[0] as r0 expect ok
                read p0 r0[0] expect B
                fork p0 p2
                read p2 r0[0] expect B
                exit p0
                munmap p1 r0
                mmap p1 r0 anon private rw pages=1 expect ok
                write p1 r0[0] new expect ok
                """);
        Mmsim.Result r = Mmsim.run(work, "compare", f.toString(), "--policies", NEWEST + ",host", "--format", "json");
        assertEquals(0, r.exit(), r.describe());
        Map<String, Map<String, Object>> all = byFileAndPolicy(results(r));
        Map<String, Object> model = all.get(f + " " + NEWEST);
        Map<String, Object> host = all.get(f + " host");
        assertEquals("pass", host.get("verdict"), host.toString());
        assertEquals("pass", model.get("verdict"), model.toString());
        assertEquals(steps(host), steps(model));
    }

    @Test
    void anExpectationOnAnUnsupportedStepIsSkippedNotFailed() throws IOException {
        Path f = Files.writeString(work.resolve("ro-pin.mms"), """
                spawn p
                mmap p buf anon private
                write p buf[0] A
                pin p buf[0] ro longterm as h expect ok
                peek h expect A
                read p buf[0] expect B
                pin p buf[0] rw as s
                poke s D expect ok
                read p buf[0] expect D
                """);
        Mmsim.Result r = Mmsim.run(work, "run", f.toString(), "--policy", "host", "--format", "json");
        assertEquals(1, r.exit(), "the read's expectation fails: " + r.describe());
        Map<String, Object> result = results(r).get(0);
        assertEquals("fail", result.get("verdict"));
        // on unsupported steps, and of a value only an unsupported step wrote (the device's, through s)
        assertEquals(List.of(Map.of("line", 4L, "expected", "ok"), Map.of("line", 5L, "expected", "A"),
                Map.of("line", 8L, "expected", "ok"), Map.of("line", 9L, "expected", "D")),
                result.get("skipped"), r.describe());
        assertEquals(List.of(Map.of("line", 6L, "expected", "B", "actual", "A")), result.get("failures"));
        assertEquals("unsupported", steps(result).get(3).get("outcome"));
        assertEquals("A", steps(result).get(5).get("outcome"));
        Mmsim.Result text = Mmsim.run(work, "run", f.toString(), "--policy", "host");
        assertTrue(text.out().contains("skipped"), text.describe());
    }

    @Test
    void aForkBombStopsAtMaxProcessesAndLeavesNothingBehind() throws IOException {
        StringBuilder s = new StringBuilder("spawn p0\n");
        for (int i = 0; i < 500; i++) {
            s.append("fork p").append(i).append(" p").append(i + 1).append('\n');
        }
        Path f = Files.writeString(work.resolve("bomb.mms"), s);
        Mmsim.Result r = Mmsim.run(work, "run", f.toString(), "--policy", "host", "--max-processes", "30");
        assertEquals(1, r.exit(), r.describe());
        assertTrue(r.out().contains("error: line 31: process limit reached (30)"), r.describe());
        assertEquals(List.of(), helpers(), "processes left behind");
    }

    @Test
    void aScenarioPastItsDeadlineIsKilledWithEveryProcess() throws IOException {
        StringBuilder s = new StringBuilder("spawn p\nmmap p buf anon private pages=262144\nfork p q\n");
        for (int i = 0; i < 40000; i++) {
            s.append("write ").append(i % 2 == 0 ? "p" : "q").append(" buf[").append(i * 7919L % 262144)
                    .append("] v\n");
        }
        Path f = Files.writeString(work.resolve("long.mms"), s);
        long t0 = System.nanoTime();
        Mmsim.Result r = Mmsim.run(work, "run", f.toString(), "--policy", "host", "--timeout", "1");
        assertEquals(1, r.exit(), r.describe());
        assertTrue(r.out().contains("error: timed out after 1s"), r.describe());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(20), "killed at the deadline, not later");
        assertEquals(List.of(), helpers(), "processes left behind");
    }

    @Test
    void mmsimKilledHalfWayLeavesNothingBehind() throws Exception {
        StringBuilder s = new StringBuilder("spawn p\nmmap p buf anon private pages=64\n");
        for (int i = 0; i < 40000; i++) {
            s.append("fork p c").append(i).append('\n');
        }
        Path f = Files.writeString(work.resolve("forks.mms"), s);
        Process p = Mmsim.start(work, Map.of(), work.resolve("out"), work.resolve("err"),
                Mmsim.command("run", f.toString(), "--policy", "host", "--max-processes", "100000"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (helpers().size() < 10 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(helpers().size() >= 10, "the scenario is under way");
        p.destroy(); // SIGTERM, as a kill or a closed terminal
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!helpers().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(List.of(), helpers(), "processes left behind");
    }

    /** Every process (zombies too) of the host helper: its scenario processes carry its name. */
    static List<String> helpers() {
        List<String> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    if (stat.contains("(mmsim-host)")) {
                        found.add(stat.substring(0, Math.min(stat.length(), 40)));
                    }
                } catch (IOException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return found;
    }

    /** Every top-level scenario of examples/ and examples/conformance: exported, built, run, step for step as host. */
    @Test
    void exportedProgramsBuildWithoutWarningsAndReproduceTheHostColumn() throws Exception {
        Path examples = Mmsim.repo().resolve("examples");
        // the top-level scenarios of both folders: the generated large-folio matrix below them needs v1.1
        List<String> args = new ArrayList<>(List.of("compare"));
        args.addAll(List.of(Conformance.handWritten(examples)));
        args.addAll(List.of(Conformance.handWritten(examples.resolve("conformance"))));
        args.addAll(List.of("--policies", "host", "--format", "json"));
        Mmsim.Result r = Mmsim.run(work, args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.describe());
        List<Map<String, Object>> results = results(r);
        assertTrue(results.size() >= 40, "scenarios: " + results.size());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> checks = new ArrayList<>();
            for (int k = 0; k < results.size(); k++) {
                Map<String, Object> host = results.get(k);
                String name = String.format("repro-%02d", k);
                checks.add(pool.submit(() -> reproduce(host, name)));
            }
            List<String> problems = new ArrayList<>();
            for (Future<String> c : checks) {
                String problem = c.get(120, TimeUnit.SECONDS);
                if (problem != null) {
                    problems.add(problem);
                }
            }
            assertEquals(List.of(), problems);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void exportWritesTheProgramTheLauncherIsAskedFor() throws Exception {
        Path file = Conformance.dir().resolve(Conformance.scenarioFiles().get(0));
        Mmsim.Result r = Mmsim.run(work, "export", file.toString(), "--c", "-o", "repro.c");
        assertEquals(0, r.exit(), r.describe());
        assertEquals(CExport.program(ScenarioParser.parse(file)), Files.readString(work.resolve("repro.c")));
    }

    /** null when the exported program of this host result builds cleanly and prints the same steps. */
    private String reproduce(Map<String, Object> host, String name) throws Exception {
        String file = (String) host.get("file");
        Path c = work.resolve(name + ".c");
        Path exe = work.resolve(name);
        // in this JVM (a launch per file would double the test's time); the command itself is tested below
        Files.writeString(c, CExport.program(ScenarioParser.parse(Path.of(file))));
        Process cc = new ProcessBuilder("cc", "-O2", "-Wall", "-o", exe.toString(), c.toString())
                .redirectErrorStream(true).start();
        String ccOut = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (cc.waitFor() != 0 || !ccOut.isEmpty()) {
            return file + ": cc -O2 -Wall: " + ccOut;
        }
        Process run = new ProcessBuilder(exe.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!run.waitFor(60, TimeUnit.SECONDS)) {
            run.destroyForcibly();
            return file + ": the program did not finish";
        }
        List<Object> printed = new ArrayList<>();
        for (String line : out.lines().toList()) {
            printed.add(MiniJson.parse(line));
        }
        if (!printed.equals(steps(host))) {
            return file + ": the program printed\n" + out + "the host column\n" + steps(host);
        }
        int status = host.get("verdict").equals("pass") ? 0 : 1;
        if (run.exitValue() != status) {
            return file + ": exit status " + run.exitValue() + ", the host column's verdict " + host.get("verdict");
        }
        assertFalse(out.isEmpty());
        return null;
    }
}
