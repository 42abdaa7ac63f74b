package org.mmsim.core.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.mmsim.core.run.ComparisonResult;
import org.mmsim.core.run.RunResult;

/**
 * A plain-text table for the terminal: one row per scenario (its title), one column per policy;
 * each cell is {@code pass}, {@code FAIL <first problem>} or {@code ERROR <reason>}. Columns are
 * width-limited, long text is cut with an ellipsis. A last row counts the passes per policy.
 */
public final class TableReport implements ReportWriter {
    /** Widest scenario column. */
    public static final int SCENARIO_WIDTH = 56;
    /** Widest policy column. */
    public static final int POLICY_WIDTH = 30;
    private static final String GAP = "  ";

    public TableReport() {
    }

    @Override
    public void write(ComparisonResult result, Writer out) throws IOException {
        int np = result.policies().size();
        int ns = result.scenarios().size();
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[np + 1];
        header[0] = "scenario";
        for (int p = 0; p < np; p++) {
            header[p + 1] = result.policies().get(p).id();
        }
        for (int s = 0; s < ns; s++) {
            String[] row = new String[np + 1];
            row[0] = Cells.flat(result.scenarios().get(s).title());
            for (int p = 0; p < np; p++) {
                row[p + 1] = cell(result.cell(s, p));
            }
            rows.add(row);
        }
        String[] total = new String[np + 1];
        total[0] = "passed";
        for (int p = 0; p < np; p++) {
            int errors = result.count(p, RunResult.Verdict.ERROR);
            total[p + 1] = result.count(p, RunResult.Verdict.PASS) + " of " + ns
                    + (errors > 0 ? " (" + errors + (errors == 1 ? " error)" : " errors)") : "");
        }

        int[] widths = new int[np + 1];
        for (int c = 0; c <= np; c++) {
            int max = c == 0 ? SCENARIO_WIDTH : POLICY_WIDTH;
            int w = Cells.width(header[c]);
            for (String[] row : rows) {
                w = Math.max(w, Cells.width(row[c]));
            }
            w = Math.max(w, Cells.width(total[c]));
            widths[c] = Math.min(w, max);
        }

        StringBuilder sb = new StringBuilder();
        line(sb, header, widths);
        String[] rule = new String[np + 1];
        for (int c = 0; c <= np; c++) {
            rule[c] = "-".repeat(widths[c]);
        }
        line(sb, rule, widths);
        for (String[] row : rows) {
            line(sb, row, widths);
        }
        line(sb, rule, widths);
        line(sb, total, widths);
        out.write(sb.toString());
        out.flush();
    }

    /** {@code pass}, {@code FAIL isolation @9}, {@code ERROR timed out after 10s}. */
    static String cell(RunResult r) {
        return switch (r.verdict()) {
            case PASS -> "pass";
            case FAIL -> "FAIL " + Cells.flat(Cells.problem(r));
            case ERROR -> "ERROR " + Cells.flat(Cells.problem(r));
        };
    }

    private static void line(StringBuilder sb, String[] cells, int[] widths) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                l.append(GAP);
            }
            l.append(Cells.pad(Cells.fit(cells[c], widths[c]), widths[c]));
        }
        int end = l.length();
        while (end > 0 && l.charAt(end - 1) == ' ') {
            end--;
        }
        sb.append(l, 0, end).append('\n');
    }
}
