package org.mmsim.core.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mmsim.core.run.ComparisonResult;
import org.mmsim.core.run.RunResult;
import org.mmsim.core.scenario.Scenario;

/**
 * A plain-text table for the terminal: one row per scenario (its title, and its file when another
 * scenario has the same title), one column per policy; each cell is {@code pass}, {@code FAIL <first
 * problem>} or {@code ERROR <reason>}. A last row counts the passes per policy. Widths are display
 * columns ({@link Wcwidth}). With a width limit the columns share the line ({@link ColumnWidths}),
 * titles are cut so that they stay distinct ({@link DistinctCut}) and cells lose their reason before
 * their verdict ({@link VerdictCell}); without one nothing is cut. Grouped by tag, each group starts
 * with a heading line.
 */
public final class TableReport implements ReportWriter {
    /**
     * The scenario column is never narrower than the narrowest width from 20 to 60 columns at which
     * the titles stay apart without numbers: narrower, it would say nothing.
     */
    static final int MIN_SCENARIO_WIDTH = 20;
    static final int MAX_SCENARIO_MIN_WIDTH = 60;
    private static final String GAP = "  ";

    public TableReport() {
    }

    @Override
    public void write(ComparisonResult result, ReportOptions options, Writer out) throws IOException {
        int np = result.policies().size();
        int ns = result.scenarios().size();
        String[] header = new String[np + 1];
        header[0] = "scenario";
        String[] total = new String[np + 1];
        total[0] = "passed";
        for (int p = 0; p < np; p++) {
            header[p + 1] = Cells.flat(result.policies().get(p).id());
            total[p + 1] = result.passed(p, true);
        }
        List<String> labels = labels(result.scenarios());
        VerdictCell[][] cells = new VerdictCell[ns][np];
        for (int s = 0; s < ns; s++) {
            for (int p = 0; p < np; p++) {
                cells[s][p] = VerdictCell.of(result.cell(s, p), result.scenarios().get(s).expectedFailure());
            }
        }

        int[] natural = new int[np + 1];
        int[] min = new int[np + 1];
        int[] weight = new int[np + 1];
        natural[0] = Math.max(Cells.width(header[0]), Cells.width(total[0]));
        for (String l : labels) {
            natural[0] = Math.max(natural[0], Cells.width(l));
        }
        min[0] = options.width() == 0 ? natural[0] : DistinctCut.narrowest(labels,
                Math.min(natural[0], MIN_SCENARIO_WIDTH), Math.min(natural[0], MAX_SCENARIO_MIN_WIDTH));
        weight[0] = 2; // titles say more than cells: they keep twice the cap
        for (int p = 0; p < np; p++) {
            int n = Math.max(Cells.width(header[p + 1]), Cells.width(total[p + 1]));
            int m = Math.max(Cells.width(header[p + 1]), Cells.width(total[p + 1])); // a cut policy id names none
            for (int s = 0; s < ns; s++) {
                n = Math.max(n, Cells.width(cells[s][p].text()));
                m = Math.max(m, cells[s][p].minWidth());
            }
            natural[p + 1] = n;
            min[p + 1] = Math.min(n, m);
            weight[p + 1] = 1;
        }
        int available = options.width() == 0 ? 0 : Math.max(1, options.width() - GAP.length() * np);
        int[] widths = ColumnWidths.fit(natural, min, weight, available);
        List<String> shown = widths[0] < natural[0] ? DistinctCut.cut(labels, widths[0]) : labels;
        int lineWidth = GAP.length() * np;
        for (int w : widths) {
            lineWidth += w;
        }

        StringBuilder sb = new StringBuilder();
        line(sb, header, widths);
        String[] rule = new String[np + 1];
        for (int c = 0; c <= np; c++) {
            rule[c] = "-".repeat(widths[c]);
        }
        line(sb, rule, widths);
        String[] row = new String[np + 1];
        for (TagGroups.Group g : TagGroups.of(result.scenarios(), options.groupByTag())) {
            if (g.heading() != null) {
                sb.append(Cells.fit(g.heading(), lineWidth)).append('\n');
            }
            for (int s : g.scenarios()) {
                row[0] = shown.get(s);
                for (int p = 0; p < np; p++) {
                    row[p + 1] = cells[s][p].fit(widths[p + 1]);
                }
                line(sb, row, widths);
            }
        }
        line(sb, rule, widths);
        line(sb, total, widths);
        out.write(sb.toString());
        out.flush();
    }

    /** Each scenario's title on one line; titles that two scenarios share get their file added. */
    static List<String> labels(List<Scenario> scenarios) {
        Map<String, Integer> count = new HashMap<>();
        for (Scenario s : scenarios) {
            count.merge(Cells.flat(s.title()), 1, Integer::sum);
        }
        List<String> labels = new ArrayList<>(scenarios.size());
        for (Scenario s : scenarios) {
            String title = Cells.flat(s.title());
            labels.add(count.get(title) > 1 ? title + " (" + Cells.flat(s.file()) + ")" : title);
        }
        return labels;
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
