package org.mmsim.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Cutting and padding text by display columns. */
class CellsTest {
    @Test
    void fitCutsToColumnsWithAnEllipsis() {
        assertEquals("abcdef", Cells.fit("abcdef", 6));
        assertEquals("abcd…", Cells.fit("abcdef", 5));
        assertEquals("…", Cells.fit("abcdef", 1));
        assertEquals("", Cells.fit("abcdef", 0));
        // wide characters: never half of one, so the cut may be a column short
        assertEquals("漢字…", Cells.fit("漢字漢字", 5));
        assertEquals("漢…", Cells.fit("漢字漢字", 4));
        assertEquals("漢字漢字", Cells.fit("漢字漢字", 8));
    }

    @Test
    void aCutKeepsTheMarksOfItsLastCharacter() {
        assertEquals("ae\u0301…", Cells.fit("ae\u0301bcd", 3));
        assertEquals("ae\u0301", Cells.head("ae\u0301bcd", 2));
        assertEquals("e\u0301x", Cells.tail("ae\u0301x", 2));
        assertEquals("x", Cells.tail("ae\u0301x", 1)); // not the acute alone
    }

    @Test
    void headAndTailTakeWholeCharacters() {
        assertEquals("漢", Cells.head("漢字x", 3));
        assertEquals("字x", Cells.tail("漢字x", 3));
        assertEquals("x", Cells.tail("漢字x", 2));
        assertEquals("", Cells.head("漢字x", 1));
    }

    @Test
    void padCountsColumns() {
        assertEquals("ab  ", Cells.pad("ab", 4));
        assertEquals("漢字", Cells.pad("漢字", 4));
        assertEquals("e\u0301 ", Cells.pad("e\u0301", 2));
        assertEquals("abcdef", Cells.pad("abcdef", 4));
    }
}
