package org.mmsim.core.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.mmsim.core.host.HostColumn;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.run.ComparisonResult;
import org.mmsim.core.run.RunResult;

/**
 * {@code compare --check-determinism}: the matrix is computed twice (fresh machines, the same policy
 * instances) and every simulated cell whose two runs differ becomes {@code error: nondeterministic:
 * ...}, naming the first difference. The host column is run once and never checked: its runs are
 * the live kernel's, not a policy's answers. A cell that timed out in either pass keeps its first
 * result: how long a run takes is not an answer either.
 */
final class DeterminismCheck {
    /** What the reason of a flagged cell starts with. */
    static final String NONDETERMINISTIC = "nondeterministic: ";

    private final ComparisonResult result;
    private final List<RunResult> flagged;

    private DeterminismCheck(ComparisonResult result, List<RunResult> flagged) {
        this.result = result;
        this.flagged = List.copyOf(flagged);
    }

    /**
     * Runs {@code compare} on every chosen column, then again on the simulated ones, and marks the
     * cells that differ.
     */
    static DeterminismCheck run(List<LoadedPolicy> chosen, Function<List<LoadedPolicy>, ComparisonResult> compare) {
        ComparisonResult first = compare.apply(chosen);
        List<LoadedPolicy> simulated = chosen.stream().filter(p -> !(p.policy() instanceof HostColumn)).toList();
        ComparisonResult second = compare.apply(simulated);
        List<RunResult> cells = new ArrayList<>(first.results());
        List<RunResult> flagged = new ArrayList<>();
        for (int s = 0; s < first.scenarios().size(); s++) {
            for (int q = 0; q < simulated.size(); q++) {
                int p = chosen.indexOf(simulated.get(q));
                RunResult a = first.cell(s, p);
                String difference = difference(a, second.cell(s, q));
                if (difference != null) {
                    RunResult marked = new RunResult(a.scenario(), a.file(), a.policy(), RunResult.Verdict.ERROR,
                            a.steps(), a.failures(), a.violations(), NONDETERMINISTIC + difference, a.counters(),
                            a.trace(), a.skipped());
                    cells.set(s * chosen.size() + p, marked);
                    flagged.add(marked);
                }
            }
        }
        return new DeterminismCheck(new ComparisonResult(chosen, first.scenarios(), cells), flagged);
    }

    /** The first pass's matrix, with the nondeterministic cells turned into errors. */
    ComparisonResult result() {
        return result;
    }

    /** The cells that differed, in matrix order. */
    List<RunResult> flagged() {
        return flagged;
    }

    /** One stderr line per flagged cell: {@code mmsim: nondeterministic: policy P, scenario FILE: line 4 gave ok, then fail}. */
    static String warning(RunResult cell) {
        return "mmsim: nondeterministic: policy " + cell.policy() + ", scenario " + cell.file() + ": "
                + cell.error().substring(NONDETERMINISTIC.length());
    }

    /** The first difference between two runs of one cell, in a few words; null when they agree. */
    static String difference(RunResult a, RunResult b) {
        if (timedOut(a) || timedOut(b)) {
            return null;
        }
        int n = Math.min(a.steps().size(), b.steps().size());
        for (int k = 0; k < n; k++) {
            RunResult.Step x = a.steps().get(k);
            RunResult.Step y = b.steps().get(k);
            if (!x.outcome().equals(y.outcome())) {
                return "line " + x.line() + " gave " + x.outcome() + ", then " + y.outcome();
            }
        }
        if (a.steps().size() != b.steps().size()) {
            // the shorter run ended in error at the statement the longer one went on with
            RunResult.Step next = (a.steps().size() > n ? a : b).steps().get(n);
            String x = a.steps().size() > n ? next.outcome() : ended(a);
            String y = b.steps().size() > n ? next.outcome() : ended(b);
            return "line " + next.line() + " gave " + x + ", then " + y;
        }
        if (!a.violations().equals(b.violations())) {
            return "violations " + violations(a) + ", then " + violations(b);
        }
        if (!a.counters().equals(b.counters())) {
            return "counters " + a.counters() + ", then " + b.counters();
        }
        if (a.verdict() != b.verdict()) { // not the reasons of two errors: a message may name an object's hash
            return "verdict " + verdict(a) + ", then " + verdict(b);
        }
        return null;
    }

    private static boolean timedOut(RunResult r) {
        return r.verdict() == RunResult.Verdict.ERROR && r.error() != null && r.error().startsWith("timed out after");
    }

    private static String ended(RunResult r) {
        return r.error() != null ? "error (" + r.error() + ")" : "nothing";
    }

    private static String violations(RunResult r) {
        return r.violations().isEmpty() ? "none" : r.violations().stream()
                .map(v -> v.invariant() + " @" + v.line()).toList().toString();
    }

    private static String verdict(RunResult r) {
        return r.verdict().json() + (r.error() != null ? " (" + r.error() + ")" : "");
    }
}
