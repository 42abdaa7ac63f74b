package org.mmsim.core.bench;

import org.mmsim.api.Policy;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.mm.Machine;

/**
 * {@code cow-storm}: one process maps N anonymous private pages and writes each (N first-touch
 * faults), forks, the child writes each page (N COW faults), the parent writes each page (N faults,
 * reused or copied as the policy decides), the child exits, the parent exits. 3N faults in all.
 */
public final class CowStorm extends PageWorkload {
    public static final long DEFAULT_PAGES = 1L << 20;

    public CowStorm(long pages, Limits limits) {
        super(pages, limits);
    }

    @Override
    public String name() {
        return named("cow-storm");
    }

    @Override
    public long run(Policy policy, FlagRegistry flags, Peak peak) {
        Machine m = populated(policy, flags, "parent");
        Checks.ok(m.fork("parent", "child"), "fork");
        for (long i = 0; i < pages; i++) {
            Checks.ok(m.write("child", "buf", i, "c"), "write");
        }
        peak.reached();
        for (long i = 0; i < pages; i++) {
            Checks.ok(m.write("parent", "buf", i, "q"), "write");
        }
        peak.reached();
        m.exit("child");
        m.exit("parent");
        return m.counters().faults();
    }
}
