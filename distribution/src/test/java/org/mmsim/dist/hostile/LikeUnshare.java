package org.mmsim.dist.hostile;

import org.mmsim.api.FaultFlag;
import org.mmsim.api.ForkDecision;
import org.mmsim.api.PageView;
import org.mmsim.api.PinDecision;
import org.mmsim.api.PinRequest;
import org.mmsim.api.Policy;
import org.mmsim.api.VmaView;
import org.mmsim.api.WpDecision;
import org.mmsim.api.WpFault;

/**
 * The decisions of the real {@code unshare} plugin (Linux 5.19), for the test plugins that misbehave
 * in one call only; their other cells must equal unshare's. Packed into each test plugin's jar (a
 * test plugin cannot depend on the real one without changing what it tests).
 */
public abstract class LikeUnshare implements Policy {
    private final String id;

    protected LikeUnshare(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public WpDecision doWpPage(WpFault fault) {
        PageView page = fault.page();
        if (page.anonExclusive()) {
            return WpDecision.REUSE;
        }
        if (page.refCount() > 1 + (page.swapCache() ? 1 : 0)) {
            return WpDecision.COPY;
        }
        if (page.swapCache()) {
            fault.tryFreeSwap();
        }
        return page.refCount() == 1 ? WpDecision.REUSE : WpDecision.COPY;
    }

    @Override
    public PinDecision pinReadOnly(PinRequest request) {
        PageView page = request.page();
        return page.anon() && !page.anonExclusive() ? PinDecision.unshare(FaultFlag.UNSHARE) : PinDecision.pin();
    }

    @Override
    public ForkDecision copyPresentAnonPte(PageView page, VmaView vma) {
        return page.anonExclusive() && page.maybeDmaPinned() ? ForkDecision.COPY : ForkDecision.SHARE;
    }

    @Override
    public boolean mayPageOut(PageView page) {
        return !page.maybeDmaPinned();
    }

    @Override
    public boolean canChangePteWritable(PageView page, VmaView vma) {
        return page.anon() && page.anonExclusive();
    }

    @Override
    public boolean keepsAnonExclusive() {
        return true;
    }

    @Override
    public String toString() {
        return id;
    }
}
