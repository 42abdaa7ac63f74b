package org.mmsim.core.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmsim.api.Policy;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.testing.KernelUnsharePolicy;

/** What {@link Bench#measure} runs and how it turns the runs into figures. */
class BenchTest {
    /**
     * Does {@code units} units per run, holding {@code heldPerPage} bytes per page at its peak, and
     * records which peak probe each run got.
     */
    private static final class Counting extends Workload {
        final long pages;
        final long units;
        final int heldPerPage;
        final List<Workload.Peak> probes = new ArrayList<>();

        Counting(long pages, long units) {
            this(pages, units, 0);
        }

        Counting(long pages, long units, int heldPerPage) {
            this.pages = pages;
            this.units = units;
            this.heldPerPage = heldPerPage;
        }

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public long pages() {
            return pages;
        }

        @Override
        public long run(Policy policy, FlagRegistry flags, Peak peak) {
            probes.add(peak);
            // in arrays small enough not to be humongous (G1 gives those whole regions)
            long[][] held = new long[(int) (pages * heldPerPage / 8 / 4096)][];
            Arrays.setAll(held, i -> new long[4096]);
            peak.reached();
            Reference.reachabilityFence(held);
            return units;
        }
    }

    private final Policy policy = KernelUnsharePolicy.stub();

    @Test
    void oneHeapRunThenWarmUpThenTimedRuns() {
        Counting w = new Counting(1000, 3000);
        Bench.measure(w, "p", policy, new FlagRegistry(), 2, 5);
        assertEquals(1 + 2 + 5, w.probes.size());
        assertTrue(w.probes.get(0) != Workload.NONE, "the first run measures the heap at its peak");
        assertTrue(w.probes.subList(1, 8).stream().allMatch(p -> p == Workload.NONE), "no run after it is probed");
    }

    /** The extras (explore's transitions per second per core) are the median timed run's, as the rate is. */
    @Test
    void theExtrasAreTheMedianRunsOwn() {
        assertEquals(2, Bench.medianRun(new long[] {30, 10, 20}));
        assertEquals(0, Bench.medianRun(new long[] {5, 9, 1}));
        assertEquals(1, Bench.medianRun(new long[] {1, 7, 7, 2}), "the first of two runs that tie");
        long[] sleeps = {1, 120, 40}; // the timed runs take about this many ms: the third is the median
        Workload w = new Workload() {
            int run = -1;

            @Override
            public String name() {
                return "sleeping";
            }

            @Override
            public long pages() {
                return 0;
            }

            @Override
            public long run(Policy p, FlagRegistry flags, Peak peak) {
                run++;
                try {
                    Thread.sleep(sleeps[run]);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return 1;
            }

            @Override
            public java.util.Map<String, Double> extras() {
                return java.util.Map.of("run", (double) run);
            }
        };
        Bench.Figures f = Bench.measure(w, "p", policy, new FlagRegistry(), 0, 3);
        assertEquals(java.util.Map.of("run", 2.0), f.extras(), f.toString());
    }

    @Test
    void aWorkloadWithoutPagesHasNoHeapRun() {
        Counting w = new Counting(0, 10);
        Bench.Figures f = Bench.measure(w, "p", policy, new FlagRegistry(), 1, 3);
        assertEquals(4, w.probes.size());
        assertEquals(0.0, f.heapBytesPerPage());
    }

    @Test
    void theRateIsUnitsOverTheMedianWallTime() {
        Counting w = new Counting(0, 3000);
        Bench.Figures f = Bench.measure(w, "pol", policy, new FlagRegistry(), 0, 3);
        assertEquals("pol", f.policy());
        assertEquals(3000, f.perSecond().median() * f.wallSeconds().median(), 1e-6 * 3000);
        assertEquals(1e9 / f.perSecond().median(), f.nsPerUnit().median(), 1e-9 * f.nsPerUnit().median());
        assertTrue(f.wallSeconds().min() <= f.wallSeconds().median() && f.wallSeconds().median() <= f.wallSeconds().max());
        assertTrue(f.timedSeconds() >= 3 * f.wallSeconds().min(), "three timed runs: " + f);
    }

    @Test
    void everyFigureHasItsSpread() {
        long ms = 1_000_000;
        Bench.Figures f = Bench.figures("p", 1000, new long[] {30 * ms, 10 * ms, 20 * ms}, 24.5, java.util.Map.of());
        assertEquals(new Bench.Spread(0.010, 0.020, 0.030), f.wallSeconds());
        // the slowest run is the least rate and the most time per unit
        assertEquals(new Bench.Spread(1e12 / 30e6, 1e12 / 20e6, 1e12 / 10e6), f.perSecond());
        assertEquals(new Bench.Spread(10_000, 20_000, 30_000), f.nsPerUnit());
        assertEquals(24.5, f.heapBytesPerPage());
        assertEquals(0.060, f.timedSeconds(), 1e-12);
        assertEquals(new Bench.Spread(0, 0, 0), Bench.figures("p", 0, new long[] {ms}, 0, java.util.Map.of()).nsPerUnit());
    }

    @Test
    void timedRunsUnder100MsInAllAreTooShortToTrust() {
        long ms = 1_000_000;
        assertTrue(Bench.figures("p", 1, new long[] {30 * ms, 69 * ms}, 0, java.util.Map.of()).tooShort());
        assertFalse(Bench.figures("p", 1, new long[] {30 * ms, 70 * ms}, 0, java.util.Map.of()).tooShort());
        assertFalse(Bench.figures("p", 1, new long[] {150 * ms}, 0, java.util.Map.of()).tooShort());
    }

    @Test
    void heapPerPageCountsWhatTheWorkloadHoldsAtItsPeak() {
        // 32 MiB held: enough that what other threads free meanwhile (a finished test's pool
        // threads and their scratch arrays) stays well inside the tolerance
        Workload holding = new Counting(1 << 20, 1, 32);
        Bench.Figures f = Bench.measure(holding, "p", policy, new FlagRegistry(), 0, 1);
        assertEquals(32.0, f.heapBytesPerPage(), 2.0);
    }
}
