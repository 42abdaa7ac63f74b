package org.mmsim.dist.hostile;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.mmsim.api.PinDecision;
import org.mmsim.api.PinRequest;

/**
 * Answers like unshare, but remembers the contents it has pinned, across runs, and refuses to pin
 * them again: hidden state, so the second run of a cell that pins differs from the first.
 */
public class PinOncePolicy extends LikeUnshare {
    public static final String ID = "hostile-pin-once";

    private final Set<String> pinned = ConcurrentHashMap.newKeySet();

    public PinOncePolicy() {
        super(ID);
    }

    @Override
    public String summary() {
        return "test: pins each content once, then refuses";
    }

    @Override
    public PinDecision pinReadOnly(PinRequest request) {
        PinDecision d = super.pinReadOnly(request);
        if (d.kind() == PinDecision.Kind.PIN && !pinned.add(request.page().content())) {
            return PinDecision.refuse();
        }
        return d;
    }
}
