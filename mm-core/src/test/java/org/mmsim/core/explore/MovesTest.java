package org.mmsim.core.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Which moves {@link Moves#candidates} offers: exactly the statements the universe allows. */
class MovesTest {
    /** The keywords of every candidate within two moves of the start (a pin and a fork make room for the rest). */
    private static Set<String> keywords(Universe u) {
        Moves moves = new Moves(u);
        Set<String> seen = new TreeSet<>();
        int[] first = new int[moves.maxCandidates()];
        int[] second = new int[moves.maxCandidates()];
        Moves.Context c = new Moves.Context(u);
        int n = moves.candidatesAfter(c, new int[0], 0, first);
        for (int a = 0; a < n; a++) {
            seen.add(moves.text(first[a]).split(" ")[0]);
            int m = moves.candidatesAfter(c, new int[] {first[a]}, 1, second);
            for (int b = 0; b < m; b++) {
                seen.add(moves.text(second[b]).split(" ")[0]);
            }
        }
        return seen;
    }

    @Test
    void aSleepSetRenamedMovesEachBitToItsProcessNewName() {
        Moves moves = new Moves(new Universe(3, 2, 1, 2, 4, Set.of("write", "read", "fork", "fwrite")));
        int[] name = {1, 2, 0}; // p0 is named 1, p1 2, p2 0
        long p0ReadsM0Page1 = 1L << moves.sleepBit(Moves.encode(Moves.READ, 0, 1, 1, 0, 0));
        long p1ReadsM0Page1 = 1L << moves.sleepBit(Moves.encode(Moves.READ, 1, 1, 1, 0, 0));
        long p2WritesBuf0 = 1L << moves.sleepBit(Moves.encode(Moves.WRITE, 2, 0, 0, 0, 0));
        long p0WritesBuf0 = 1L << moves.sleepBit(Moves.encode(Moves.WRITE, 0, 0, 0, 0, 0));
        assertEquals(p1ReadsM0Page1 | p0WritesBuf0, moves.renamed(p0ReadsM0Page1 | p2WritesBuf0, name, false));
        assertEquals(p0ReadsM0Page1 | p2WritesBuf0, moves.renamed(p1ReadsM0Page1 | p0WritesBuf0, name, true),
                "named back");
    }

    @Test
    void eachStatementAloneGivesItsOwnMovesOnly() {
        for (String s : Universe.ALL) {
            Set<String> with = new TreeSet<>(java.util.List.of(s, "pin", "fork"));
            Universe u = new Universe(2, 2, 1, 2, 2, with, s.equals("folio") || s.equals("same") ? 4 : 0);
            assertEquals(with, keywords(u), s);
        }
        assertEquals(new TreeSet<>(Universe.DEFAULT), keywords(new Universe(2, 2, 1, 2, 2, Universe.DEFAULT)));
    }
}
