package org.mmsim.core.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mmsim.core.mm.TraceEvent;

/**
 * Where two policies part on one scenario: the first statement whose outcome differs, or where
 * they decided differently (a trace event's {@code decision} fact: reuse or copy, pin or unshare,
 * share or copy at fork, swap out or keep, ...). Works on runs recorded with their trace.
 */
public final class ScenarioDiff {
    private ScenarioDiff() {
    }

    /**
     * The first difference: the statement, each policy's outcome and decisions there, and each
     * policy's trace of that statement.
     */
    public record Difference(int line, String statement, String outcomeA, String outcomeB, List<String> decisionsA,
                             List<String> decisionsB, List<TraceEvent> traceA, List<TraceEvent> traceB) {
        /** Whether the outcomes differ (else only the decisions do). */
        public boolean inOutcome() {
            return !Objects.equals(outcomeA, outcomeB);
        }
    }

    /** The first statement where {@code a} and {@code b} differ, if any. */
    public static Optional<Difference> first(RunResult a, RunResult b) {
        return first(a, b, true);
    }

    /**
     * The same; without {@code decisions}, outcomes alone count, and an {@code unsupported} one is no
     * difference (against the host column, which sees no decisions and cannot perform everything).
     */
    public static Optional<Difference> first(RunResult a, RunResult b, boolean decisions) {
        int n = Math.max(a.steps().size(), b.steps().size());
        for (int k = 0; k < n; k++) {
            RunResult.Step sa = k < a.steps().size() ? a.steps().get(k) : null;
            RunResult.Step sb = k < b.steps().size() ? b.steps().get(k) : null;
            RunResult.Step s = sa != null ? sa : sb;
            List<TraceEvent> ta = eventsOf(a, s.line());
            List<TraceEvent> tb = eventsOf(b, s.line());
            String oa = sa != null ? sa.outcome() : "error: " + a.error();
            String ob = sb != null ? sb.outcome() : "error: " + b.error();
            List<String> da = decisions(ta);
            List<String> db = decisions(tb);
            if (!decisions && (oa.equals(RunResult.UNSUPPORTED) || ob.equals(RunResult.UNSUPPORTED))) {
                continue;
            }
            if (!oa.equals(ob) || (decisions && !da.equals(db))) {
                return Optional.of(new Difference(s.line(), s.statement(), oa, ob, da, db, ta, tb));
            }
        }
        return Optional.empty();
    }

    /** The trace events of the statement on {@code line}. */
    private static List<TraceEvent> eventsOf(RunResult r, int line) {
        List<TraceEvent> out = new ArrayList<>();
        for (TraceEvent e : r.trace()) {
            if (e.event().equals("teardown")) {
                break; // what the end of the scenario does carries the last line too
            }
            if (e.line() == line) {
                out.add(e);
            }
        }
        return out;
    }

    /** {@code do_wp_page buf[0]: copy}, ...: the decisions a statement took, in order. */
    static List<String> decisions(List<TraceEvent> events) {
        List<String> out = new ArrayList<>();
        for (TraceEvent e : events) {
            Object d = e.facts().get("decision");
            if (d != null) {
                Object page = e.facts().get("page");
                out.add(e.event() + (page != null ? " " + page : "") + ": " + d);
            }
        }
        return out;
    }
}
