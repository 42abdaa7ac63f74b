package org.mmsim.core.testing;

import org.mmsim.api.WpDecision;
import org.mmsim.api.WpFault;

/** Answers like {@link KernelUnsharePolicy} but throws in do_wp_page. */
public class ThrowingPolicy extends KernelUnsharePolicy {
    public ThrowingPolicy(String id) {
        super(id);
    }

    @Override
    public WpDecision doWpPage(WpFault fault) {
        throw new IllegalStateException("boom in doWpPage");
    }
}
