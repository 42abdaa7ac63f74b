package org.mmsim.core.explore;

import java.util.Arrays;
import org.mmsim.api.Policy;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.mm.Machine;

/**
 * How a target enters a frontier state: its path replayed from the universe's start. A level's
 * states come in key order, which is the order of their paths, so consecutive ones share a
 * prefix, all but their last move for siblings, most of it for cousins: the machine after each
 * move of the last path is kept, and a state is the machine after the prefix it shares with the
 * last path, the rest of its moves replayed.
 */
final class Entry {
    /** Runs one move of a path; may throw what {@link Moves#run} throws. */
    interface Step {
        void run(Machine m, int mv);
    }

    private final Moves moves;
    private final Step step;
    /** {@code after[d]}: the machine after {@link #prefix}'s first d moves (d <= {@link #prefixLen}); {@code after[0]} the prelude's, made on first use. */
    private Machine[] after = new Machine[16];
    private int[] prefix = new int[16];
    private int prefixLen;
    private final Policy policy;
    private final FlagRegistry flags;

    Entry(Policy policy, FlagRegistry flags, Moves moves, Step step) {
        this.policy = policy;
        this.flags = flags;
        this.moves = moves;
        this.step = step;
    }

    /** The state {@code path[0..len)} leads to, in {@code into} (a machine of an earlier entry, or null). */
    Machine enter(Machine into, int[] path, int len) {
        if (after[0] == null) {
            Machine m = new Machine(policy, flags, Limits.DEFAULT);
            moves.start(m);
            after[0] = m;
        }
        if (len == 0) {
            return after[0].copyInto(into);
        }
        int shared = len - 1;
        if (after.length <= shared) {
            after = Arrays.copyOf(after, Math.max(shared + 1, 2 * after.length));
            prefix = Arrays.copyOf(prefix, after.length);
        }
        int d = 0;
        while (d < prefixLen && d < shared && prefix[d] == path[d]) {
            d++;
        }
        for (prefixLen = d; d < shared; d++) {
            after[d + 1] = after[d].copyInto(after[d + 1]);
            step.run(after[d + 1], path[d]); // if it throws, the prefix kept ends before it
            prefix[d] = path[d];
            prefixLen = d + 1;
        }
        Machine m = after[shared].copyInto(into);
        step.run(m, path[shared]);
        // a bad unpin on the path made its own state a new one (StateHash counts them): not the next ones
        m.forgetBadUnpins();
        return m;
    }
}
