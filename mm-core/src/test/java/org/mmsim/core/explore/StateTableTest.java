package org.mmsim.core.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The explorer's set of seen states: first offer wins the slot, the smallest key of a level is kept. */
class StateTableTest {
    private static int outcome(StateTable t, long hash, long key) {
        return StateTable.outcome(t.offer(hash, key));
    }

    @Test
    void aHashIsNewOnceAndKeepsTheSmallestKeyOfItsLevel() {
        StateTable t = new StateTable(128, false);
        long k5 = StateTable.key(3, 5, 1);
        long k2 = StateTable.key(3, 2, 7);
        assertEquals(StateTable.NEW, outcome(t, 42, k5));
        assertEquals(StateTable.THIS_LEVEL, outcome(t, 42, k5));
        assertEquals(k5, t.keyOf(42));
        assertEquals(StateTable.THIS_LEVEL, outcome(t, 42, k2), "seen before, but from a smaller key");
        assertEquals(k2, t.keyOf(42));
        assertEquals(StateTable.THIS_LEVEL, outcome(t, 42, k5));
        assertEquals(k2, t.keyOf(42), "a larger key does not take it back");
        assertEquals(StateTable.EARLIER, outcome(t, 42, StateTable.key(4, 0, 0)));
        assertEquals(k2, t.keyOf(42), "a deeper level never replaces a shallower one");
        assertEquals(0, t.keyOf(43));
    }

    @Test
    void aSleepSetIsWhatEveryArrivalOfItsLevelLetSleep() {
        StateTable t = new StateTable(64, true);
        int r = t.offer(42, StateTable.key(3, 5, 1));
        assertEquals(-1L, t.sleepOf(42), "nothing said yet: everything may sleep");
        t.sleepOnly(StateTable.slot(r), 0b1110);
        t.sleepOnly(StateTable.slot(t.offer(42, StateTable.key(3, 2, 1))), 0b0111);
        assertEquals(0b0110, t.sleepOf(42));
        StateTable g = t.grown();
        assertEquals(0b0110, g.sleepOf(42), "growing keeps it");
        assertEquals(-1L, new StateTable(64, false).sleepOf(42));
    }

    @Test
    void keysRoundTrip() {
        long k = StateTable.key(6, 123_456_789L, 4_000_000);
        assertEquals(6, StateTable.level(k));
        assertEquals(123_456_789L, StateTable.parent(k));
        assertEquals(4_000_000, StateTable.move(k));
    }

    @Test
    void asksToGrowAtHalfAndKeepsEveryEntryWhenItDoes() {
        StateTable t = new StateTable(64, false);
        for (int i = 1; i <= 40; i++) {
            assertEquals(StateTable.NEW, outcome(t, i * 0x9E3779B97F4A7C15L, StateTable.key(2, i, 0)));
        }
        assertEquals(false, t.wantsToGrow(31));
        assertEquals(true, t.wantsToGrow(32));
        StateTable g = t.grown();
        assertEquals(256, g.size(), "fourfold while small");
        for (int i = 1; i <= 40; i++) {
            assertEquals(StateTable.key(2, i, 0), g.keyOf(i * 0x9E3779B97F4A7C15L));
            assertEquals(StateTable.THIS_LEVEL, outcome(g, i * 0x9E3779B97F4A7C15L, StateTable.key(2, i, 0)),
                    "still there");
        }
        for (int i = 41; i <= 64; i++) {
            assertEquals(StateTable.NEW, outcome(t, i * 0x9E3779B97F4A7C15L, StateTable.key(2, i, 0)));
        }
        assertEquals(-1, t.offer(-7, StateTable.key(2, 0, 1)), "a full table says so: -1, not a silent drop");
        assertEquals(2 * StateTable.FOURFOLD_BELOW, new StateTable(StateTable.FOURFOLD_BELOW, false).grown().size(),
                "twofold from then on");
    }

    @Test
    void sizesArePowersOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new StateTable(100, false));
        assertThrows(IllegalArgumentException.class, () -> new StateTable(StateTable.MAX_SLOTS * 2, false));
    }
}
