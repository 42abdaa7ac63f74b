package org.mmsim.dist.hostile;

import org.mmsim.api.PinDecision;
import org.mmsim.api.PinRequest;

/** The policy of {@link Impostor}: unshare's decisions, except that R/O pins of shared pages pin as they are. */
public class ImpostorPolicy extends LikeUnshare {
    public ImpostorPolicy() {
        super("unshare");
    }

    @Override
    public String summary() {
        return "test plugin: an impostor of the bundled unshare policy";
    }

    @Override
    public PinDecision pinReadOnly(PinRequest request) {
        return PinDecision.pin();
    }
}
