package org.mmsim.core.mm;

import java.util.ArrayList;
import java.util.List;
import org.mmsim.api.Invariant;
import org.mmsim.api.MachineView;

/**
 * One check of every invariant, after a statement or after the teardown: the {@link MachineView}
 * the invariants are handed. The built-in ones read the live machine, all in one pass ({@link
 * Invariants}); a plugin's read it through {@link LiveView}, paying only for what they read.
 */
public final class InvariantCheck implements MachineView {
    private final Machine machine;
    private final List<Violation> builtinFound;
    private final boolean finished;
    private final LiveView live;

    private InvariantCheck(Machine machine, List<Violation> builtinFound, boolean finished) {
        this.machine = machine;
        this.builtinFound = List.copyOf(builtinFound);
        this.finished = finished;
        this.live = new LiveView(machine);
    }

    /**
     * A runner's invariants, split once: the core's, which one pass of {@link Invariants} checks
     * together (the fault path's cost stays that of one check), and the plugins', each asked in turn.
     */
    public record Plan(java.util.Set<String> builtin, List<Invariant> plugins) {
        public static Plan of(List<Invariant> invariants) {
            java.util.Set<String> builtin = new java.util.HashSet<>();
            List<Invariant> plugins = new ArrayList<>();
            for (Invariant inv : invariants) {
                if (inv instanceof BuiltinInvariants.Builtin b) {
                    builtin.add(b.name());
                } else {
                    plugins.add(inv);
                }
            }
            return new Plan(java.util.Set.copyOf(builtin), List.copyOf(plugins));
        }
    }

    /**
     * What the invariants of {@code plan} find broken on {@code machine} now ({@code finished}: after
     * the teardown). An invariant that throws ends the run in error, naming it. The view plugins read
     * is made only when there are some: a run without plugin invariants allocates nothing more.
     */
    public static List<Violation> run(Plan plan, Machine machine, Invariants builtin, boolean finished) {
        // always: the pass consumes what the machine noted for unpin-nonexclusive, checked or not
        List<Violation> found = builtin.check();
        if (finished) {
            found.addAll(builtin.checkLeak());
        }
        if (plan.plugins().isEmpty()) {
            return plan.builtin().size() < Violation.INVARIANTS.size() ? only(plan, found) : found;
        }
        InvariantCheck check = new InvariantCheck(machine, found, finished);
        found = only(plan, found);
        for (Invariant inv : plan.plugins()) {
            String name = inv.name();
            List<Violation> into = found;
            try {
                inv.check(check, (object, message) -> into.add(new Violation(name, String.valueOf(object), null,
                        String.valueOf(message))));
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                throw new PolicyFailure("invariant " + name + " failed: " + e);
            }
        }
        return found;
    }

    /** The built-in violations of the invariants the plan keeps, in a list of their own. */
    private static List<Violation> only(Plan plan, List<Violation> found) {
        List<Violation> kept = new ArrayList<>(found);
        kept.removeIf(v -> !plan.builtin().contains(v.invariant()));
        return kept;
    }

    /** What the built-in invariants found on this machine, all of them, in one pass. */
    List<Violation> builtin() {
        return builtinFound;
    }

    @Override
    public List<? extends MachineView.Process> processes() {
        return live.processes();
    }

    @Override
    public List<? extends MachineView.Handle> handles() {
        return live.handles();
    }

    @Override
    public boolean finished() {
        return finished;
    }

    @Override
    public boolean keepsAnonExclusive() {
        return machine.policy.keepsAnonExclusive();
    }
}
