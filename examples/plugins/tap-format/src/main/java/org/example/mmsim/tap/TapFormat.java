package org.example.mmsim.tap;

import java.io.IOException;
import java.io.Writer;
import org.mmsim.api.ComparisonView;
import org.mmsim.api.ReportFormat;

/**
 * The Test Anything Protocol (version 13): one test point per scenario and policy, a failure's
 * problems as a YAML block, a scenario expected to fail as a TODO test point.
 */
public final class TapFormat implements ReportFormat {
    @Override
    public String name() {
        return "tap";
    }

    @Override
    public String description() {
        return "TAP version 13: a test point per scenario and policy";
    }

    @Override
    public void write(ComparisonView comparison, Writer out) throws IOException {
        int points = comparison.scenarios().size() * comparison.policies().size();
        out.write("TAP version 13\n1.." + points + "\n");
        int n = 0;
        for (ComparisonView.Scenario s : comparison.scenarios()) {
            for (ComparisonView.Run r : s.runs()) {
                n++;
                boolean ok = r.verdict().equals("pass");
                out.write((ok ? "ok " : "not ok ") + n + " - " + clean(s.title()) + " [" + r.policy() + "]"
                        + (r.expectedToFail() ? " # TODO expected to fail" : "") + "\n");
                if (ok) {
                    continue;
                }
                out.write("  ---\n  file: " + quote(s.file()) + "\n");
                if (r.error() != null) {
                    out.write("  error: " + quote(r.error()) + "\n");
                }
                if (!r.problems().isEmpty()) {
                    out.write("  problems:\n");
                    for (ComparisonView.Problem p : r.problems()) {
                        out.write("    - line: " + p.line() + "\n      kind: " + p.kind() + "\n      message: "
                                + quote(p.message()) + "\n");
                    }
                }
                out.write("  ...\n");
            }
        }
    }

    /** A description may not contain '#' (it starts a directive) nor a line break. */
    private static String clean(String s) {
        return s.replace('#', ' ').replaceAll("[\\r\\n]+", " ");
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\r\\n]+", " ") + "\"";
    }
}
