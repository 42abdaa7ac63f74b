package org.mmsim.dist.hostile;

import org.mmsim.api.ForkDecision;
import org.mmsim.api.PageView;
import org.mmsim.api.PinDecision;
import org.mmsim.api.PinRequest;
import org.mmsim.api.VmaView;
import org.mmsim.api.WpDecision;
import org.mmsim.api.WpFault;

/**
 * Answers like unshare, but keeps the last view or fault it was given (per thread, so that each run
 * sees its own) and uses it at the start of the next call: {@code tryFreeSwap()} on a kept fault,
 * {@code refCount()} on a kept page, {@code longterm()} on a kept pin request.
 */
public class KeepingPolicy extends LikeUnshare {
    public static final String ID = "hostile-keep";

    private final ThreadLocal<Object> kept = new ThreadLocal<>();

    public KeepingPolicy() {
        super(ID);
    }

    @Override
    public String summary() {
        return "test: keeps the views it is given and uses them in the next call";
    }

    private void useKeptThenKeep(Object view) {
        Object old = kept.get();
        kept.set(view);
        if (old instanceof WpFault f) {
            f.tryFreeSwap();
        } else if (old instanceof PageView p) {
            p.refCount();
        } else if (old instanceof PinRequest r) {
            r.longterm();
        }
    }

    @Override
    public WpDecision doWpPage(WpFault fault) {
        useKeptThenKeep(fault);
        return super.doWpPage(fault);
    }

    @Override
    public PinDecision pinReadOnly(PinRequest request) {
        useKeptThenKeep(request);
        return super.pinReadOnly(request);
    }

    @Override
    public ForkDecision copyPresentAnonPte(PageView page, VmaView vma) {
        useKeptThenKeep(page);
        return super.copyPresentAnonPte(page, vma);
    }

    @Override
    public boolean mayPageOut(PageView page) {
        useKeptThenKeep(page);
        return super.mayPageOut(page);
    }
}
