package org.mmsim.core.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mmsim.api.Policy;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.mm.Machine;
import org.mmsim.core.testing.AlwaysReuse;
import org.mmsim.core.testing.KernelUnsharePolicy;

/**
 * The explorer's reductions are sound: with and without them a search finds the same kinds at the
 * same shortest lengths, and they do shrink what it explores. The bundled policies are checked the
 * same way by the distribution's ReductionsIT.
 */
class ReductionsTest {
    private final FlagRegistry flags = new FlagRegistry();


    /** Each finding kind with the length of its shortest counterexample. */
    private static List<String> lengths(Explorer.Result r) {
        List<String> out = new ArrayList<>();
        for (Explorer.Finding f : r.findings()) {
            out.add(InvariantTarget.KINDS.get(f.kind()) + ":" + f.path().length);
        }
        return out;
    }

    private Explorer.Result explore(Policy p, Universe u, Reductions reductions) {
        return new Explorer(u, 5_000_000, 2).run(new InvariantTarget(p, flags, u, reductions));
    }

    private void sameFindingsFewerStates(Policy p, Universe u) {
        Explorer.Result none = explore(p, u, Reductions.NONE);
        assertFalse(lengths(none).isEmpty(), "something to compare: " + none.summary());
        Explorer.Result skip = explore(p, u, new Reductions(false, true, false));
        assertEquals(lengths(none), lengths(skip), "skip " + p.id() + " " + u);
        assertEquals(none.distinct(), skip.distinct(), "skipping drops only moves that stay in place");
        assertEquals(none.explored(), skip.explored(), "and counts them as explored");
        Explorer.Result sleep = explore(p, u, new Reductions(false, false, true));
        assertEquals(lengths(none), lengths(sleep), "sleep sets " + p.id() + " " + u);
        assertEquals(none.distinct(), sleep.distinct(), "sleep sets reach every state");
        assertTrue(sleep.explored() < none.explored(), "by fewer moves: " + sleep.summary() + " vs " + none.summary());
        Explorer.Result symmetry = explore(p, u, new Reductions(true, false, false));
        assertEquals(lengths(none), lengths(symmetry), "symmetry " + p.id() + " " + u);
        assertTrue(symmetry.distinct() < none.distinct(), "symmetry folds states: " + symmetry.summary());
        Explorer.Result defaults = explore(p, u, Reductions.DEFAULT);
        assertEquals(lengths(none), lengths(defaults), "symmetry and skip " + p.id() + " " + u);
        assertEquals(symmetry.distinct(), defaults.distinct(), "skipping keeps every state of the symmetric search");
        Explorer.Result all = explore(p, u, Reductions.ALL);
        assertEquals(lengths(none), lengths(all), "all " + p.id() + " " + u);
        assertTrue(all.explored() < none.explored(), all.summary() + " vs " + none.summary());
        assertEquals(symmetry.distinct(), all.distinct(), "sleep sets keep every state of the symmetric search");
        assertTrue(all.explored() < defaults.explored(), "by fewer moves: " + all.summary() + " vs " + defaults.summary());
    }

    @Test
    void findingsAndTheirLengthsDoNotDependOnTheReductions() {
        Set<String> every = Set.of("write", "read", "fork", "exit", "munmap", "mprotect", "madvise", "pin",
                "vmsplice", "peek", "poke", "release");
        for (Policy p : List.of(new KernelUnsharePolicy(), new AlwaysReuse())) {
            sameFindingsFewerStates(p, new Universe(2, 2, 0, 2, 4, every));
            sameFindingsFewerStates(p, new Universe(2, 3, 0, 2, 4, Set.of("write", "read", "fork", "exit",
                    "munmap", "pin", "vmsplice", "poke", "release")));
            sameFindingsFewerStates(p, new Universe(3, 2, 1, 2, 4, Set.of("write", "read", "fork", "vmsplice",
                    "pin", "release", "fwrite", "munmap")));
        }
    }

    @Test
    void aThpUniverseFoldsHandleNamesOnly() {
        Universe u = new Universe(2, 2, 0, 2, 4, Universe.THP_DEFAULT, 4);
        Policy p = new AlwaysReuse();
        Explorer.Result none = explore(p, u, Reductions.NONE);
        Explorer.Result all = explore(p, u, Reductions.ALL);
        assertFalse(lengths(none).isEmpty(), none.summary());
        assertEquals(lengths(none), lengths(all));
        assertTrue(all.distinct() <= none.distinct(), all.summary() + " vs " + none.summary());
    }

    @Test
    void diffFindsTheSameShortestDifferenceWithAndWithoutSymmetry() {
        Universe u = new Universe(2, 2, 0, 2, 4, Set.of("write", "read", "fork", "pin", "peek", "munmap"));
        Policy a = new KernelUnsharePolicy();
        Policy b = new AlwaysReuse();
        Explorer.Result none = new Explorer(u, 1_000_000, 2).run(new DiffTarget(a, b, flags, u, Reductions.NONE));
        Explorer.Result all = new Explorer(u, 1_000_000, 2).run(new DiffTarget(a, b, flags, u, Reductions.ALL));
        assertEquals(none.first(0).length, all.first(0).length);
    }

    /**
     * Under symmetry a state's sleep set is kept in its class's terms: it holds only what sleeps in
     * every way the state maps onto its class, and each member reads it in its own pids.
     */
    @Test
    void aSleepSetIsKeptInTheClassTermsOfEveryWayItMapsThere() {
        Universe u = new Universe(2, 2, 0, 2, 4, Set.of("write", "read", "fork"));
        Moves moves = new Moves(u);
        InvariantTarget t = new InvariantTarget(new KernelUnsharePolicy(), flags, u, Reductions.ALL);
        int fork = Moves.encode(Moves.FORK, 0, 0, 0, 1, 0);
        long p0Writes1 = 1L << moves.sleepBit(Moves.encode(Moves.WRITE, 0, 0, 1, 0, 0));
        long p1Writes1 = 1L << moves.sleepBit(Moves.encode(Moves.WRITE, 1, 0, 1, 0, 0));
        long p0Reads1 = 1L << moves.sleepBit(Moves.encode(Moves.READ, 0, 0, 1, 0, 0));
        long p1Reads1 = 1L << moves.sleepBit(Moves.encode(Moves.READ, 1, 0, 1, 0, 0));

        // both read page 0 after the fork: nothing tells p0 from p1 (pages 0 and 1 differ), so a
        // move of one alone sleeps in neither naming
        t.enter(new int[] {fork, Moves.encode(Moves.READ, 0, 0, 0, 0, 0)}, 2);
        t.step(Moves.encode(Moves.READ, 1, 0, 0, 0, 0));
        assertEquals(0, t.steppedSleep(p0Writes1), "p0's write is p1's in the other naming");
        long both = t.steppedSleep(p0Writes1 | p1Writes1);
        assertEquals(2, Long.bitCount(both), "both processes' writes sleep in every naming");

        // p0 wrote page 0 after the fork, or p1 did: one class, whose set each reads in its own pids
        t.enter(new int[] {fork}, 1);
        long a = t.step(Moves.encode(Moves.WRITE, 0, 0, 0, 0, 0));
        long inClass = t.steppedSleep(p1Reads1); // the process that did not write reads page 1
        assertNotEquals(0, inClass);
        t.enter(new int[] {fork, Moves.encode(Moves.WRITE, 1, 0, 0, 0, 0)}, 2);
        assertEquals(a, t.enteredHash(), "the two are one class");
        assertEquals(p0Reads1, t.enteredSleep(inClass), "in the twin, the one that did not write is p0");
        t.enter(new int[] {fork, Moves.encode(Moves.WRITE, 0, 0, 0, 0, 0)}, 2);
        assertEquals(p1Reads1, t.enteredSleep(inClass), "and in the state itself, p1");
    }

    /** Replays the prelude and moves on a fresh machine. */
    private Machine machine(Moves moves, int... path) {
        Machine m = new Machine(new KernelUnsharePolicy(), flags, Limits.DEFAULT);
        moves.start(m);
        for (int mv : path) {
            Moves.run(m, mv);
        }
        return m;
    }

    @Test
    void machinesThatDifferInPageOrderOrHandleNamesHashAlikeAndOthersDoNot() {
        Moves moves = new Moves(new Universe(2, 2, 0, 2, 4, Universe.DEFAULT));
        int w0 = Moves.encode(Moves.WRITE, 0, 0, 0, 0, 0);
        int w1 = Moves.encode(Moves.WRITE, 0, 0, 1, 0, 0);
        int fork = Moves.encode(Moves.FORK, 0, 0, 0, 1, 0);
        Machine left = machine(moves, w0, fork);
        Machine right = machine(moves, w1, fork);
        assertNotEquals(left.stateHash(), right.stateHash(), "the exact hash tells page 0 from page 1");
        assertEquals(left.canonicalHash(true), right.canonicalHash(true), "reversed, one is the other");
        assertNotEquals(left.canonicalHash(false), right.canonicalHash(false), "pages are not folded in a THP");

        Machine h0 = machine(moves, w0, Moves.encode(Moves.VMSPLICE, 0, 0, 0, 0, 0));
        Machine h1 = machine(moves, w0, Moves.encode(Moves.VMSPLICE, 0, 0, 0, 0, 1));
        assertNotEquals(h0.stateHash(), h1.stateHash());
        assertEquals(h0.canonicalHash(false), h1.canonicalHash(false), "a handle's name is not what it holds");

        Machine pinOther = machine(moves, w0, Moves.encode(Moves.VMSPLICE, 0, 0, 1, 0, 0));
        assertNotEquals(h0.canonicalHash(true), pinOther.canonicalHash(true),
                "a pin of the written page is not a pin of the other one");
        Machine both = machine(moves, w0, w1);
        Machine twice = machine(moves, w0, w0);
        assertNotEquals(both.canonicalHash(true), twice.canonicalHash(true));
    }

    @Test
    void aMoveSaidToChangeNothingLeavesTheExactStateAsItWas() {
        Universe u = new Universe(2, 2, 1, 2, 8, Universe.ALL);
        Moves moves = new Moves(u);
        Random random = new Random(16);
        int[] candidates = new int[moves.maxCandidates()];
        int skippable = 0;
        int rewrites = 0; // writes that store, over the writer's own last store
        int[] byKind = new int[32];
        for (int walk = 0; walk < 300; walk++) {
            Machine m = machine(moves);
            Moves.Context c = new Moves.Context(u);
            for (int d = 0; d < u.depth(); d++) {
                int n = moves.candidates(c, candidates);
                long before = m.stateHash();
                for (int k = 0; k < n; k++) {
                    if (Moves.changesNothing(m, candidates[k])) {
                        skippable++;
                        byKind[Moves.kind(candidates[k])]++;
                        Machine copy = m.copy();
                        String outcome = Moves.run(copy, candidates[k]);
                        assertEquals(before, copy.stateHash(), moves.text(candidates[k]));
                        rewrites += Moves.kind(candidates[k]) == Moves.WRITE && outcome.equals(Machine.OK) ? 1 : 0;
                    }
                }
                int mv = candidates[random.nextInt(n)];
                Moves.run(m, mv);
                Moves.advance(c, mv);
            }
        }
        assertTrue(skippable > 1000, "peeks, reads of present pages, R/O pokes: " + skippable);
        for (int kind : new int[] {Moves.MADVISE, Moves.PIN, Moves.GET, Moves.VMSPLICE, Moves.IOURING, Moves.MPROTECT,
                Moves.MUNMAP, Moves.WRITE}) {
            assertTrue(byKind[kind] > 0, "moves of kind " + kind + " said to change nothing: " + byKind[kind]);
        }
        assertTrue(rewrites > 0, "writes over the writer's own last store: " + rewrites);
    }
}
