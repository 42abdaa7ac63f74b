package org.mmsim.core.shell;

import java.util.ArrayList;
import java.util.List;
import org.mmsim.core.mm.TraceEvent;
import org.mmsim.core.report.StateText;
import org.mmsim.core.run.RunResult;

/** What the shell prints after a statement: its outcome, what went wrong on it, its trace if asked, the machine. */
final class StepText {
    /** Trace events the lines below say anyway. */
    private static final java.util.Set<String> SAID = java.util.Set.of("outcome", "expectation", "violation");

    private StepText() {
    }

    /** The lines for the statement on {@code line} of {@code run} under {@code policy}. */
    static List<String> of(Replay.Run run, int line, String policy, boolean trace) {
        RunResult r = run.result();
        List<String> out = new ArrayList<>();
        RunResult.Step step = r.steps().stream().filter(s -> s.line() == line).findFirst().orElse(null);
        if (step == null) {
            out.add(line + ": not reached under " + policy + ": " + (r.error() == null ? "the run ended before it"
                    : "error: " + r.error()));
            return out;
        }
        out.add(line + ": " + step.statement() + "  => " + step.outcome() + "   [" + policy + "]");
        if (trace) {
            for (TraceEvent e : r.trace()) {
                if (e.line() == line && e.depth() > 0 && !SAID.contains(e.event())) {
                    out.add("  " + e.indented());
                }
                if (e.event().equals("teardown")) {
                    break;
                }
            }
        }
        r.failures().stream().filter(f -> f.line() == line)
                .forEach(f -> out.add("  FAILED: expected " + f.expected() + ", got " + f.actual()));
        r.violations().stream().filter(v -> v.line() == line)
                .forEach(v -> out.add("  VIOLATION " + v.invariant() + ": " + v.message()));
        if (r.error() != null) {
            out.add("  error: " + r.error());
        }
        if (run.last() != null) {
            StateText.lines(run.last()).forEach(l -> out.add("  " + l));
        }
        return out;
    }
}
