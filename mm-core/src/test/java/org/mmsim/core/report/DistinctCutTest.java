package org.mmsim.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cut labels stay as different as the labels were. */
class DistinctCutTest {
    private static void assertDistinctWithin(List<String> cut, int width) {
        assertEquals(cut.size(), new HashSet<>(cut).size(), "distinct: " + cut);
        for (String c : cut) {
            assertTrue(Cells.width(c) <= width, c + " wider than " + width);
        }
    }

    @Test
    void labelsThatFitOrDifferEarlyAreCutAtTheirEnd() {
        assertEquals(List.of("short", "a long label t…", "b long label t…"),
                DistinctCut.cut(List.of("short", "a long label that goes on", "b long label that goes on"), 15));
    }

    @Test
    void labelsThatDifferLateKeepTheirEnds() {
        List<String> labels = List.of(
                "cow.c: R/O GUP-fast pin on R/O-mapped exclusive page (base page)",
                "cow.c: R/O GUP-fast pin on R/O-mapped exclusive page (swapped-out base page)",
                "cow.c: Basic COW (base page)");
        List<String> cut = DistinctCut.cut(labels, 40);
        assertDistinctWithin(cut, 40);
        // the shortest ends that differ, from the start of their words
        assertEquals("cow.c: R/O GUP-fast pin on R…(base page)", cut.get(0));
        assertEquals("cow.c: R/O GUP-f…(swapped-out base page)", cut.get(1));
        assertEquals("cow.c: Basic COW (base page)", cut.get(2)); // fits: untouched
        // an end cut alone would have made the first two equal
        assertEquals(Cells.fit(labels.get(0), 40), Cells.fit(labels.get(1), 40));
    }

    @Test
    void labelsThatDifferOnlyInTheMiddleOrNotAtAllAreNumbered() {
        String a = "the same long beginning, then X, then the same long ending";
        String b = "the same long beginning, then Y, then the same long ending";
        List<String> cut = DistinctCut.cut(List.of(a, b, "other", "twin", "twin"), 20);
        assertDistinctWithin(cut, 20);
        assertTrue(cut.get(0).endsWith(" #1") && cut.get(1).endsWith(" #2"), cut.toString());
        assertEquals(List.of("other", "twin #1", "twin #2"), cut.subList(2, 5));
    }

    @Test
    void wideLabelsAreCutByColumns() {
        List<String> cut = DistinctCut.cut(List.of("漢字漢字漢字漢字 (甲)", "漢字漢字漢字漢字 (乙)"), 12);
        assertDistinctWithin(cut, 12);
        assertTrue(cut.get(0).endsWith("(甲)") && cut.get(1).endsWith("(乙)"), cut.toString());
    }
}
