package org.mmsim.core.testing;

import org.mmsim.api.WpDecision;
import org.mmsim.api.WpFault;

/** Reuses every write-protected page in place: the bug class of CVE-2020-29374, made blatant. */
public final class AlwaysReuse extends KernelUnsharePolicy {
    public AlwaysReuse() {
        super("always-reuse");
    }

    @Override
    public WpDecision doWpPage(WpFault fault) {
        return WpDecision.REUSE;
    }
}
