package org.mmsim.core.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Runs of alike neighbours in a list (the entries of a PMD, the pages of a folio), so that the text
 * and the diagrams of a state show a 2 MiB THP as a few items, not a thousand.
 */
final class Runs {
    private Runs() {
    }

    /** One run: items [from, to) of the list. */
    record Run(int from, int to) {
        int size() {
            return to - from;
        }
    }

    /** The runs of {@code items}: each item continues the run before it when {@code continues(prev, next)}. */
    static <T> List<Run> of(List<T> items, BiPredicate<T, T> continues) {
        List<Run> runs = new ArrayList<>();
        int i = 0;
        while (i < items.size()) {
            int j = i + 1;
            while (j < items.size() && continues.test(items.get(j - 1), items.get(j))) {
                j++;
            }
            runs.add(new Run(i, j));
            i = j;
        }
        return runs;
    }
}
