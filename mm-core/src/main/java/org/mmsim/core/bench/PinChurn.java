package org.mmsim.core.bench;

import org.mmsim.api.Policy;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.mm.Machine;

/**
 * {@code pin-churn}: R/O long-term pins, writes and releases across forks, so that the unshare path
 * dominates. The parent maps N anonymous private pages and writes each (N first-touch faults). Then,
 * {@value #ROUNDS} times: the parent forks a child (every page becomes shared, write-protected and,
 * under the PG_anon_exclusive policies, no longer exclusive), and for each page in turn
 * <ol>
 *   <li>the parent takes a R/O long-term pin: the page is shared, so gup_must_unshare() asks for an
 *       unshare fault, which copies it (the child still maps the original);</li>
 *   <li>the child takes a R/O long-term pin: its page is mapped once but not marked exclusive, so
 *       another unshare fault, which reuses it;</li>
 *   <li>the parent writes the page: a write fault on its read-only PTE, reused (or, under policies
 *       that count references, copied because the page is pinned);</li>
 *   <li>both pins are released;</li>
 * </ol>
 * and the child exits. The parent exits at the end. Under {@code unshare} that is 3 faults per page
 * and round, 2 of them unshare faults; policies without unshare faults (the legacy ones, fail-pin)
 * take fewer faults and refuse or simply take the pins.
 */
public final class PinChurn extends PageWorkload {
    public static final long DEFAULT_PAGES = 1L << 18;
    static final int ROUNDS = 4;

    public PinChurn(long pages, Limits limits) {
        super(pages, limits);
    }

    @Override
    public String name() {
        return named("pin-churn");
    }

    @Override
    public long run(Policy policy, FlagRegistry flags, Peak peak) {
        Machine m = populated(policy, flags, "parent");
        for (int round = 0; round < ROUNDS; round++) {
            String child = CHILDREN[round];
            Checks.ok(m.fork("parent", child), "fork");
            for (long i = 0; i < pages; i++) {
                // a refused pin (fail-pin) is an outcome, not an error: release only what was taken
                boolean parentPinned = Machine.OK.equals(m.gup("parent", "buf", i, true, false, true, false, "hp"));
                boolean childPinned = Machine.OK.equals(m.gup(child, "buf", i, true, false, true, false, "hc"));
                Checks.ok(m.write("parent", "buf", i, "q"), "write");
                if (parentPinned) {
                    m.release("hp");
                }
                if (childPinned) {
                    m.release("hc");
                }
            }
            if (round == 0) {
                peak.reached();
            }
            m.exit(child);
        }
        m.exit("parent");
        return m.counters().faults();
    }

    private static final String[] CHILDREN = {"child0", "child1", "child2", "child3"};
}
