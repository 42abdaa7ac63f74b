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
 * The unshare policy's decisions (Linux 5.19), except for one hostile call:
 * <ul>
 *   <li>{@code hostile-throw}: doWpPage() throws a RuntimeException;
 *   <li>{@code hostile-loop}: doWpPage() never returns (a busy loop that ignores interrupts);
 *   <li>{@code hostile-null}: pinReadOnly() returns null.
 * </ul>
 * No nested classes, enums or enum switches: this class and HostilePolicies are the whole plugin.
 */
public class HostilePolicy implements Policy {
    public static final String THROW = "hostile-throw";
    public static final String LOOP = "hostile-loop";
    public static final String NULL = "hostile-null";
    public static final String THROW_MESSAGE = "hostile-throw exploded in doWpPage";

    /** Written by the busy loop so that it has an effect the JIT must keep. */
    public static volatile long spins;

    private final String id;

    public HostilePolicy(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String summary() {
        return "test plugin: misbehaves in " + (id.equals(NULL) ? "pinReadOnly" : "doWpPage");
    }

    @Override
    public WpDecision doWpPage(WpFault fault) {
        if (id.equals(THROW)) {
            throw new IllegalStateException(THROW_MESSAGE);
        }
        if (id.equals(LOOP)) {
            for (;;) {
                spins++;
                Thread.interrupted(); // swallow any interrupt and go on
            }
        }
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
        if (id.equals(NULL)) {
            return null;
        }
        PageView page = request.page();
        if (page.anon() && !page.anonExclusive()) {
            return PinDecision.unshare(FaultFlag.UNSHARE);
        }
        return PinDecision.pin();
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
