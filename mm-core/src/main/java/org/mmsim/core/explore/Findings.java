package org.mmsim.core.explore;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.mmsim.api.Policy;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.mm.Invariants;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.mm.Machine;
import org.mmsim.core.mm.PolicyFailure;
import org.mmsim.core.mm.ResourceLimitException;
import org.mmsim.core.mm.Violation;
import org.mmsim.core.run.RunResult;
import org.mmsim.core.run.ScenarioRunner;
import org.mmsim.core.scenario.Scenario;
import org.mmsim.core.scenario.ScenarioException;
import org.mmsim.core.scenario.ScenarioParser;

/** Turns the explorer's findings into replayable {@code .mms} scenarios. */
public final class Findings {
    private final Universe universe;
    private final Moves moves;
    private final FlagRegistry flags;

    public Findings(Universe universe, FlagRegistry flags) {
        this.universe = universe;
        this.moves = new Moves(universe);
        this.flags = flags;
    }

    /** One statement of a finding and what it gave. */
    public record Line(String statement, String outcome) {}

    /** Replays a path under a policy: each statement with its outcome. */
    public List<Line> replay(Policy policy, int[] path) {
        Machine m = new Machine(policy, flags, Limits.DEFAULT);
        moves.start(m);
        List<Line> lines = new ArrayList<>();
        for (int mv : path) {
            lines.add(new Line(moves.text(mv), DiffTarget.outcome(m, mv)));
        }
        return lines;
    }

    /**
     * The first violation of {@code invariant} on the path, checked as the runner does, with the
     * machine right after the statement that broke it; statement d of the path stands on line
     * {@code firstLine + d}. {@code atEnd}: it broke only when the scenario ended.
     */
    private record Broken(Violation violation, Machine after, boolean atEnd, String error) {
        String message() {
            return error != null ? error : violation == null ? "" : violation.message() + (atEnd
                    ? " (at the end of the scenario)" : "");
        }
    }

    private Broken broken(Policy policy, int[] path, String invariant, int firstLine) {
        Machine m = new Machine(policy, flags, Limits.DEFAULT);
        Invariants inv = new Invariants(m);
        try {
            moves.start(m);
            for (int d = 0; d < path.length; d++) {
                m.setTime(firstLine + d);
                Moves.run(m, path[d]);
                Violation found = first(inv.check(), invariant);
                if (found != null) {
                    return new Broken(found, m, false, null);
                }
            }
            m.teardown();
            List<Violation> end = new ArrayList<>(inv.check());
            end.addAll(inv.checkLeak());
            return new Broken(first(end, invariant), m, true, null);
        } catch (PolicyFailure | ResourceLimitException e) {
            return new Broken(null, m, false, e.getMessage());
        }
    }

    private static Violation first(List<Violation> vs, String invariant) {
        for (Violation v : vs) {
            if (v.invariant().equals(invariant)) {
                return v;
            }
        }
        return null;
    }

    /**
     * A scenario whose run under {@code policy} reproduces the violation: every statement expects
     * what it gave, and, where a statement can show the broken object (a read or a peek of what it
     * should see), the file ends with it, so that {@code mmsim run} fails on an expectation too.
     */
    public String counterexample(Policy policy, int[] path, String invariant) {
        return counterexample(policy, policy.id(), path, invariant);
    }

    /** As {@link #counterexample(Policy, int[], String)}, the policy called {@code name} (its id on the command line). */
    public String counterexample(Policy policy, String name, int[] path, String invariant) {
        int header = 6; // four comment lines, scenario, tags
        int firstLine = header + moves.prelude().size() + 1;
        Broken b = broken(policy, path, invariant, firstLine);
        StringBuilder body = new StringBuilder();
        body.append("scenario \"").append(invariant).append(" under ").append(name)
                .append(" (found by mmsim explore)\"\n");
        body.append("tags explore ").append(invariant).append('\n');
        for (String p : moves.prelude()) {
            body.append(p).append('\n');
        }
        for (Line l : replay(policy, path)) {
            body.append(l.statement()).append(" expect ").append(quote(l.outcome())).append('\n');
        }
        List<String> look = b.violation() == null || b.atEnd() ? List.of() : Observation.of(b.after(), b.violation());
        String observed = look.isEmpty() ? null : observe(policy, body, look);
        StringBuilder sb = new StringBuilder();
        sb.append("# Found by `mmsim explore --policy ").append(name).append("` (").append(describe())
                .append("):\n# a shortest statement sequence after which `").append(invariant)
                .append("` does not hold.\n# ").append(oneLine(b.message()))
                .append("\n# `mmsim run` of this file under ").append(name).append(" reports the violation")
                .append(observed != null ? "; the last statement shows it: it fails its expectation.\n"
                        : "; every expectation records what happened.\n");
        sb.append(body);
        if (observed != null) {
            sb.append(observed);
        }
        return sb.toString();
    }

    /**
     * The observation, each statement on a line, if a run of the scenario with it appended fails
     * on one of its expectations under {@code policy} (it must: it is checked, not assumed).
     */
    private String observe(Policy policy, StringBuilder body, List<String> look) {
        String lines = String.join("\n", look) + "\n";
        try {
            String text = "# the observation is checked in a run below\n".repeat(4) + body + lines;
            Scenario s = ScenarioParser.parse("observation", text.getBytes(StandardCharsets.UTF_8));
            RunResult r = new ScenarioRunner(flags, Limits.DEFAULT).run(s, policy, false);
            int from = s.statements().get(s.statements().size() - look.size()).line();
            return r.failures().stream().anyMatch(f -> f.line() >= from) ? lines : null;
        } catch (ScenarioException e) {
            return null;
        }
    }

    /** A scenario whose last statement gives different outcomes under a and b, each in a comment. */
    public String difference(Policy a, Policy b, int[] path) {
        return difference(a, a.id(), b, b.id(), path);
    }

    /** As {@link #difference(Policy, Policy, int[])}, the policies called {@code nameA} and {@code nameB}. */
    public String difference(Policy a, String nameA, Policy b, String nameB, int[] path) {
        List<Line> la = replay(a, path);
        List<Line> lb = replay(b, path);
        StringBuilder sb = new StringBuilder();
        sb.append("# Found by `mmsim diff ").append(nameA).append(' ').append(nameB).append("` (").append(describe())
                .append("):\n# the shortest statement sequence whose outcomes differ between the two policies.\n");
        sb.append("scenario \"").append(nameA).append(" versus ").append(nameB).append(" (found by mmsim diff)\"\n");
        sb.append("tags diff\n");
        for (String p : moves.prelude()) {
            sb.append(p).append('\n');
        }
        for (int i = 0; i < la.size(); i++) {
            sb.append(la.get(i).statement());
            if (i == la.size() - 1) {
                sb.append("   # ").append(nameA).append(": ").append(oneLine(la.get(i).outcome())).append(", ")
                        .append(nameB).append(": ").append(oneLine(lb.get(i).outcome()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private String describe() {
        return universe.processes() + " processes, " + universe.pages() + " pages, " + universe.files()
                + " files, depth " + universe.depth();
    }

    static String quote(String outcome) {
        return outcome.matches("[A-Za-z0-9_.:+-]+") ? outcome
                : "\"" + outcome.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ");
    }
}
