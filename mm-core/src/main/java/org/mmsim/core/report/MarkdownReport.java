package org.mmsim.core.report;

import java.io.IOException;
import java.io.Writer;
import org.mmsim.core.run.ComparisonResult;
import org.mmsim.core.run.RunResult;
import org.mmsim.core.scenario.Scenario;

/**
 * A GitHub-flavoured Markdown table: one row per scenario (title and file), one column per policy;
 * cells read {@code pass}, {@code **fail** isolation @9} or {@code *error* timed out after 10s}.
 * A row counts the passes per policy; a legend line and the columns' summaries follow the table
 * (which kernel each policy models, which kernel the host column ran on). Grouped by tag, each group
 * starts with a row holding only its heading, in bold.
 */
public final class MarkdownReport implements ReportWriter {
    public static final String LEGEND = "Legend: pass = every expectation held and no invariant was violated "
            + "(`pass (N skipped)`: N expectations the column cannot check: on statements it cannot perform, such "
            + "as the host's R/O pins, or of values only those wrote); **fail** = the first violated invariant (`invariant @line`) or failed expectation "
            + "(`line N: actual != expected`); *xfail* = such a failure where the scenario expects one (`tags xfail`: "
            + "the kernel fails it too, as cow.c marks it); *error* = the scenario could not run under that policy "
            + "(the reason follows).";

    public MarkdownReport() {
    }

    @Override
    public void write(ComparisonResult result, ReportOptions options, Writer out) throws IOException {
        int np = result.policies().size();
        int ns = result.scenarios().size();
        StringBuilder sb = new StringBuilder();
        sb.append("| scenario |");
        for (int p = 0; p < np; p++) {
            sb.append(' ').append(escape(result.policies().get(p).id())).append(" |");
        }
        sb.append("\n|:---|");
        for (int p = 0; p < np; p++) {
            sb.append(":---|");
        }
        sb.append('\n');
        for (TagGroups.Group g : TagGroups.of(result.scenarios(), options.groupByTag())) {
            if (g.heading() != null) {
                sb.append("| **").append(escape(g.heading())).append("** |").append(" |".repeat(np)).append('\n');
            }
            for (int s : g.scenarios()) {
                Scenario sc = result.scenarios().get(s);
                sb.append("| ").append(escape(sc.title())).append(" (").append(code(sc.file())).append(") |");
                for (int p = 0; p < np; p++) {
                    sb.append(' ').append(cell(result.cell(s, p), sc.expectedFailure())).append(" |");
                }
                sb.append('\n');
            }
        }
        sb.append("| **passed** |");
        for (int p = 0; p < np; p++) {
            sb.append(' ').append(escape(result.passed(p, false))).append(" |");
        }
        sb.append("\n\n").append(LEGEND).append("\n\nColumns:\n\n");
        for (var p : result.policies()) { // what each column is: a policy's kernel, or the machine's
            sb.append("- ").append(code(p.id())).append(" (").append(escape(p.origin())).append("): ")
                    .append(escape(p.summary())).append('\n');
        }
        out.write(sb.toString());
        out.flush();
    }

    /** {@code pass}, {@code **fail** isolation @9}, {@code *error* reason}. */
    static String cell(RunResult r) {
        return cell(r, false);
    }

    /** A run's cell; a failure the scenario expects ({@code tags xfail}) is {@code *xfail*}, not bold. */
    static String cell(RunResult r, boolean expectedFailure) {
        return switch (r.verdict()) {
            case PASS -> r.skipped().isEmpty() ? "pass" : "pass (" + r.skipped().size() + " skipped)";
            case FAIL -> (expectedFailure ? "*xfail* " : "**fail** ") + escape(Cells.problem(r));
            case ERROR -> "*error* " + escape(Cells.problem(r));
        };
    }

    /** Text safe inside a table cell: one line, Markdown punctuation and the pipe escaped. */
    static String escape(String s) {
        String flat = Cells.flat(s);
        StringBuilder sb = new StringBuilder(flat.length() + 8);
        for (int i = 0; i < flat.length(); i++) {
            char c = flat.charAt(i);
            if ("\\|*_`<>[]~&".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString().strip();
    }

    /** A code span for a file name (falls back to escaped text when the name has a backtick). */
    static String code(String s) {
        String flat = Cells.flat(s);
        if (flat.indexOf('`') >= 0 || flat.indexOf('|') >= 0) {
            return escape(flat);
        }
        return "`" + flat + "`";
    }
}
