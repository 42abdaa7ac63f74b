package org.mmsim.core.explore;

import java.util.List;
import org.mmsim.api.Policy;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.mm.Invariants;
import org.mmsim.core.mm.Machine;
import org.mmsim.core.mm.PolicyFailure;
import org.mmsim.core.mm.ResourceLimitException;
import org.mmsim.core.mm.StateHash;
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
    private final Reductions reductions;
    /** Whether the universe's pages are interchangeable: base pages only (a THP's pages are not). */
    private final boolean pageSymmetry;
    private int found;

    public InvariantTarget(Policy policy, FlagRegistry flags, Universe universe) {
        this(policy, flags, universe, Reductions.DEFAULT);
    }

    public InvariantTarget(Policy policy, FlagRegistry flags, Universe universe, Reductions reductions) {
        this(policy, flags, new Moves(universe), reductions);
    }

    private InvariantTarget(Policy policy, FlagRegistry flags, Moves moves, Reductions reductions) {
        this.policy = policy;
        this.flags = flags;
        this.moves = moves;
        this.reductions = reductions;
        this.pageSymmetry = moves.pagesSymmetric();
        this.entry = new Entry(policy, flags, moves, Moves::run);
    }

    private final Entry entry;

    private Machine parent;
    private final Invariants invariants = new Invariants(null);

    /** Whether the prelude and path ran without a policy error (a state reached by steps always does). */
    private boolean entered;

    @Override
    public void enter(int[] path, int len) {
        entered = false;
        try {
            parent = entry.enter(parent, path, len);
            entered = true;
        } catch (PolicyFailure | ResourceLimitException e) {
            // no state to search from: enteredHash() says so with 0
        }
    }

    @Override
    public long enteredHash() {
        return entered ? hash(parent) : 0;
    }

    /** This worker's hasher (targets are copied per worker thread). */
    private final StateHash hasher = new StateHash();

    /** The entered state's sleep set from its class's: read through one way the class's bits map onto it. */
    @Override
    public long enteredSleep(long canonical) {
        if (!entered || !reductions.symmetry()) {
            return canonical;
        }
        hash(parent);
        if (hasher.ways() < 0) {
            return 0; // its class's ways are not known, so nothing sleeps there (steppedSleep)
        }
        // the class's set holds under every way already: any one maps it
        long own = hasher.orientation(0) < 0 ? moves.reversed(canonical) : canonical;
        return moves.renamed(own, hasher.names(0), true);
    }

    /**
     * The class's sleep set from the last step's own: what sleeps in every way the state maps onto
     * its class (a mirror image that is its own, processes whose names may swap), so that the set
     * says the same of every member.
     */
    @Override
    public long steppedSleep(long own) {
        if (!reductions.symmetry()) {
            return own;
        }
        int ways = hasher.ways();
        long out = ways < 0 ? 0 : -1L;
        for (int k = 0; k < ways; k++) {
            long c = moves.renamed(own, hasher.names(k), false);
            int o = hasher.orientation(k);
            out &= o < 0 ? moves.reversed(c) : o == 0 ? c & moves.reversed(c) : c;
        }
        return out;
    }

    @Override
    public boolean sleepSets() {
        return reductions.sleepSets();
    }

    /** The last step's machine, which the next step copies into (no allocation per successor). */
    private Machine last;

    @Override
    public long step(int mv) {
        found = 0;
        if (reductions.skip() && Moves.changesNothing(parent, mv)) {
            return 0; // the parent's own state, seen already
        }
        last = parent.copyInto(last);
        try {
            Moves.run(last, mv);
            return hash(last);
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
            last.teardownForReuse(); // nothing copies from last: what it drops, the next step makes over
            found |= inv.checkKinds() | inv.checkLeakKinds();
        } catch (PolicyFailure | ResourceLimitException e) {
            found |= ERROR;
        }
        return found;
    }

    private long hash(Machine m) {
        // process names fold too: the universe's stores name their writer (Moves.value)
        return reductions.symmetry() ? hasher.canonical(m, pageSymmetry, true) : hasher.exact(m);
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
        return new InvariantTarget(policy, flags, moves, reductions);
    }
}
