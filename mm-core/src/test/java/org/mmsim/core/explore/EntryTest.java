package org.mmsim.core.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mmsim.api.Policy;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.mm.Machine;
import org.mmsim.core.testing.KernelUnsharePolicy;

/** Entering a state by its parent's machine plus one move gives the machine its whole path replayed gives. */
class EntryTest {
    private final Universe universe = new Universe(2, 2, 1, 2, 6, Universe.DEFAULT);
    private final Moves moves = new Moves(universe);
    private final Policy policy = KernelUnsharePolicy.stub();
    private final FlagRegistry flags = new FlagRegistry();

    /** Paths as a search meets them (children after their parent) and out of order, sharing prefixes or not. */
    @Test
    void everyEnteredStateIsItsPathReplayed() {
        Random random = new Random(16);
        List<int[]> paths = new ArrayList<>();
        paths.add(new int[0]);
        int[] out = new int[4096];
        Moves.Context context = new Moves.Context(universe);
        for (int k = 0; paths.size() < 400 && k < 10_000; k++) {
            int[] parent = paths.get(random.nextInt(paths.size()));
            if (parent.length == 6) {
                continue;
            }
            int n = moves.candidatesAfter(context, parent, parent.length, out);
            for (int c = 0; c < 3 && n > 0; c++) {
                int[] child = Arrays.copyOf(parent, parent.length + 1);
                child[parent.length] = out[random.nextInt(n)];
                paths.add(child);
            }
        }
        List<int[]> shuffled = new ArrayList<>(paths);
        java.util.Collections.shuffle(shuffled, random);
        paths.addAll(shuffled);
        Entry entry = new Entry(policy, flags, moves, Moves::run);
        Machine into = null;
        int checked = 0;
        for (int[] path : paths) {
            int[] buffer = Arrays.copyOf(path, path.length + 3); // a caller's buffer is longer than the path
            Machine m = entry.enter(into, buffer, path.length);
            if (into != null) {
                assertSame(into, m, "entered into the machine it was given");
            }
            into = m;
            Machine replayed = new Machine(policy, flags, Limits.DEFAULT);
            moves.start(replayed);
            for (int mv : path) {
                Moves.run(replayed, mv);
            }
            assertEquals(replayed.state(), m.state(), Arrays.toString(path));
            assertEquals(replayed.stateHash(), m.stateHash(), Arrays.toString(path));
            checked++;
        }
        assertTrue(checked >= 400, "paths checked: " + checked);
    }

    /**
     * A bad unpin is an event of the move that made it (what makes the state after it a new one, to
     * be checked): the states after it do not carry it, so that they meet the same states reached
     * without one.
     */
    @Test
    void theStatesAfterABadUnpinDoNotCarryIt() {
        KernelUnsharePolicy sharesPinned = new KernelUnsharePolicy();
        sharesPinned.fork = org.mmsim.api.ForkDecision.SHARE; // fork shares a pinned page: its unpin is bad
        Universe u = new Universe(2, 2, 0, 2, 6, java.util.Set.of("write", "fork", "pin", "release"));
        InvariantTarget t = new InvariantTarget(sharesPinned, flags, u, Reductions.NONE);
        int write = Moves.encode(Moves.WRITE, 0, 0, 0, 0, 0);
        int pin = Moves.encode(Moves.PIN, 0, 0, 0, 0, 0);
        int fork = Moves.encode(Moves.FORK, 0, 0, 0, 1, 0);
        int release = Moves.encode(Moves.RELEASE, 0, 0, 0, 0, 0);
        int next = Moves.encode(Moves.WRITE, 1, 0, 1, 0, 0);

        t.enter(new int[] {write, pin, fork}, 3);
        long afterRelease = t.step(release);
        int unpin = 1 << InvariantTarget.KINDS.indexOf("unpin-nonexclusive");
        assertEquals(unpin, t.check() & unpin, "the release is a bad unpin");
        t.enter(new int[] {write, fork}, 2);
        long unpinned = t.enteredHash();
        assertTrue(afterRelease != unpinned, "the state it makes is a new one, to be checked");

        t.enter(new int[] {write, pin, fork, release}, 4);
        long throughBadUnpin = t.step(next);
        t.enter(new int[] {write, fork}, 2);
        assertEquals(t.step(next), throughBadUnpin, "the next state is the same either way");
    }
}
