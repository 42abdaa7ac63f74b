package org.mmsim.core.run;

import java.util.List;
import org.mmsim.core.mm.TraceEvent;

/**
 * The outcome of one scenario under one policy, as the JSON output reports it. {@code skipped} are
 * the expectations on steps the column could not perform ({@code unsupported}, the host column's
 * R/O pins for example): they count neither for nor against the verdict.
 */
public record RunResult(
        String scenario,
        String file,
        String policy,
        Verdict verdict,
        List<Step> steps,
        List<Failure> failures,
        List<ViolationAt> violations,
        String error,
        Counts counters,
        List<TraceEvent> trace,
        List<Skipped> skipped) implements java.io.Serializable {

    public enum Verdict {
        PASS, FAIL, ERROR;

        public String json() {
            return name().toLowerCase();
        }
    }

    /** A statement that ran and its outcome (exactly what {@code expect} would name). */
    public record Step(int line, String statement, String outcome) implements java.io.Serializable {}

    /** An expectation that did not hold. */
    public record Failure(int line, String expected, String actual) implements java.io.Serializable {}

    /** An expectation on a step the column could not perform (outcome {@value #UNSUPPORTED}). */
    public record Skipped(int line, String expected) implements java.io.Serializable {}

    /** The outcome of a statement the host column cannot make the kernel perform from user space. */
    public static final String UNSUPPORTED = "unsupported";

    /** An invariant violated after the statement at {@code line}. */
    public record ViolationAt(String invariant, int line, String message) implements java.io.Serializable {}

    /** The per-run counters. */
    public record Counts(long faults, long copies, long reuses, long unshares, long pins, long pinFailures,
                         long framesPeak) implements java.io.Serializable {
        public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0);
    }

    public RunResult {
        steps = List.copyOf(steps);
        failures = List.copyOf(failures);
        violations = List.copyOf(violations);
        trace = List.copyOf(trace);
        skipped = List.copyOf(skipped);
    }

    /** A run with nothing skipped: every simulated run. */
    public RunResult(String scenario, String file, String policy, Verdict verdict, List<Step> steps,
                     List<Failure> failures, List<ViolationAt> violations, String error, Counts counters,
                     List<TraceEvent> trace) {
        this(scenario, file, policy, verdict, steps, failures, violations, error, counters, trace, List.of());
    }

    /** A run that could not happen: {@code error} with the reason, nothing else. */
    public static RunResult error(org.mmsim.core.scenario.Scenario s, String policy, String reason) {
        return new RunResult(s.title(), s.file(), policy, Verdict.ERROR, List.of(), List.of(), List.of(), reason,
                Counts.ZERO, List.of());
    }

    /** The same run without its trace. */
    public RunResult withoutTrace() {
        return new RunResult(scenario, file, policy, verdict, steps, failures, violations, error, counters, List.of(),
                skipped);
    }

    /** The same run reported under another column id. */
    public RunResult as(String id) {
        return new RunResult(scenario, file, id, verdict, steps, failures, violations, error, counters, trace, skipped);
    }

    /** The first failure or violation in a few words, for table cells; empty when the run passed. */
    public String firstProblem() {
        if (verdict == Verdict.ERROR) {
            return "error: " + error;
        }
        int fl = failures.isEmpty() ? Integer.MAX_VALUE : failures.get(0).line();
        int vl = violations.isEmpty() ? Integer.MAX_VALUE : violations.get(0).line();
        if (fl == Integer.MAX_VALUE && vl == Integer.MAX_VALUE) {
            return "";
        }
        if (vl < fl || (vl == fl && !violations.isEmpty())) {
            ViolationAt v = violations.get(0);
            return v.invariant() + " @" + v.line();
        }
        Failure f = failures.get(0);
        return "line " + f.line() + ": " + f.actual() + " != " + f.expected();
    }
}
