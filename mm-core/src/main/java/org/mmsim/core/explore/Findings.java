package org.mmsim.core.explore;

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
     * The message of the first violation of {@code invariant} on the path, checked as the runner
     * does; statement d of the path is taken to stand on line {@code firstLine + d}.
     */
    public String message(Policy policy, int[] path, String invariant, int firstLine) {
        Machine m = new Machine(policy, flags, Limits.DEFAULT);
        Invariants inv = new Invariants(m);
        try {
            moves.start(m);
            for (int d = 0; d < path.length; d++) {
                m.setTime(firstLine + d);
                Moves.run(m, path[d]);
                String found = first(inv.check(), invariant);
                if (found != null) {
                    return found;
                }
            }
            m.teardown();
            List<Violation> end = new ArrayList<>(inv.check());
            end.addAll(inv.checkLeak());
            String found = first(end, invariant);
            return found != null ? found + " (at the end of the scenario)" : "";
        } catch (PolicyFailure | ResourceLimitException e) {
            return e.getMessage();
        }
    }

    private static String first(List<Violation> vs, String invariant) {
        for (Violation v : vs) {
            if (v.invariant().equals(invariant)) {
                return v.message();
            }
        }
        return null;
    }

    /** A scenario whose run under {@code policy} reproduces the violation; every statement expects what it gave. */
    public String counterexample(Policy policy, int[] path, String invariant) {
        int header = 6; // four comment lines, scenario, tags
        int firstLine = header + moves.prelude().size() + 1;
        StringBuilder sb = new StringBuilder();
        sb.append("# Found by `mmsim explore --policy ").append(policy.id()).append("` (").append(describe())
                .append("):\n# the shortest statement sequence after which `").append(invariant)
                .append("` does not hold.\n# ").append(oneLine(message(policy, path, invariant, firstLine)))
                .append("\n# `mmsim run` of this file under ").append(policy.id())
                .append(" reports the violation; every expectation records what happened.\n");
        sb.append("scenario \"").append(invariant).append(" under ").append(policy.id())
                .append(" (found by mmsim explore)\"\n");
        sb.append("tags explore ").append(invariant).append('\n');
        for (String p : moves.prelude()) {
            sb.append(p).append('\n');
        }
        for (Line l : replay(policy, path)) {
            sb.append(l.statement()).append(" expect ").append(quote(l.outcome())).append('\n');
        }
        return sb.toString();
    }

    /** A scenario whose last statement gives different outcomes under a and b, each in a comment. */
    public String difference(Policy a, Policy b, int[] path) {
        List<Line> la = replay(a, path);
        List<Line> lb = replay(b, path);
        StringBuilder sb = new StringBuilder();
        sb.append("# Found by `mmsim diff ").append(a.id()).append(' ').append(b.id()).append("` (").append(describe())
                .append("):\n# the shortest statement sequence whose outcomes differ between the two policies.\n");
        sb.append("scenario \"").append(a.id()).append(" versus ").append(b.id()).append(" (found by mmsim diff)\"\n");
        sb.append("tags diff\n");
        for (String p : moves.prelude()) {
            sb.append(p).append('\n');
        }
        for (int i = 0; i < la.size(); i++) {
            sb.append(la.get(i).statement());
            if (i == la.size() - 1) {
                sb.append("   # ").append(a.id()).append(": ").append(oneLine(la.get(i).outcome())).append(", ")
                        .append(b.id()).append(": ").append(oneLine(lb.get(i).outcome()));
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
