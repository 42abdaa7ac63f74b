package org.mmsim.core.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mmsim.api.ForkDecision;
import org.mmsim.api.PageView;
import org.mmsim.api.PinDecision;
import org.mmsim.api.PinRequest;
import org.mmsim.api.Policy;
import org.mmsim.api.VmaView;
import org.mmsim.api.WpDecision;
import org.mmsim.api.WpFault;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.run.RunResult;
import org.mmsim.core.scenario.Op;
import org.mmsim.core.scenario.Scenario;
import org.mmsim.core.scenario.Statement;

/**
 * The {@code host} column: the kernel of this machine, driven by the helper {@code mmsim-host}
 * (built from {@code mms_runtime.c} with the distribution where a C compiler exists). It stands in
 * the catalog as a {@link Policy} so that reports treat it as one more column, but nothing ever asks
 * it a question: the comparison runs its scenarios with {@link #run}, not on the simulated machine.
 */
public final class HostColumn implements Policy {
    public static final String ID = "host";
    /** Where the distribution keeps the helper, below its home. */
    static final String HELPER = "libexec/mmsim-host";
    /** The most file pages a host run writes to disk (1 GiB), or --max-frames if lower. */
    public static final long MAX_FILE_PAGES = 1L << 18;

    /** The helper's exit status when a statement would pass a limit. */
    private static final int LIMIT_STATUS = 3;
    /** ... and when it ended the run at its deadline, with every scenario process killed and reaped. */
    private static final int DEADLINE_STATUS = 4;
    /** How long past the deadline the helper may take to clean up before it is killed from here. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final Path helper;
    private final String unavailable;
    private final String kernel;
    private volatile List<String> facts;

    private HostColumn(Path helper, String unavailable, String kernel) {
        this.helper = helper;
        this.unavailable = unavailable;
        this.kernel = kernel;
    }

    /** The host column of the distribution at {@code home} (null: not run from a distribution). */
    public static HostColumn find(String home) {
        String kernel = release();
        if (!System.getProperty("os.name", "").equals("Linux")) {
            return new HostColumn(null, "not a Linux machine", kernel);
        }
        if (home == null) {
            return new HostColumn(null, "no helper: not run from a distribution", kernel);
        }
        Path helper = Path.of(home).resolve(HELPER);
        if (!Files.isExecutable(helper)) {
            Path why = Path.of(home).resolve(HELPER + ".unavailable");
            String reason;
            try {
                reason = Files.isRegularFile(why) ? Files.readString(why, StandardCharsets.UTF_8).strip() : null;
            } catch (IOException e) {
                reason = null;
            }
            return new HostColumn(null, reason != null && !reason.isEmpty() ? reason : "no helper at " + helper, kernel);
        }
        return new HostColumn(helper, null, kernel);
    }

    /** {@code uname -r}: the kernel release, read where Linux keeps it. */
    private static String release() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease"), StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.version", "unknown");
        }
    }

    /** Why the column cannot run here, if it cannot. */
    public Optional<String> unavailable() {
        return Optional.ofNullable(unavailable);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        if (unavailable != null) {
            return "the live kernel of this machine: unavailable (" + unavailable + ")";
        }
        List<String> differences = new ArrayList<>();
        if (!fact("zeropage")) {
            differences.add("no shared zeropage");
        }
        if (!fact("swap")) {
            differences.add("no swap");
        }
        if (!fact("gup_test")) {
            differences.add("no gup_test: R/O pins unsupported");
        }
        return "the live kernel of this machine: Linux " + kernel
                + (differences.isEmpty() ? "" : " (" + String.join(", ", differences) + ")");
    }

    /**
     * What the helper found of this kernel ({@code mmsim-host --facts}): {@code zeropage}, whether a
     * read fault maps the shared zeropage; {@code swap}, whether pageout can swap; {@code gup_test},
     * whether CONFIG_GUP_TEST's file is there to hold R/O and GUP-fast long-term pins. False when unknown.
     */
    public boolean fact(String name) {
        List<String> known = facts;
        if (known == null) {
            known = List.of();
            if (helper != null) {
                try {
                    Process p = new ProcessBuilder(helper.toString(), "--facts").redirectErrorStream(true).start();
                    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                        known = List.of(out.strip().split("\\s+"));
                    }
                    p.destroyForcibly();
                } catch (IOException e) {
                    // unknown: said as absent
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            facts = known;
        }
        return known.contains(name + "=yes");
    }

    /**
     * Runs a scenario on the kernel: the helper performs the statements and reports each outcome;
     * expectations are checked here. A run that passes {@code timeout} is killed with every process
     * it made, and ends in {@code error}; so does one that passes a limit: processes and handles as
     * on the simulated machine, and files (written to disk) of {@value #MAX_FILE_PAGES} pages at most.
     */
    public RunResult run(Scenario scenario, Duration timeout, Limits limits) {
        if (unavailable != null) {
            return error(scenario, List.of(), "the host column is unavailable: " + unavailable);
        }
        List<RunResult.Step> steps = new ArrayList<>();
        Process p;
        try {
            p = new ProcessBuilder(helper.toString(), "--deadline-ms", String.valueOf(Math.max(1, timeout.toMillis())),
                    "--max-processes", String.valueOf(limits.maxProcesses()),
                    "--max-handles", String.valueOf(limits.maxHandles()), "--max-file-pages",
                    String.valueOf(Math.min(limits.maxFrames(), MAX_FILE_PAGES)))
                    .redirectError(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            return error(scenario, steps, "cannot start " + helper + ": " + e.getMessage());
        }
        Thread stop = new Thread(() -> kill(p), "mmsim-host-stop"); // mmsim interrupted: the helper cleans up
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            // the helper keeps the deadline itself (and reaps what it made); this one is the backstop
            long deadline = System.nanoTime() + timeout.toNanos() + GRACE.toNanos();
            // read while writing: a long scenario fills both pipes otherwise
            Thread reader = new Thread(() -> readSteps(p, steps), "mmsim-host-reader");
            reader.setDaemon(true);
            reader.start();
            try (Writer in = new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
                for (Statement s : scenario.statements()) {
                    in.write(HostCall.of(s.op()).line(s.line(), s.text()));
                    in.write('\n');
                }
            } catch (IOException e) {
                // the helper stopped reading (a limit, its deadline): its exit status says why
            }
            long left = deadline - System.nanoTime();
            if (!p.waitFor(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                return error(scenario, snapshot(steps), "timed out after " + seconds(timeout) + " on the host");
            }
            reader.join(TimeUnit.SECONDS.toMillis(5));
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() == DEADLINE_STATUS) {
                return error(scenario, snapshot(steps), "timed out after " + seconds(timeout) + " on the host");
            }
            if (p.exitValue() == LIMIT_STATUS) { // "line L: process limit reached (N)", as the machine says it
                return error(scenario, snapshot(steps), err.lines().findFirst().orElse("a limit was reached"));
            }
            if (p.exitValue() != 0) {
                return error(scenario, snapshot(steps), "the host helper failed (status " + p.exitValue() + ")"
                        + (err.isEmpty() ? "" : ": " + err.lines().findFirst().orElse("")));
            }
            return verdict(scenario, snapshot(steps));
        } catch (IOException e) {
            return error(scenario, snapshot(steps), "the host helper went away: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(scenario, snapshot(steps), "interrupted");
        } finally {
            kill(p);
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException e) {
                // shutting down: the hook is running or has run
            }
        }
    }

    private static final Pattern STEP = Pattern.compile(
            "\\{\"line\": (\\d+), \"statement\": \"((?:[^\"\\\\]|\\\\.)*)\", \"outcome\": \"((?:[^\"\\\\]|\\\\.)*)\"}");

    private static void readSteps(Process p, List<RunResult.Step> steps) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                Matcher m = STEP.matcher(line);
                if (m.matches()) {
                    synchronized (steps) {
                        steps.add(new RunResult.Step(Integer.parseInt(m.group(1)), unescape(m.group(2)),
                                unescape(m.group(3))));
                    }
                }
            }
        } catch (IOException e) {
            // the helper was killed: the steps so far stand
        }
    }

    private static List<RunResult.Step> snapshot(List<RunResult.Step> steps) {
        synchronized (steps) {
            return List.copyOf(steps);
        }
    }

    /** The JSON string escapes the helper writes: \" \\ and \\u00XX. */
    static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        byte[] raw = new byte[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char e = s.charAt(++i);
                if (e == 'u' && i + 4 < s.length()) {
                    raw[n++] = (byte) Integer.parseInt(s.substring(i + 1, i + 5), 16);
                    i += 4;
                    continue;
                }
                c = e;
            }
            if (c < 0x80) {
                raw[n++] = (byte) c;
            } else {
                sb.append(new String(raw, 0, n, StandardCharsets.UTF_8)).append(c);
                n = 0;
            }
        }
        return sb.append(new String(raw, 0, n, StandardCharsets.UTF_8)).toString();
    }

    /**
     * Checks the expectations against the kernel's outcomes. Skipped, not failed: an expectation on an
     * unsupported step, and one of a value that only an unsupported step wrote (a device write through
     * a pin the kernel could not be asked for). mms_step() in the runtime applies the same rule.
     */
    private RunResult verdict(Scenario scenario, List<RunResult.Step> steps) {
        List<RunResult.Failure> failures = new ArrayList<>();
        List<RunResult.Skipped> skipped = new ArrayList<>();
        java.util.Set<String> unobservable = new java.util.HashSet<>();
        int k = 0;
        for (Statement s : scenario.statements()) {
            if (k >= steps.size()) {
                return error(scenario, steps, "the host helper stopped before line " + s.line());
            }
            String outcome = steps.get(k++).outcome();
            if (outcome.equals("error")) {
                return error(scenario, steps, "line " + s.line() + ": the kernel did not answer in time");
            }
            if (s.op() instanceof Op.Poke poke && outcome.equals(RunResult.UNSUPPORTED)) {
                unobservable.add(poke.value());
            }
            if (s.expect() == null) {
                continue;
            }
            if (outcome.equals(RunResult.UNSUPPORTED) || unobservable.contains(s.expect())) {
                skipped.add(new RunResult.Skipped(s.line(), s.expect()));
            } else if (!s.expect().equals(outcome)) {
                failures.add(new RunResult.Failure(s.line(), s.expect(), outcome));
            }
        }
        return new RunResult(scenario.title(), scenario.file(), ID, failures.isEmpty() ? RunResult.Verdict.PASS
                : RunResult.Verdict.FAIL, steps, failures, List.of(), null, RunResult.Counts.ZERO, List.of(), skipped);
    }

    private static RunResult error(Scenario scenario, List<RunResult.Step> steps, String reason) {
        return new RunResult(scenario.title(), scenario.file(), ID, RunResult.Verdict.ERROR, steps, List.of(),
                List.of(), reason, RunResult.Counts.ZERO, List.of());
    }

    /**
     * Ends the helper: asked first (SIGTERM: it kills and reaps every scenario process, its subreaper),
     * then killed with whatever is left of its processes.
     */
    private static void kill(Process p) {
        if (!p.isAlive()) {
            return;
        }
        List<ProcessHandle> made = p.descendants().toList();
        p.destroy();
        try {
            if (p.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        made.forEach(ProcessHandle::destroyForcibly);
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    private static String seconds(Duration d) {
        return java.math.BigDecimal.valueOf(d.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString() + "s";
    }

    // ---- never asked: the host column is not simulated

    private static IllegalStateException notSimulated() {
        return new IllegalStateException("the host column runs on the kernel, not on the simulated machine");
    }

    @Override
    public WpDecision doWpPage(WpFault fault) {
        throw notSimulated();
    }

    @Override
    public PinDecision pinReadOnly(PinRequest request) {
        throw notSimulated();
    }

    @Override
    public ForkDecision copyPresentAnonPte(PageView page, VmaView vma) {
        throw notSimulated();
    }

    @Override
    public boolean mayPageOut(PageView page) {
        throw notSimulated();
    }

    @Override
    public boolean canChangePteWritable(PageView page, VmaView vma) {
        throw notSimulated();
    }

    @Override
    public boolean keepsAnonExclusive() {
        return true;
    }
}
