package org.mmsim.core.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** A level's findings keep the n smallest keys per kind, whatever order the workers offer them in. */
class SmallestKeysTest {
    @Test
    void keepsTheNSmallestKeysOfEachKindOnceEachInOrder() {
        SmallestKeys a = new SmallestKeys(3, 3);
        SmallestKeys b = new SmallestKeys(3, 3);
        for (long key : new long[] {50, 20, 40, 20, 10}) {
            a.add(0b001, key);
        }
        a.add(0b101, 7);
        b.add(0b100, 9);
        b.add(0b100, 3);
        b.add(0b001, 5);
        a.addAll(b);
        assertArrayEquals(new long[] {5, 7, 10}, a.of(0));
        assertArrayEquals(new long[0], a.of(1));
        assertArrayEquals(new long[] {3, 7, 9}, a.of(2));
    }
}
