package org.mmsim.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsim.core.host.CExport;
import org.mmsim.core.host.HostColumn;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.run.RunResult;
import org.mmsim.core.scenario.Op;
import org.mmsim.core.scenario.Op.Advice;
import org.mmsim.core.scenario.Op.Range;
import org.mmsim.core.scenario.Op.ThpMode;
import org.mmsim.core.scenario.Scenario;
import org.mmsim.core.scenario.ScenarioException;
import org.mmsim.core.scenario.ScenarioParser;
import org.mmsim.core.scenario.Statement;

/**
 * Language 1.1 on the live kernel: THP, mTHP and hugetlb statements through the host column, each
 * step's outcome as this kernel gives it, and the system settings put back however a run ends. The
 * scenarios are built as {@link Op}s, and written in the language in {@code src/test/resources/host-v11}
 * (which {@code LargeFolioFilesTest} also runs under mm-id).
 * Skipped, saying why, where the kernel lacks what a test needs (a THP size, a hugetlb pool, the
 * shared zeropage, root).
 */
class HostLargeFoliosIT {
    private static final Path THP = Path.of("/sys/kernel/mm/transparent_hugepage");
    private static final Path HUGETLB = Path.of("/sys/kernel/mm/hugepages");
    /** A 2 MiB THP or hugetlb page, and a 64 KiB mTHP, in base pages. */
    private static final long PMD = 512;
    private static final long MTHP_64K = 16;

    @TempDir
    Path work;

    private static HostColumn host;

    static synchronized HostColumn host() {
        if (host == null) {
            host = HostColumn.find(System.getProperty("mmsim.dist"));
        }
        return host;
    }

    @BeforeEach
    void settingsCanBeOwned() {
        Assumptions.assumeTrue(host().unavailable().isEmpty(), () -> "host column unavailable: " + host().unavailable());
        Assumptions.assumeTrue(host().fact("settings"), "the THP and hugetlb settings are not writable here (root?)");
        Assumptions.assumeTrue(host().fact("pfn") && host().fact("pagemap_scan"), "folio cannot see PFNs or PMDs here");
    }

    // ---- the statements, as the parser will build them

    private final List<Statement> statements = new ArrayList<>();

    private void add(String text, Op op) {
        statements.add(new Statement(statements.size() + 1, text, null, op));
    }

    private void spawn(String p) {
        add("spawn " + p, new Op.Spawn(p));
    }

    private void mmap(String p, String r, long pages) {
        add("mmap " + p + " " + r + " anon private pages=" + pages, new Op.Mmap(p, r, null, false, true, pages, 0));
    }

    private void mmapHugetlb(String p, String r, long pages) {
        add("mmap " + p + " " + r + " hugetlb private pages=" + pages, new Op.Mmap(p, r, null, false, true, pages, 0, PMD));
    }

    private void write(String p, String r, long i, String v) {
        add("write " + p + " " + r + "[" + i + "] " + v, new Op.Write(p, r, i, v));
    }

    private void read(String p, String r, long i) {
        add("read " + p + " " + r + "[" + i + "]", new Op.Read(p, r, i));
    }

    private void madvise(String p, String r, Range range, Advice a) {
        add("madvise " + p + " " + r + (range == null ? "" : range.toString()) + " " + a, new Op.Madvise(p, r, range, a));
    }

    private void munmap(String p, String r, Range range) {
        add("munmap " + p + " " + r + range, new Op.Munmap(p, r, range));
    }

    private void thp(long pages, ThpMode mode) {
        add("thp " + pages + " " + mode, new Op.Thp(pages, mode));
    }

    private void pool(long count) {
        add("hugetlb 2M pages=" + count, new Op.HugetlbPool(PMD, count));
    }

    private void folio(String p, String r, long i) {
        add("folio " + p + " " + r + "[" + i + "]", new Op.Folio(p, r, i));
    }

    private void folios(String p, String r, long... pages) {
        for (long i : pages) {
            folio(p, r, i);
        }
    }

    private void same(String p, String r, long i, String q, long j) {
        add("same " + p + " " + r + "[" + i + "] " + q + " " + r + "[" + j + "]", new Op.Same(p, r, i, q, r, j));
    }

    private void fork(String p, String c) {
        add("fork " + p + " " + c, new Op.Fork(p, c));
    }

    private void iouring(String p, String r, long i, String h) {
        add("iouring " + p + " " + r + "[" + i + "] as " + h, new Op.Gup(p, r, i, true, true, true, false, h));
    }

    /** p with region a of that many pages: 2 steps, each ok. */
    private void region(long pages) {
        spawn("p");
        mmap("p", "a", pages);
    }

    /** The same, advised hugepage: 3 steps, each ok. */
    private void hugepageRegion(long pages) {
        region(pages);
        madvise("p", "a", null, Advice.HUGEPAGE);
    }

    private Scenario scenario() {
        return new Scenario("large-folios.mms", "large folios", List.of(), statements);
    }

    /** Runs the statements so far on the kernel: the outcome of each, by line. */
    private List<String> outcomes() {
        RunResult r = host().run(scenario(), Duration.ofSeconds(30), Limits.DEFAULT);
        assertNotEquals(RunResult.Verdict.ERROR, r.verdict(), () -> "host: " + r.error() + " " + r.steps());
        return r.steps().stream().map(RunResult.Step::outcome).toList();
    }

    private static void assumeThp(String size) {
        Assumptions.assumeTrue(host().sizes("thp").contains(size), "no " + size + " THP size on this kernel");
    }

    private static void assumeHugetlb() {
        Assumptions.assumeTrue(host().sizes("hugetlb").contains("2M"), "no 2M hugetlb pool on this kernel");
    }

    // ---- THP and mTHP

    @Test
    void aWriteFaultInAHugepageRegionMapsA2MFolioByAPmd() {
        assumeThp("2M");
        hugepageRegion(2 * PMD);
        write("p", "a", 3, "X");
        folios("p", "a", 3, 0, PMD - 1, PMD);
        read("p", "a", 3);
        assertEquals(List.of("ok", "ok", "ok", "ok", "2M:pmd", "2M:pmd", "2M:pmd", "none", "X"), outcomes());
    }

    @Test
    void withoutTheAdviceThePmdSizeIsNotUsed() {
        assumeThp("2M");
        region(PMD);
        write("p", "a", 0, "X");
        folio("p", "a", 0);
        assertEquals(List.of("ok", "ok", "ok", "4K:pte"), outcomes());
    }

    @Test
    void mthp64KAlwaysGivesA64KFolioMappedByPtes() {
        assumeThp("64K");
        thp(MTHP_64K, ThpMode.ALWAYS);
        spawn("p");
        mmap("p", "b", 4 * MTHP_64K);
        write("p", "b", 5, "Z");
        folios("p", "b", 5, 0, MTHP_64K - 1, MTHP_64K);
        assertEquals(List.of("ok", "ok", "ok", "ok", "64K:pte", "64K:pte", "64K:pte", "none"), outcomes());
    }

    @Test
    void aReadFaultMapsTheHugeZeropage() {
        assumeThp("2M");
        Assumptions.assumeTrue(host().fact("zeropage"), "this kernel maps no zeropage on a read fault (a guest booted "
                + "without it): a read fault allocates a THP instead");
        hugepageRegion(PMD);
        read("p", "a", 0);
        folios("p", "a", 0, 9);
        assertEquals(List.of("ok", "ok", "ok", "0", "hugezero", "hugezero"), outcomes());
    }

    @Test
    void munmapOfOnePageOfAPmdThpLeavesItsNeighboursPteMapped() {
        assumeThp("2M");
        hugepageRegion(PMD);
        write("p", "a", 0, "X");
        munmap("p", "a", Range.of(7));
        folios("p", "a", 6, 8, 7);
        read("p", "a", 0);
        assertEquals(List.of("ok", "ok", "ok", "ok", "ok", "2M:pte", "2M:pte", "none", "X"), outcomes());
    }

    @Test
    void collapseMakesAPmdThpOfPtes() {
        assumeThp("2M");
        region(PMD);
        write("p", "a", 0, "X");
        write("p", "a", 300, "Y");
        folio("p", "a", 0);
        madvise("p", "a", null, Advice.COLLAPSE);
        folio("p", "a", 0);
        read("p", "a", 300);
        assertEquals(List.of("ok", "ok", "ok", "ok", "4K:pte", "ok", "2M:pmd", "Y"), outcomes());
    }

    @Test
    void mremapOfPartOfAnMthpMovesPagesThatKeepTheirFolio() {
        assumeThp("64K");
        thp(MTHP_64K, ThpMode.ALWAYS);
        spawn("p");
        mmap("p", "b", MTHP_64K);
        write("p", "b", 9, "M");
        add("mremap p b[8..15] as m", new Op.Mremap("p", "b", new Range(8, 15), "m"));
        folio("p", "m", 1);
        read("p", "m", 1);
        read("p", "b", 9);
        folio("p", "b", 0);
        assertEquals(List.of("ok", "ok", "ok", "ok", "ok", "64K:pte", "M", "segv", "64K:pte"), outcomes());
    }

    @Test
    void sameAfterForkThenNotAfterAWrite() {
        spawn("p");
        mmap("p", "a", 1);
        write("p", "a", 0, "A");
        fork("p", "c");
        same("p", "a", 0, "c", 0);
        write("c", "a", 0, "B");
        same("p", "a", 0, "c", 0);
        read("p", "a", 0);
        assertEquals(List.of("ok", "ok", "ok", "ok", "yes", "ok", "no", "A"), outcomes());
    }

    // ---- hugetlb

    @Test
    void aPoolOfOneHugePageCannotReserveTwo() {
        assumeHugetlb();
        pool(1);
        spawn("p");
        mmapHugetlb("p", "h", 2 * PMD);
        mmapHugetlb("p", "a", PMD);
        write("p", "a", 5, "X");
        folio("p", "a", 511);
        assertEquals(List.of("ok", "ok", "fail", "ok", "ok", "2M:hugetlb"), outcomes());
    }

    @Test
    void aFaultThatFindsThePoolEmptyIsSigbus() {
        assumeHugetlb();
        pool(1);
        spawn("p");
        mmapHugetlb("p", "a", PMD);
        fork("p", "c"); // the child has no reservation (hugetlb_dup_vma_private())
        read("c", "a", 0); // hugetlb_no_page(): the one free page is the parent's
        write("p", "a", 5, "X");
        fork("p", "d");
        write("d", "a", 5, "Y"); // hugetlb_wp(): no page to copy to
        iouring("d", "a", 0, "h"); // FOLL_WRITE: the same COW, from GUP
        read("d", "a", 5);
        assertEquals(List.of("ok", "ok", "ok", "ok", "sigbus", "ok", "ok", "sigbus", "sigbus", "X"), outcomes());
    }

    @Test
    void aHugetlbRangeMustBeHugePageAligned() {
        assumeHugetlb();
        pool(1);
        spawn("p");
        mmapHugetlb("p", "a", PMD);
        munmap("p", "a", new Range(0, 255));
        add("mprotect p a[256..511] ro", new Op.Mprotect("p", "a", new Range(256, 511), false));
        madvise("p", "a", new Range(1, 511), Advice.DONTNEED);
        munmap("p", "a", new Range(0, PMD - 1));
        assertEquals(List.of("ok", "ok", "ok", "fail", "fail", "fail", "ok"), outcomes());
    }

    // ---- the settings: the language's at the start, this machine's again at the end

    /** Every setting a run may change, with its contents now. */
    static Map<Path, String> settings() {
        Map<Path, String> found = new TreeMap<>();
        try (Stream<Path> thp = Files.walk(THP, 2); Stream<Path> pools = Files.walk(HUGETLB, 2)) {
            Stream.concat(thp, pools).filter(Files::isRegularFile)
                    .filter(p -> List.of("enabled", "shmem_enabled", "use_zero_page", "scan_sleep_millisecs",
                            "max_ptes_none", "nr_hugepages", "nr_overcommit_hugepages").contains(p.getFileName().toString()))
                    .forEach(p -> found.put(p, read(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /**
     * The settings are as they were: at once, but for a hugetlb pool that a killed run's processes
     * still hold pages of, as surplus pages, until they are gone (the kernel frees them then).
     */
    private static void assertSettings(Map<Path, String> before) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!settings().equals(before) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(before, settings());
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "unreadable";
        }
    }

    private static String thpSetting(long kb) {
        return read(THP.resolve("hugepages-" + kb + "kB/enabled"));
    }

    private void changeEverything() {
        thp(MTHP_64K, ThpMode.ALWAYS);
        thp(PMD, ThpMode.ALWAYS);
        region(PMD);
        write("p", "a", 0, "X");
        if (host().sizes("hugetlb").contains("2M")) {
            pool(2);
            mmapHugetlb("p", "h", PMD);
            write("p", "h", 0, "H");
        }
    }

    @Test
    void theSettingsAreBackAfterARun() throws InterruptedException {
        assumeThp("64K");
        Map<Path, String> before = settings();
        changeEverything();
        outcomes();
        assertSettings(before);
    }

    @Test
    void theSettingsAreBackAfterTheHelperIsKilled() throws Exception {
        assumeThp("64K");
        Map<Path, String> before = settings();
        Assumptions.assumeFalse(thpSetting(64).contains("[always]"), "64K is always already");
        changeEverything();
        for (int i = 0; i < 100_000; i++) {
            write("p", "a", i % PMD, "v" + i);
        }
        long self = ProcessHandle.current().pid();
        CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(
                () -> host().run(scenario(), Duration.ofSeconds(60), Limits.DEFAULT));
        ProcessHandle helper = awaitHelper(h -> h.parent().map(ProcessHandle::pid).orElse(-1L) == self);
        awaitSetting(64, "[always]");
        killHard(helper);
        RunResult r = run.get(60, TimeUnit.SECONDS);
        assertEquals(RunResult.Verdict.ERROR, r.verdict(), "the helper was killed");
        assertSettings(before);
    }

    /** A reproducer killed with SIGKILL cannot put them back: the next run that takes the settings does. */
    @Test
    void theSettingsAreBackAfterAKilledReproducerWithTheNextRun() throws Exception {
        assumeThp("64K");
        Map<Path, String> before = settings();
        Assumptions.assumeFalse(thpSetting(64).contains("[always]"), "64K is always already");
        changeEverything();
        for (int i = 0; i < 20_000; i++) { // a second or so, run; -O0: a long main() takes long to optimise
            write("p", "a", i % PMD, "v" + i);
        }
        Path c = Files.writeString(work.resolve("repro.c"), CExport.program(scenario()));
        Process cc = new ProcessBuilder("cc", "-O0", "-Wall", "-o", work.resolve("repro").toString(), c.toString())
                .redirectErrorStream(true).start();
        String ccOut = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(cc.waitFor() == 0 && ccOut.isEmpty(), ccOut);
        Process repro = new ProcessBuilder(work.resolve("repro").toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            awaitSetting(64, "[always]");
        } finally {
            killHard(repro.toHandle());
            repro.waitFor(10, TimeUnit.SECONDS);
        }
        assertTrue(thpSetting(64).contains("[always]"), "the killed reproducer left its settings");
        statements.clear();
        thp(MTHP_64K, ThpMode.NEVER);
        outcomes(); // takes the lock, finds the state file full: puts it back first
        assertSettings(before);
    }

    private static ProcessHandle awaitHelper(java.util.function.Predicate<ProcessHandle> which) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            var found = ProcessHandle.allProcesses()
                    .filter(h -> h.info().command().map(cmd -> cmd.endsWith("/mmsim-host")).orElse(false))
                    .filter(which).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no helper started");
    }

    private static void awaitSetting(long kb, String selected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!thpSetting(kb).contains(selected)) {
            assertTrue(System.nanoTime() < deadline, "the run never set " + kb + "kB to " + selected);
            Thread.sleep(2);
        }
    }

    /** SIGKILL: nothing of the process's own runs. */
    private static void killHard(ProcessHandle p) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-KILL", String.valueOf(p.pid())).inheritIO().start().waitFor();
    }

    // ---- the same, written in the language

    @Test
    void theLanguageFilesPassOnThisKernel() throws IOException, ScenarioException {
        Path dir = Mmsim.repo().resolve("distribution/src/test/resources/host-v11");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".mms")).sorted().toList();
        }
        assertTrue(files.size() >= 6, "scenarios: " + files);
        List<String> problems = new ArrayList<>();
        for (Path f : files) {
            Scenario s = ScenarioParser.parse(f);
            if (s.tags().contains("zeropage") && !host().fact("zeropage")
                    || s.tags().contains("hugetlb") && !host().sizes("hugetlb").contains("2M")) {
                continue; // what this kernel lacks, as the Op tests above assume
            }
            RunResult r = host().run(s, Duration.ofSeconds(30), Limits.DEFAULT);
            if (r.verdict() != RunResult.Verdict.PASS) {
                problems.add(f.getFileName() + ": " + r.verdict() + " " + r.failures() + " " + r.error());
            }
        }
        assertEquals(List.of(), problems);
    }
}
