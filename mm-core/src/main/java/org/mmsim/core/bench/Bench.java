package org.mmsim.core.bench;

import java.util.Arrays;
import org.mmsim.api.Policy;
import org.mmsim.core.mm.FlagRegistry;

/**
 * Measures one workload under one policy: first one heap-measuring run (a full GC at each peak the
 * workload reports, so it is never timed), then the warm-up runs, then the timed runs, of which the
 * median is reported.
 */
public final class Bench {
    private Bench() {
    }

    /**
     * The figures of one policy.
     *
     * @param perSecond        units (faults, statements, states) per second of the median timed run
     * @param nsPerUnit        its inverse, in nanoseconds
     * @param heapBytesPerPage heap at the peak after a full GC, minus the heap before the run, over
     *                         the workload's pages; 0 when the workload has no pages
     * @param wallSeconds      wall time of the median timed run
     */
    public record Figures(String policy, double perSecond, double nsPerUnit, double heapBytesPerPage,
                          double wallSeconds) {
    }

    public static Figures measure(Workload w, String id, Policy policy, FlagRegistry flags, int warmup,
                                  int iterations) {
        double heap = 0;
        if (w.pages() > 0) {
            long before = usedAfterGc();
            PeakMeter meter = new PeakMeter();
            w.run(policy, flags, meter);
            heap = Math.max(0, meter.max - before) / (double) w.pages();
        }
        for (int k = 0; k < warmup; k++) {
            w.run(policy, flags, Workload.NONE);
        }
        long[] nanos = new long[iterations];
        long units = 0;
        for (int k = 0; k < iterations; k++) {
            System.gc(); // start every timed run from an empty young generation: less noise
            long t0 = System.nanoTime();
            units = w.run(policy, flags, Workload.NONE);
            nanos[k] = Math.max(1, System.nanoTime() - t0);
        }
        Arrays.sort(nanos);
        long median = nanos[iterations / 2];
        double perSecond = units * 1e9 / median;
        return new Figures(id, perSecond, units == 0 ? 0 : median / (double) units, heap, median / 1e9);
    }

    /** Used heap after a full collection. */
    static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static final class PeakMeter implements Workload.Peak {
        long max;

        @Override
        public void reached() {
            max = Math.max(max, usedAfterGc());
        }
    }
}
