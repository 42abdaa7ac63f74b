package com.example.mmsim;

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
 * Linux 6.2-6.14's answer (PG_anon_exclusive; unshare before a R/O pin of a page that may be shared,
 * and before a long-term one of any page in a COW mapping), written out as a starting point:
 * change a rule, then let the tests tell you which scenarios changed. Stateless, so that parallel runs
 * may share it; the views it is handed are valid only during the call.
 */
public class MyPolicy implements Policy {
    private final PinDecision unshare;

    public MyPolicy(FaultFlag unshareFlag) {
        this.unshare = PinDecision.unshare(unshareFlag); // built once: the fault path allocates nothing
    }

    @Override
    public String id() {
        return "my-unshare";
    }

    @Override
    public String summary() {
        return "Template: Linux 6.2-6.14 (PG_anon_exclusive, unshare before R/O pins) with FAULT_FLAG_MY_UNSHARE";
    }

    @Override
    public WpDecision doWpPage(WpFault fault) {
        PageView page = fault.page();
        if (page.anonExclusive()) {
            page.because("exclusive: reuse");
            return WpDecision.REUSE;
        }
        if (page.large()) {
            page.because("a large folio that is not exclusive is never reused (6.10): copy");
            return WpDecision.COPY;
        }
        if (page.refCount() > 1 + (page.swapCache() ? 1 : 0)) {
            page.because("someone else holds it: copy");
            return WpDecision.COPY;
        }
        if (page.swapCache()) {
            fault.tryFreeSwap(); // drops the swap cache's reference when no swap entry needs it
        }
        page.because(page.refCount() == 1 ? "only we hold it: reuse" : "the swap cache still holds it: copy");
        return page.refCount() == 1 ? WpDecision.REUSE : WpDecision.COPY;
    }

    @Override
    public WpDecision doHugePmdWpPage(WpFault fault) {
        PageView page = fault.page();
        boolean reuse = page.anonExclusive() || page.refCount() == 1;
        page.because(reuse ? "THP only we hold: reuse it whole" : "THP may be shared: split, then per page");
        return reuse ? WpDecision.REUSE : WpDecision.COPY;
    }

    @Override
    public PinDecision pinReadOnly(PinRequest request) {
        PageView page = request.page();
        if (page.anon() && !page.anonExclusive()) {
            page.because("may be shared: make it exclusive before pinning");
            return unshare;
        }
        if (!page.anon() && request.longterm() && request.vma().cowMapping()) {
            page.because("zeropage or page cache in a COW mapping, long-term: unshare it first (6.2)");
            return unshare;
        }
        page.because("pin it as it is");
        return PinDecision.pin();
    }

    @Override
    public ForkDecision copyPresentAnonPte(PageView page, VmaView vma) {
        boolean copy = page.anonExclusive() && page.maybeDmaPinned();
        page.because(copy ? "maybe pinned: the child gets a copy" : "share it");
        return copy ? ForkDecision.COPY : ForkDecision.SHARE;
    }

    @Override
    public boolean mayPageOut(PageView page) {
        page.because(page.maybeDmaPinned() ? "maybe pinned: keep it" : "not pinned");
        return !page.maybeDmaPinned();
    }

    @Override
    public boolean canChangePteWritable(PageView page, VmaView vma) {
        page.because(page.anonExclusive() ? "exclusive: writable now" : "leave it to the write fault");
        return page.anon() && page.anonExclusive();
    }

    /** True: the core keeps PG_anon_exclusive for us and checks the unpin-nonexclusive invariant. */
    @Override
    public boolean keepsAnonExclusive() {
        return true;
    }

    /** The kernel whose mechanics the core follows for this policy (the default is 5.18). */
    @Override
    public KernelRelease kernel() {
        return KernelRelease.of(6, 14);
    }
}
