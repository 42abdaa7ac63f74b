package org.mmsim.core.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The explorer's set of seen states: first offer wins the slot, the smallest key of a level is kept. */
class StateTableTest {
    @Test
    void aHashIsNewOnceAndKeepsTheSmallestKeyOfItsLevel() {
        StateTable t = new StateTable(100);
        long k5 = StateTable.key(3, 5, 1);
        long k2 = StateTable.key(3, 2, 7);
        assertEquals(1, t.offer(42, k5));
        assertEquals(0, t.offer(42, k5));
        assertEquals(k5, t.keyOf(42));
        assertEquals(0, t.offer(42, k2), "seen before, but from a smaller key");
        assertEquals(k2, t.keyOf(42));
        assertEquals(0, t.offer(42, k5));
        assertEquals(k2, t.keyOf(42), "a larger key does not take it back");
        assertEquals(0, t.offer(42, StateTable.key(4, 0, 0)));
        assertEquals(k2, t.keyOf(42), "a deeper level never replaces a shallower one");
        assertEquals(0, t.keyOf(43));
    }

    @Test
    void keysRoundTrip() {
        long k = StateTable.key(6, 123_456_789L, 4_000_000);
        assertEquals(6, StateTable.level(k));
        assertEquals(123_456_789L, StateTable.parent(k));
        assertEquals(4_000_000, StateTable.move(k));
    }

    @Test
    void holdsItsCapacityAndSaysWhenFull() {
        int capacity = 1000;
        StateTable t = new StateTable(capacity);
        for (int i = 1; i <= capacity; i++) {
            assertEquals(1, t.offer(i * 0x9E3779B97F4A7C15L, StateTable.key(2, i, 0)));
        }
        for (int i = 1; i <= capacity; i++) {
            assertEquals(StateTable.key(2, i, 0), t.keyOf(i * 0x9E3779B97F4A7C15L));
        }
        int added = 0;
        while (t.offer(~added * 31L, StateTable.key(2, 0, 1)) == 1) {
            added++;
        }
        assertEquals(-1, t.offer(-7, StateTable.key(2, 0, 1)), "no room is -1, not a silent drop");
        assertEquals(2048 - capacity, added, "1000 states take a table of 2048 slots");
    }
}
