package org.mmsim.dist.hostile;

import org.mmsim.api.PinDecision;
import org.mmsim.api.PinRequest;
import org.mmsim.api.Policy;
import org.mmsim.api.WpDecision;
import org.mmsim.api.WpFault;

/**
 * The unshare policy's decisions (Linux 5.19), except for one hostile call:
 * <ul>
 *   <li>{@code hostile-throw}: doWpPage() throws a RuntimeException;
 *   <li>{@code hostile-loop}: doWpPage() never returns (a busy loop that ignores interrupts);
 *   <li>{@code hostile-null}: pinReadOnly() returns null.
 * </ul>
 * No nested classes, enums or enum switches: this class, LikeUnshare and HostilePolicies are the whole plugin.
 */
public class HostilePolicy extends LikeUnshare {
    public static final String THROW = "hostile-throw";
    public static final String LOOP = "hostile-loop";
    public static final String NULL = "hostile-null";
    public static final String THROW_MESSAGE = "hostile-throw exploded in doWpPage";

    /** Written by the busy loop so that it has an effect the JIT must keep. */
    public static volatile long spins;

    public HostilePolicy(String id) {
        super(id);
    }

    @Override
    public String summary() {
        return "test plugin: misbehaves in " + (id().equals(NULL) ? "pinReadOnly" : "doWpPage");
    }

    @Override
    public WpDecision doWpPage(WpFault fault) {
        if (id().equals(THROW)) {
            throw new IllegalStateException(THROW_MESSAGE);
        }
        if (id().equals(LOOP)) {
            for (;;) {
                spins++;
                Thread.interrupted(); // swallow any interrupt and go on
            }
        }
        return super.doWpPage(fault);
    }

    @Override
    public PinDecision pinReadOnly(PinRequest request) {
        return id().equals(NULL) ? null : super.pinReadOnly(request);
    }
}
