package org.mmsim.core.testing;

import java.util.concurrent.TimeUnit;
import org.mmsim.api.WpDecision;
import org.mmsim.api.WpFault;

/**
 * Answers like {@link KernelUnsharePolicy} but spins in do_wp_page, ignoring interrupts, until
 * {@link #release()} (or a minute passes, so a forgotten test cannot burn a CPU forever).
 */
public class LoopingPolicy extends KernelUnsharePolicy {
    private volatile boolean released;

    public LoopingPolicy(String id) {
        super(id);
    }

    public void release() {
        released = true;
    }

    @Override
    public WpDecision doWpPage(WpFault fault) {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        long spins = 0;
        while (!released && System.nanoTime() - end < 0) {
            spins++; // ignores Thread.interrupted() on purpose
        }
        return spins >= 0 ? WpDecision.COPY : WpDecision.REUSE;
    }
}
