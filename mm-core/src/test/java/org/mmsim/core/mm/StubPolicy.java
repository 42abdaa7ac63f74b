package org.mmsim.core.mm;

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
 * A policy for mechanics tests whose every answer is a field, so a test states exactly what the
 * policy says and checks only what the machine does with it. Defaults answer like Linux 5.19.
 */
class StubPolicy implements Policy {
    WpDecision wp;          // null: decide like 5.19 (exclusive or refcount 1 -> reuse)
    PinDecision pin;        // null: unshare non-exclusive anonymous pages
    ForkDecision fork;      // null: copy exclusive maybe-pinned pages
    Boolean pageOut;        // null: not when maybe pinned
    boolean mkwrite = true;
    boolean keepsExclusive = true;

    @Override
    public String id() {
        return "stub";
    }

    @Override
    public String summary() {
        return "test policy";
    }

    @Override
    public WpDecision doWpPage(WpFault fault) {
        if (wp != null) {
            return wp;
        }
        PageView p = fault.page();
        if (p.anonExclusive()) {
            return WpDecision.REUSE;
        }
        if (p.swapCache()) {
            fault.tryFreeSwap();
        }
        return p.refCount() == 1 ? WpDecision.REUSE : WpDecision.COPY;
    }

    @Override
    public PinDecision pinReadOnly(PinRequest request) {
        if (pin != null) {
            return pin;
        }
        PageView p = request.page();
        return p.anon() && !p.anonExclusive() ? PinDecision.unshare(FaultFlag.UNSHARE) : PinDecision.pin();
    }

    @Override
    public ForkDecision copyPresentAnonPte(PageView page, VmaView vma) {
        if (fork != null) {
            return fork;
        }
        return page.anonExclusive() && page.maybeDmaPinned() ? ForkDecision.COPY : ForkDecision.SHARE;
    }

    @Override
    public boolean mayPageOut(PageView page) {
        return pageOut != null ? pageOut : !page.maybeDmaPinned();
    }

    @Override
    public boolean canChangePteWritable(PageView page, VmaView vma) {
        return mkwrite && page.anon() && page.anonExclusive();
    }

    @Override
    public boolean keepsAnonExclusive() {
        return keepsExclusive;
    }
}
