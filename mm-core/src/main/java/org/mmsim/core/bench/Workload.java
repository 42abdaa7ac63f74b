package org.mmsim.core.bench;

import org.mmsim.api.Policy;
import org.mmsim.core.mm.FlagRegistry;

/**
 * One {@code mmsim bench} workload: a deterministic sequence of machine operations, run from scratch
 * on a fresh {@link org.mmsim.core.mm.Machine} every time. Invariant checks are never run (they are a
 * debugging aid that costs O(machine) per statement).
 */
public abstract class Workload {
    /** Called by a workload at the point(s) where it holds the most simulated state. */
    public interface Peak {
        void reached();
    }

    /** The probe of timed runs: does nothing. */
    public static final Peak NONE = () -> { };

    /** The workload's name on the command line. */
    public abstract String name();

    /** Simulated pages (N); heap bytes per page are divided by this. 0: heap is not measured. */
    public abstract long pages();

    /** What {@link #run} counts: {@code faults}, {@code statements} or {@code states}. */
    public String unit() {
        return "faults";
    }

    /** Figures of the workload's own beyond the rate (name to value), from its last run; none by default. */
    public java.util.Map<String, Double> extras() {
        return java.util.Map.of();
    }

    /**
     * Runs the workload once under {@code policy} and returns how many units (simulated page faults,
     * statements, ...) it did. Calls {@code peak} where the simulated state is largest.
     */
    public abstract long run(Policy policy, FlagRegistry flags, Peak peak);
}
