package org.mmsim.core.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Sharing a line among columns. */
class ColumnWidthsTest {
    private static final int[] ONES = {1, 1, 1};

    @Test
    void noLimitOrEnoughRoomKeepsTheNaturalWidths() {
        int[] natural = {30, 10, 20};
        assertArrayEquals(natural, ColumnWidths.fit(natural, new int[] {5, 5, 5}, ONES, 0));
        assertArrayEquals(natural, ColumnWidths.fit(natural, new int[] {5, 5, 5}, ONES, 60));
    }

    @Test
    void theWidestShrinkFirst() {
        // cap 15: 15 + 10 + 15 = 40, and the one column left over goes to the first still cut
        assertArrayEquals(new int[] {16, 10, 15}, ColumnWidths.fit(new int[] {30, 10, 20}, new int[] {5, 5, 5}, ONES, 41));
        assertArrayEquals(new int[] {15, 10, 15}, ColumnWidths.fit(new int[] {30, 10, 20}, new int[] {5, 5, 5}, ONES, 40));
    }

    @Test
    void aHeavierColumnKeepsMore() {
        // cap 10: 20 (twice the cap) + 10 + 10
        assertArrayEquals(new int[] {20, 10, 10},
                ColumnWidths.fit(new int[] {30, 10, 20}, new int[] {5, 5, 5}, new int[] {2, 1, 1}, 40));
    }

    @Test
    void noColumnGoesBelowItsMinimumEvenIfTheLineOverflows() {
        assertArrayEquals(new int[] {10, 8, 7}, ColumnWidths.fit(new int[] {30, 10, 20}, new int[] {10, 8, 5}, ONES, 25));
        assertArrayEquals(new int[] {10, 8, 5}, ColumnWidths.fit(new int[] {30, 10, 20}, new int[] {10, 8, 5}, ONES, 23));
        assertArrayEquals(new int[] {10, 8, 5}, ColumnWidths.fit(new int[] {30, 10, 20}, new int[] {10, 8, 5}, ONES, 1));
    }
}
