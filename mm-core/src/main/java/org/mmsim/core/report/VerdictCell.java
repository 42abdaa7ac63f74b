package org.mmsim.core.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mmsim.core.run.RunResult;

/**
 * One cell of the terminal table, in two parts: the head, the verdict word and what broke where
 * ({@code pass}, {@code FAIL isolation @13}, {@code FAIL line 14:}, {@code ERROR line 4:},
 * {@code ERROR}), and the reason after it ({@code secret-2 != secret-1}, {@code process limit
 * reached (3)}). A narrow column cuts the reason, never the head: the cell keeps its meaning.
 */
record VerdictCell(String head, String reason) {
    /** A problem that names its line ({@code line 14: ...}): the line is part of the head. */
    private static final Pattern AT_LINE = Pattern.compile("(line \\d+:) (.*)");

    static VerdictCell of(RunResult r) {
        return of(r, false);
    }

    /** The cell of a run; a failure that the scenario expects ({@code tags xfail}) says {@code xfail}. */
    static VerdictCell of(RunResult r, boolean expectedFailure) {
        if (r.verdict() == RunResult.Verdict.PASS) {
            return new VerdictCell("pass", r.skipped().isEmpty() ? "" : "(" + r.skipped().size() + " skipped)");
        }
        String word = r.verdict() == RunResult.Verdict.ERROR ? "ERROR" : expectedFailure ? "xfail" : "FAIL";
        String problem = Cells.flat(Cells.problem(r)).strip();
        Matcher m = AT_LINE.matcher(problem);
        if (m.matches()) {
            return new VerdictCell(word + " " + m.group(1), m.group(2));
        }
        // a violation ("isolation @13") is all head; an error without a line is all reason
        return r.verdict() == RunResult.Verdict.FAIL ? new VerdictCell(problem.isEmpty() ? word : word + " " + problem, "")
                : new VerdictCell(word, problem);
    }

    /** The whole cell. */
    String text() {
        return reason.isEmpty() ? head : head + " " + reason;
    }

    /** The narrowest column that keeps the head: the head, and room for an ellipsis when there is a reason. */
    int minWidth() {
        return Cells.width(head) + (reason.isEmpty() ? 0 : 2);
    }

    /** The cell in {@code width} columns: the reason cut first; the head only below {@link #minWidth()}. */
    String fit(int width) {
        String all = text();
        if (Cells.width(all) <= width) {
            return all;
        }
        int room = width - Cells.width(head) - 1;
        return room >= 1 ? head + " " + Cells.fit(reason, room) : Cells.fit(head, width);
    }
}
