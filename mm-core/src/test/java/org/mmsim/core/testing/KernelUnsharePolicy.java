package org.mmsim.core.testing;

import org.mmsim.api.FaultFlag;
import org.mmsim.api.ForkDecision;
import org.mmsim.api.PageView;
import org.mmsim.api.PinDecision;
import org.mmsim.api.PinRequest;
import org.mmsim.api.Policy;
import org.mmsim.api.VmaView;
import org.mmsim.api.WpDecision;
import org.mmsim.api.WpFault;

/** A test policy answering like Linux 5.19's PG_anon_exclusive + FAULT_FLAG_UNSHARE. */
public class KernelUnsharePolicy implements Policy {
    private final String id;

    public KernelUnsharePolicy() {
        this("unshare");
    }

    public KernelUnsharePolicy(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String summary() {
        return "test: Linux 5.19 unshare";
    }

    @Override
    public WpDecision doWpPage(WpFault fault) {
        PageView p = fault.page();
        if (p.anonExclusive()) {
            return WpDecision.REUSE;
        }
        return p.refCount() == 1 ? WpDecision.REUSE : WpDecision.COPY;
    }

    @Override
    public PinDecision pinReadOnly(PinRequest request) {
        PageView p = request.page();
        return p.anon() && !p.anonExclusive() ? PinDecision.unshare(FaultFlag.UNSHARE) : PinDecision.pin();
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
}
