package org.mmsim.core.explore;

import java.util.List;
import org.mmsim.api.Policy;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.mm.Invariants;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.mm.Machine;
import org.mmsim.core.mm.PolicyFailure;
import org.mmsim.core.mm.ResourceLimitException;
import org.mmsim.core.mm.Violation;

/** Searches for states that violate an invariant under one policy (and for policy errors). */
public final class InvariantTarget implements Explorer.Target {
    /** Finding kinds: the invariants in the specs' order, then a policy error. */
    public static final List<String> KINDS = withError(Violation.INVARIANTS);
    /** The bit of a policy error: after every invariant's ({@code 1 << 7} was mapcount-refcount's). */
    private static final int ERROR = 1 << Violation.INVARIANTS.size();

    private final Policy policy;
    private final FlagRegistry flags;
    private final Moves moves;
    private int found;

    public InvariantTarget(Policy policy, FlagRegistry flags, Universe universe) {
        this(policy, flags, new Moves(universe));
    }

    private InvariantTarget(Policy policy, FlagRegistry flags, Moves moves) {
        this.policy = policy;
        this.flags = flags;
        this.moves = moves;
    }

    private Machine parent;
    private final Invariants invariants = new Invariants(null);

    /** Whether the prelude and path ran without a policy error (a state reached by steps always does). */
    private boolean entered;

    @Override
    public void enter(int[] path, int len) {
        parent = new Machine(policy, flags, Limits.DEFAULT);
        entered = false;
        try {
            moves.start(parent);
            for (int d = 0; d < len; d++) {
                Moves.run(parent, path[d]);
            }
            entered = true;
        } catch (PolicyFailure | ResourceLimitException e) {
            // no state to search from: enteredHash() says so with 0
        }
    }

    @Override
    public long enteredHash() {
        return entered ? parent.stateHash() : 0;
    }

    private Machine last;

    @Override
    public long step(int mv) {
        found = 0;
        last = parent.copy();
        try {
            Moves.run(last, mv);
            return last.stateHash();
        } catch (PolicyFailure | ResourceLimitException e) {
            found |= ERROR;
            return 0;
        }
    }

    /** The invariants on the state, then again through teardown, with the leak check. */
    @Override
    public int check() {
        found = 0;
        try {
            Invariants inv = invariants.on(last);
            found |= inv.checkKinds();
            last.teardown();
            found |= inv.checkKinds() | inv.checkLeakKinds();
        } catch (PolicyFailure | ResourceLimitException e) {
            found |= ERROR;
        }
        return found;
    }

    private static List<String> withError(List<String> invariants) {
        List<String> k = new java.util.ArrayList<>(invariants);
        k.add("error");
        return List.copyOf(k);
    }

    @Override
    public int found() {
        return found;
    }

    @Override
    public int kinds() {
        return KINDS.size();
    }

    @Override
    public boolean stopAtFirst() {
        return false;
    }

    @Override
    public Explorer.Target copy() {
        return new InvariantTarget(policy, flags, moves);
    }
}
