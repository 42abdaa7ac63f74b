package org.mmsim.dist.live;

import org.mmsim.api.PinDecision;
import org.mmsim.api.PinRequest;
import org.mmsim.dist.hostile.LikeUnshare;

/** Packed into ShellIT's plugin jars: unshare's decisions, or (the "rebuilt" jar) refusing every R/O pin it would unshare. */
public class FlipPolicy extends LikeUnshare {
    private final boolean refuse;

    public FlipPolicy(boolean refuse) {
        super("flip");
        this.refuse = refuse;
    }

    @Override
    public String summary() {
        return refuse ? "flip 2: refuses R/O pins of shared pages" : "flip 1: unshares them";
    }

    @Override
    public PinDecision pinReadOnly(PinRequest request) {
        PinDecision d = super.pinReadOnly(request);
        return refuse && d.kind() == PinDecision.Kind.UNSHARE ? PinDecision.refuse() : d;
    }
}
