package org.mmsim.core.testing;

import org.mmsim.api.FaultFlag;
import org.mmsim.api.ForkDecision;
import org.mmsim.api.KernelRelease;
import org.mmsim.api.PageView;
import org.mmsim.api.PinDecision;
import org.mmsim.api.PinRequest;
import org.mmsim.api.Policy;
import org.mmsim.api.VmaView;
import org.mmsim.api.WpDecision;
import org.mmsim.api.WpFault;

/**
 * A test policy answering like Linux 5.19's PG_anon_exclusive + FAULT_FLAG_UNSHARE, unless a test
 * says otherwise: every answer can be fixed through a field, so a mechanics test states exactly what
 * the policy says and checks only what the machine does with it (see {@link #stub()}). Tests may
 * also subclass it and override single decisions.
 */
public class KernelUnsharePolicy implements Policy {
    public WpDecision wp;          // null: decide like 5.19 (exclusive or refcount 1 -> reuse)
    public PinDecision pin;        // null: unshare non-exclusive anonymous pages
    public ForkDecision fork;      // null: copy exclusive maybe-pinned pages
    public Boolean pageOut;        // null: not when maybe pinned
    public boolean mkwrite = true;
    public boolean keepsExclusive = true;
    /** Whether do_wp_page first tries to free the swap cache (try_to_free_swap()) of a non-exclusive page. */
    public boolean freeSwap;
    /** The kernel whose mechanics the machine runs; null: the SPI's default. */
    public KernelRelease kernel;

    private final String id;
    private final String summary;

    public KernelUnsharePolicy() {
        this("unshare");
    }

    public KernelUnsharePolicy(String id) {
        this(id, "test: Linux 5.19 unshare");
    }

    public KernelUnsharePolicy(String id, String summary) {
        this.id = id;
        this.summary = summary;
    }

    /** The policy of the machine-mechanics tests: id {@code stub}, frees the swap cache on write faults. */
    public static KernelUnsharePolicy stub() {
        KernelUnsharePolicy p = new KernelUnsharePolicy("stub", "test policy");
        p.freeSwap = true;
        return p;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String summary() {
        return summary;
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
        if (freeSwap && p.swapCache()) {
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

    @Override
    public KernelRelease kernel() {
        return kernel != null ? kernel : Policy.super.kernel();
    }
}
