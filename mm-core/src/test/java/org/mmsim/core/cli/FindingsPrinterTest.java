package org.mmsim.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.mmsim.core.explore.Explorer;
import org.mmsim.core.explore.Search;

/** Findings told on a thread of their own: in order, all of them by close, a failure stops the search. */
class FindingsPrinterTest {
    /** A search that only records why it was asked to stop. */
    private static final class Stoppable implements Search {
        final List<String> stops = new ArrayList<>();

        @Override
        public Explorer.Result run(Explorer.Target target, int maxFindings, Explorer.Listener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public synchronized void stop(String why) {
            stops.add(why);
        }

        @Override
        public Explorer.Progress progress() {
            throw new UnsupportedOperationException();
        }
    }

    private static Explorer.Finding finding(int number) {
        return new Explorer.Finding(0, number, new int[] {number});
    }

    @Test
    void everyFindingIsToldInOrderOffTheSearchThreadBeforeCloseReturns() {
        List<String> told = new CopyOnWriteArrayList<>();
        Stoppable search = new Stoppable();
        try (Searches.Printer p = new Searches.Printer(f -> {
            try {
                Thread.sleep(f.number() == 1 ? 50 : 0); // the first is slow: the others must wait for it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            told.add(f.number() + " " + Thread.currentThread().getName());
        }, search)) {
            for (int i = 1; i <= 5; i++) {
                p.found(finding(i));
            }
        }
        assertEquals(List.of("1 mmsim-findings", "2 mmsim-findings", "3 mmsim-findings", "4 mmsim-findings",
                "5 mmsim-findings"), told);
        assertEquals(List.of(), search.stops);
    }

    @Test
    void theFirstFailureStopsTheSearchAndIsThrownAtClose() {
        List<Integer> told = new CopyOnWriteArrayList<>();
        Stoppable search = new Stoppable();
        Searches.Printer p = new Searches.Printer(f -> {
            if (f.number() == 2) {
                throw new CliException("cannot write finding 2", Main.EXIT_USAGE);
            }
            told.add(f.number());
        }, search);
        for (int i = 1; i <= 4; i++) {
            p.found(finding(i));
        }
        CliException e = assertThrows(CliException.class, p::close);
        assertEquals("cannot write finding 2", e.getMessage());
        assertEquals(List.of(1), told, "nothing is told after a failure");
        assertEquals(List.of("a finding could not be printed"), search.stops);
    }
}
