package org.mmsim.core.bench;

import org.mmsim.api.Policy;
import org.mmsim.core.explore.Explorer;
import org.mmsim.core.explore.InvariantTarget;
import org.mmsim.core.explore.Universe;
import org.mmsim.core.mm.FlagRegistry;

/**
 * {@code explore}: the default exploration of {@code mmsim explore} (default universe, at most
 * {@value #MAX_STATES} distinct states, one worker thread per core). Counts distinct states; heap is
 * not measured.
 */
public final class ExploreWorkload extends Workload {
    static final long MAX_STATES = 5_000_000L;

    private final int threads;

    public ExploreWorkload(int threads) {
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
        Universe universe = Universe.defaults();
        Explorer.Result r = new Explorer(universe, MAX_STATES, threads)
                .run(new InvariantTarget(policy, flags, universe));
        return r.distinct();
    }
}
