package org.mmsim.core.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.run.RunResult;
import org.mmsim.core.scenario.Op;
import org.mmsim.core.scenario.Scenario;
import org.mmsim.core.scenario.Statement;

/**
 * One scenario on the kernel: the helper performs the statements and reports each outcome; the
 * expectations are checked here. A run that passes its timeout is killed with every process it
 * made, and ends in {@code error}; so does one that passes a limit: processes and handles as on the
 * simulated machine, and files (written to disk) and hugetlb pools of {@link HostColumn#MAX_FILE_PAGES}
 * pages at most each. A scenario that uses large folios ({@link HostCall#needsSettings}) owns the THP
 * and hugetlb settings for its run; they are back as they were when it ends, however it ends.
 */
final class HostRun {
    private static final String ID = HostColumn.ID;
    /** The helper's exit status when a statement would pass a limit. */
    private static final int LIMIT_STATUS = 3;
    /** ... and when it ended the run at its deadline, with every scenario process killed and reaped. */
    private static final int DEADLINE_STATUS = 4;
    /** How long past the deadline the helper may take to clean up before it is killed from here. */
    private static final Duration GRACE = Duration.ofSeconds(2);
    /** How long {@code mmsim-host --restore} may wait for the settings' lock. */
    private static final Duration RESTORE = Duration.ofSeconds(10);

    private final Path helper;
    private final Scenario scenario;
    private final Duration timeout;
    private final Limits limits;

    HostRun(Path helper, Scenario scenario, Duration timeout, Limits limits) {
        this.helper = helper;
        this.scenario = scenario;
        this.timeout = timeout;
        this.limits = limits;
    }

    /** The run: the steps the helper reported, the verdict on them, or the error that ended it. */
    RunResult run() {
        List<RunResult.Step> steps = new ArrayList<>();
        boolean settings = HostCall.needsSettings(scenario);
        long memory = Math.min(limits.maxFrames(), HostColumn.MAX_FILE_PAGES);
        List<String> command = new ArrayList<>(List.of(helper.toString(), "--deadline-ms",
                String.valueOf(Math.max(1, timeout.toMillis())), "--max-processes", String.valueOf(limits.maxProcesses()),
                "--max-handles", String.valueOf(limits.maxHandles()), "--max-file-pages", String.valueOf(memory),
                "--max-hugetlb-pages", String.valueOf(memory)));
        if (settings) {
            command.add("--large-folios");
        }
        Process p;
        try {
            p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            return error(scenario, steps, "cannot start " + helper + ": " + e.getMessage());
        }
        // mmsim interrupted: the helper cleans up, and puts the settings back
        Thread stop = new Thread(() -> end(p, settings), "mmsim-host-stop");
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
            end(p, settings);
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
    private static RunResult verdict(Scenario scenario, List<RunResult.Step> steps) {
        List<RunResult.Failure> failures = new ArrayList<>();
        List<RunResult.Skipped> skipped = new ArrayList<>();
        Set<String> unobservable = new HashSet<>();
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

    static RunResult error(Scenario scenario, List<RunResult.Step> steps, String reason) {
        return new RunResult(scenario.title(), scenario.file(), ID, RunResult.Verdict.ERROR, steps, List.of(),
                List.of(), reason, RunResult.Counts.ZERO, List.of());
    }

    /** Ends the helper, and where the run owned the system settings, makes sure they are back. */
    private void end(Process p, boolean settings) {
        kill(p);
        if (settings) {
            restore();
        }
    }

    /**
     * {@code mmsim-host --restore}: a helper killed with SIGKILL (by the backstop here, or from outside)
     * could not put the THP and hugetlb settings back; its state file still holds what they were, and
     * this puts that back. A no-op after a helper that ended by itself. Bounded: another run may hold the
     * settings' lock, and then that run puts them back.
     */
    private void restore() {
        try {
            Process r = new ProcessBuilder(helper.toString(), "--restore").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!r.waitFor(RESTORE.toMillis(), TimeUnit.MILLISECONDS)) {
                r.destroyForcibly();
            }
        } catch (IOException e) {
            // the next run that takes the lock puts them back
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
}
