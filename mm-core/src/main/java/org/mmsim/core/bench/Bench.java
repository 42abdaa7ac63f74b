package org.mmsim.core.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mmsim.api.Policy;
import org.mmsim.core.mm.FlagRegistry;

/**
 * Measures one workload under one policy: first one heap-measuring run (a full GC at each peak the
 * workload reports, so it is never timed), then the warm-up runs, then the timed runs, of which the
 * median is reported with the fastest and the slowest.
 */
public final class Bench {
    private Bench() {
    }

    /** A figure over the timed runs: the median (the one reported first), the least and the most. */
    public record Spread(double min, double median, double max) {
    }

    /**
     * The figures of one policy.
     *
     * @param perSecond        units (faults, statements, states) per second of the timed runs
     * @param nsPerUnit        its inverse, in nanoseconds
     * @param heapBytesPerPage heap at the peak after a full GC, minus the heap before the run, over
     *                         the workload's pages (one measurement); 0 when the workload has no pages
     * @param wallSeconds      wall time of the timed runs
     * @param timedSeconds     all the timed runs together
     * @param extras           the workload's own figures ({@link Workload#extras()}) of the median timed run
     */
    public record Figures(String policy, Spread perSecond, Spread nsPerUnit, double heapBytesPerPage,
                          Spread wallSeconds, double timedSeconds, java.util.Map<String, Double> extras) {
        /** Timed runs shorter than this in all measure the timer, the JIT and the noise more than the work. */
        public static final double TRUSTED_SECONDS = 0.1;

        public boolean tooShort() {
            return timedSeconds < TRUSTED_SECONDS;
        }
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
        List<java.util.Map<String, Double>> extras = new ArrayList<>();
        long units = 0;
        for (int k = 0; k < iterations; k++) {
            System.gc(); // start every timed run from an empty young generation: less noise
            long t0 = System.nanoTime();
            units = w.run(policy, flags, Workload.NONE);
            nanos[k] = Math.max(1, System.nanoTime() - t0);
            extras.add(w.extras());
        }
        return figures(id, units, nanos, heap, extras.get(medianRun(nanos)));
    }

    /** Which run took the median time (the one the figures' median is). */
    static int medianRun(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        long median = sorted[sorted.length / 2];
        for (int k = 0; ; k++) {
            if (nanos[k] == median) {
                return k;
            }
        }
    }

    /** The figures of timed runs that each did {@code units} units in {@code nanos[k]} ns (at least one run). */
    static Figures figures(String id, long units, long[] nanos, double heapBytesPerPage,
                           java.util.Map<String, Double> extras) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double fastest = sorted[0];
        double median = sorted[sorted.length / 2];
        double slowest = sorted[sorted.length - 1];
        double total = 0;
        for (long n : sorted) {
            total += n;
        }
        double u = units;
        return new Figures(id, new Spread(u * 1e9 / slowest, u * 1e9 / median, u * 1e9 / fastest),
                units == 0 ? new Spread(0, 0, 0) : new Spread(fastest / u, median / u, slowest / u), heapBytesPerPage,
                new Spread(fastest / 1e9, median / 1e9, slowest / 1e9), total / 1e9, extras);
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
