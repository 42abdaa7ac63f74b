package org.mmsim.core.bench;

import java.util.Random;
import org.mmsim.api.Policy;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.mm.Machine;

/**
 * {@code fork-tree}: the root maps N anonymous private pages and writes each (N first-touch faults),
 * then forks a binary tree of P processes in all (process k is forked by process (k-1)/2, in order,
 * so every process inherits all N pages). Then every process writes its own 1/P of the pages (N COW
 * or reuse faults in all), and the processes exit in a random order drawn from a fixed seed
 * ({@value #SEED}), parents often before their children.
 */
public final class ForkTree extends PageWorkload {
    public static final long DEFAULT_PAGES = 1L << 20;
    public static final int DEFAULT_PROCESSES = 8;
    static final long SEED = 42;

    private final int processes;
    private final String[] names;
    private final int[] exitOrder;

    public ForkTree(long pages, int processes, Limits limits) {
        super(pages, limits);
        this.processes = processes;
        this.names = new String[processes];
        this.exitOrder = new int[processes];
        for (int k = 0; k < processes; k++) {
            names[k] = "p" + k;
            exitOrder[k] = k;
        }
        Random random = new Random(SEED);
        for (int k = processes - 1; k > 0; k--) {
            int j = random.nextInt(k + 1);
            int t = exitOrder[k];
            exitOrder[k] = exitOrder[j];
            exitOrder[j] = t;
        }
    }

    @Override
    public String name() {
        return named("fork-tree");
    }

    @Override
    public long run(Policy policy, FlagRegistry flags, Peak peak) {
        Machine m = populated(policy, flags, names[0]);
        for (int k = 1; k < processes; k++) {
            Checks.ok(m.fork(names[(k - 1) / 2], names[k]), "fork");
        }
        for (int k = 0; k < processes; k++) {
            long from = pages * k / processes;
            long to = pages * (k + 1) / processes;
            String p = names[k];
            for (long i = from; i < to; i++) {
                Checks.ok(m.write(p, "buf", i, "w"), "write");
            }
        }
        peak.reached();
        for (int k : exitOrder) {
            m.exit(names[k]);
        }
        return m.counters().faults();
    }
}
