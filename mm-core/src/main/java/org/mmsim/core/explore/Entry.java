package org.mmsim.core.explore;

import java.util.Arrays;
import org.mmsim.api.Policy;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.mm.Machine;

/**
 * How a target enters a frontier state: its path replayed from the universe's start. A level's
 * states come in key order, parent by parent, so consecutive ones share all but their last move:
 * the machine after the shared moves is kept, and each state is a copy of it plus one move.
 */
final class Entry {
    /** Runs one move of a path; may throw what {@link Moves#run} throws. */
    interface Step {
        void run(Machine m, int mv);
    }

    private final Moves moves;
    private final Step step;
    /** The machine after the prelude, made on first use. */
    private Machine root;
    /** The machine after {@link #prefix}'s moves; {@link #prefixLen} -1 when there is none. */
    private Machine prefixed;
    private int[] prefix = new int[16];
    private int prefixLen = -1;
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
        if (root == null) {
            Machine m = new Machine(policy, flags, Limits.DEFAULT);
            moves.start(m);
            root = m;
        }
        if (len == 0) {
            return root.copyInto(into);
        }
        int shared = len - 1;
        if (prefixLen != shared || !Arrays.equals(prefix, 0, shared, path, 0, shared)) {
            prefixLen = -1; // until the replay below gets through
            prefixed = root.copyInto(prefixed);
            for (int d = 0; d < shared; d++) {
                step.run(prefixed, path[d]);
            }
            if (prefix.length < shared) {
                prefix = Arrays.copyOf(prefix, Math.max(shared, 2 * prefix.length));
            }
            System.arraycopy(path, 0, prefix, 0, shared);
            prefixLen = shared;
        }
        Machine m = prefixed.copyInto(into);
        step.run(m, path[shared]);
        // a bad unpin on the path made its own state a new one (StateHash counts them): not the next ones
        m.forgetBadUnpins();
        return m;
    }
}
