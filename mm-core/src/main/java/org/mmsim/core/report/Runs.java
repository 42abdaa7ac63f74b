package org.mmsim.core.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.mmsim.core.mm.MachineState;
import org.mmsim.core.mm.MachineState.FolioState;
import org.mmsim.core.mm.MachineState.FrameState;

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

    /** The runs of swap slots: neighbouring slots with the same count and content, outside the swap cache. */
    static List<Run> slots(List<MachineState.SlotState> slots) {
        return of(slots, (p, q) -> q.slot() == p.slot() + 1 && q.count() == p.count() && q.content().equals(p.content())
                && p.cacheFrame() < 0 && q.cacheFrame() < 0);
    }

    /** A base frame ({@code folio} null, one page), or a large folio and its pages. */
    record FrameGroup(FolioState folio, List<FrameState> pages) {}

    /** The state's frames in order, each large folio's pages together (they are consecutive frames). */
    static List<FrameGroup> byFolio(MachineState s) {
        Map<Integer, FolioState> folios = new HashMap<>();
        s.folios().forEach(f -> folios.put(f.head(), f));
        List<FrameState> frames = s.frames();
        List<FrameGroup> groups = new ArrayList<>();
        int i = 0;
        while (i < frames.size()) {
            FrameState f = frames.get(i);
            FolioState folio = f.folio() < 0 ? null : folios.get(f.folio());
            int end = i + 1;
            while (folio != null && end < frames.size() && frames.get(end).folio() == folio.head()) {
                end++;
            }
            groups.add(new FrameGroup(folio, frames.subList(i, end)));
            i = end;
        }
        return groups;
    }
}
