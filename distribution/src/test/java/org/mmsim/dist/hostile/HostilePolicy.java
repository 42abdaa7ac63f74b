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
 *   <li>{@code hostile-null}: pinReadOnly() returns null;
 *   <li>{@code hostile-exit}: doWpPage() calls System.exit(7);
 *   <li>{@code hostile-oom}: doWpPage() fills the heap until it runs out;
 *   <li>{@code hostile-thread}: doWpPage() starts a non-daemon thread that spins for ever, then decides as unshare;
 *   <li>{@code hostile-sleep}: doWpPage() sleeps for an hour (interruptible).
 * </ul>
 * No nested classes, enums or enum switches: this class, LikeUnshare and HostilePolicies are the whole plugin.
 */
public class HostilePolicy extends LikeUnshare {
    public static final String THROW = "hostile-throw";
    public static final String LOOP = "hostile-loop";
    public static final String NULL = "hostile-null";
    public static final String EXIT = "hostile-exit";
    public static final String OOM = "hostile-oom";
    public static final String THREAD = "hostile-thread";
    public static final String SLEEP = "hostile-sleep";

    /** Where hostile-oom keeps what it allocates, so that nothing can be collected. */
    public static final java.util.List<long[]> HOARD = new java.util.ArrayList<>();
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
        if (id().equals(EXIT)) {
            System.exit(7);
        }
        if (id().equals(OOM)) {
            for (;;) {
                HOARD.add(new long[1 << 20]);
            }
        }
        if (id().equals(THREAD)) {
            Thread t = new Thread(HostilePolicy::spinForEver, "hostile-spinner");
            t.start();
        }
        if (id().equals(SLEEP)) {
            try {
                Thread.sleep(3_600_000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return super.doWpPage(fault);
    }

    private static void spinForEver() {
        for (;;) {
            spins++;
        }
    }

    @Override
    public PinDecision pinReadOnly(PinRequest request) {
        return id().equals(NULL) ? null : super.pinReadOnly(request);
    }
}
