package org.mmsim.core.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.mmsim.core.run.RunResult;

/** The plain-text lines {@code mmsim run} prints for one run. */
public final class RunText {
    private RunText() {
    }

    /** {@code PASS   file.mms  "Title"  [unshare]} (the verdict padded to 5). */
    public static String verdictLine(RunResult r) {
        String v = r.verdict().name();
        return v + " ".repeat(Math.max(1, 7 - v.length())) + Cells.flat(r.file()) + "  \"" + Cells.flat(r.scenario())
                + "\"  [" + r.policy() + "]";
    }

    /**
     * The details under a verdict line, each indented two spaces: every failed expectation
     * ({@code line 9: expected A, got B}) and violation ({@code line 9: isolation: message}) in line
     * order, then the error ({@code error: reason}).
     */
    public static List<String> details(RunResult r) {
        List<String> out = new ArrayList<>();
        for (String p : problems(r)) {
            out.add("  " + Cells.flat(p));
        }
        if (r.error() != null) {
            out.add("  error: " + Cells.flat(r.error()));
        }
        return out;
    }

    /** Every failed expectation and violation, in line order (failures first on one line). */
    public static List<String> problems(RunResult r) {
        record Line(int line, int order, String text) {}
        List<Line> lines = new ArrayList<>();
        int k = 0;
        for (RunResult.Failure f : r.failures()) {
            lines.add(new Line(f.line(), k++, "line " + f.line() + ": expected " + f.expected() + ", got " + f.actual()));
        }
        for (RunResult.ViolationAt v : r.violations()) {
            lines.add(new Line(v.line(), k++, "line " + v.line() + ": " + v.invariant() + ": " + v.message()));
        }
        for (RunResult.Skipped s : r.skipped()) {
            lines.add(new Line(s.line(), k++, "line " + s.line() + ": skipped: expected " + s.expected()
                    + ", but the statement is unsupported here"));
        }
        lines.sort(Comparator.comparingInt(Line::line).thenComparingInt(Line::order));
        List<String> out = new ArrayList<>(lines.size());
        for (Line l : lines) {
            out.add(l.text());
        }
        return out;
    }
}
