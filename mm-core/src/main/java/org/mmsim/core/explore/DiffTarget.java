package org.mmsim.core.explore;

import org.mmsim.api.Policy;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.mm.Machine;
import org.mmsim.core.mm.PolicyFailure;
import org.mmsim.core.mm.ResourceLimitException;
import org.mmsim.core.mm.StateHash;

/** Searches for the shortest sequence after which two policies' outcomes differ. */
public final class DiffTarget implements Explorer.Target {
    private final Policy a;
    private final Policy b;
    private final FlagRegistry flags;
    private final Moves moves;
    /** This worker's hasher (targets are copied per worker thread). */
    private final StateHash hasher = new StateHash();
    /** Page order symmetry, one order for both machines; handle names stay (they pair the machines' handles). */
    private final boolean pageSymmetry;
    private int found;

    public DiffTarget(Policy a, Policy b, FlagRegistry flags, Universe universe) {
        this(a, b, flags, universe, Reductions.DEFAULT);
    }

    public DiffTarget(Policy a, Policy b, FlagRegistry flags, Universe universe, Reductions reductions) {
        this(a, b, flags, new Moves(universe), reductions.symmetry());
    }

    private DiffTarget(Policy a, Policy b, FlagRegistry flags, Moves moves, boolean pageSymmetry) {
        this.a = a;
        this.b = b;
        this.flags = flags;
        this.moves = moves;
        this.pageSymmetry = pageSymmetry && moves.pagesSymmetric();
        this.entryA = new Entry(a, flags, moves, DiffTarget::outcome);
        this.entryB = new Entry(b, flags, moves, DiffTarget::outcome);
    }

    private final Entry entryA;
    private final Entry entryB;

    private Machine parentA;
    private Machine parentB;

    @Override
    public void enter(int[] path, int len) {
        parentA = entryA.enter(parentA, path, len);
        parentB = entryB.enter(parentB, path, len);
    }

    @Override
    public long enteredHash() {
        return hash(parentA, parentB);
    }

    /** The last step's machines, which the next step copies into (no allocation per successor). */
    private Machine ma;
    private Machine mb;

    @Override
    public long step(int mv) {
        found = 0;
        ma = parentA.copyInto(ma);
        mb = parentB.copyInto(mb);
        if (!outcome(ma, mv).equals(outcome(mb, mv))) {
            found = 1;
            return 0;
        }
        return hash(ma, mb);
    }

    private long hash(Machine ma, Machine mb) {
        return hasher.pair(ma, mb, pageSymmetry);
    }

    /** The statement's outcome, or "error: ..." when the policy failed, so errors count as differences. */
    static String outcome(Machine m, int mv) {
        try {
            return Moves.run(m, mv);
        } catch (PolicyFailure | ResourceLimitException e) {
            return "error: " + e.getMessage();
        }
    }

    @Override
    public int found() {
        return found;
    }

    /** Differences show in the outcome of the step itself. */
    @Override
    public int check() {
        return 0;
    }

    @Override
    public int kinds() {
        return 1;
    }

    @Override
    public boolean stopAtFirst() {
        return true;
    }

    @Override
    public Explorer.Target copy() {
        return new DiffTarget(a, b, flags, moves, pageSymmetry);
    }
}
