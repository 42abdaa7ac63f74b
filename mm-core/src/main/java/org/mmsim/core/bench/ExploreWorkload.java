package org.mmsim.core.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mmsim.api.Policy;
import org.mmsim.core.explore.Explorer;
import org.mmsim.core.explore.InvariantTarget;
import org.mmsim.core.explore.Reductions;
import org.mmsim.core.explore.Universe;
import org.mmsim.core.mm.FlagRegistry;

/**
 * {@code explore}: an exploration as {@code mmsim explore} runs it (by default its default universe,
 * at most {@value #MAX_STATES} distinct states, one worker thread per core). Counts distinct states;
 * heap is not measured. Its extras are what a model checker reports: states, transitions (every
 * move tried), transitions per second per core, and the bytes the search holds per state.
 */
public final class ExploreWorkload extends Workload {
    static final long MAX_STATES = 500_000_000L;

    private final Universe universe;
    private final Reductions reductions;
    private final int threads;
    private Explorer.Result last;

    public ExploreWorkload(Universe universe, Reductions reductions, int threads) {
        this.universe = universe;
        this.reductions = reductions;
        this.threads = threads;
    }

    @Override
    public String name() {
        return "explore";
    }

    @Override
    public long pages() {
        return 0;
    }

    @Override
    public String unit() {
        return "states";
    }

    @Override
    public long run(Policy policy, FlagRegistry flags, Peak peak) {
        last = new Explorer(universe, MAX_STATES, threads).run(new InvariantTarget(policy, flags, universe, reductions));
        return last.distinct();
    }

    @Override
    public Map<String, Double> extras() {
        Map<String, Double> x = new LinkedHashMap<>();
        if (last != null) {
            x.put("states", (double) last.distinct());
            x.put("transitions", (double) last.explored());
            x.put("transitionsPerSecondPerCore", Math.rint(last.explored() / Math.max(1e-9, last.seconds()) / threads));
            x.put("bytesPerState", Math.rint(10.0 * last.bytes() / Math.max(1, last.distinct())) / 10);
        }
        return x;
    }
}
