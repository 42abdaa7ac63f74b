package org.mmsim.core.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import org.mmsim.core.host.HostColumn;
import org.mmsim.core.mm.TraceEvent;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.run.ComparisonResult;
import org.mmsim.core.run.ScenarioDiff;
import org.mmsim.core.scenario.Scenario;

/**
 * {@code mmsim diff A B FILE...}: on the user's own scenarios, the first statement where the two
 * policies' outcomes or decisions part, with both policies' traces of that statement.
 */
public final class ScenarioDiffs {
    private ScenarioDiffs() {
    }

    /**
     * Prints one paragraph per scenario of {@code result} (a and b, traced); exit status 1 when any
     * scenario shows a difference.
     */
    public static int print(List<Scenario> scenarios, LoadedPolicy a, LoadedPolicy b, ComparisonResult result,
                     PrintWriter out) {
        // the kernel takes no decisions mmsim can see: against the host column, outcomes alone count
        boolean decisions = !(a.policy() instanceof HostColumn) && !(b.policy() instanceof HostColumn);
        int differ = 0;
        for (int s = 0; s < scenarios.size(); s++) {
            String file = scenarios.get(s).file();
            Optional<ScenarioDiff.Difference> d = ScenarioDiff.first(result.cell(s, 0), result.cell(s, 1), decisions);
            if (d.isEmpty()) {
                out.println(file + ": " + a.id() + " and " + b.id() + " take the same steps"
                        + (decisions ? " and the same decisions" : " (where the kernel supports them)"));
                continue;
            }
            differ++;
            ScenarioDiff.Difference x = d.get();
            out.println(file + ": " + a.id() + " and " + b.id() + " part at line " + x.line() + ": " + x.statement()
                    + (x.inOutcome() ? "" : " (same outcome, different decisions)"));
            side(out, a.id(), x.outcomeA(), x.decisionsA(), x.traceA());
            side(out, b.id(), x.outcomeB(), x.decisionsB(), x.traceB());
        }
        out.println(differ + " of " + scenarios.size() + " scenario(s) differ between " + a.id() + " and " + b.id());
        return differ == 0 ? Main.EXIT_OK : Main.EXIT_FAILED;
    }

    private static void side(PrintWriter out, String policy, String outcome, List<String> decisions,
                             List<TraceEvent> trace) {
        out.println("  " + policy + ": " + outcome + (decisions.isEmpty() ? "" : "; decided " + String.join(", ",
                decisions)));
        for (TraceEvent e : trace) {
            if (e.depth() > 0) {
                out.println("  " + e.indented()); // under the policy's line, one level in
            }
        }
    }
}
