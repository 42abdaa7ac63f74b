package org.mmsim.plugins.mmid;

import org.mmsim.api.FaultFlag;
import org.mmsim.api.KernelRelease;
import org.mmsim.api.PageView;
import org.mmsim.api.WpDecision;
import org.mmsim.api.WpFault;
import org.mmsim.plugins.unshare.UnsharePolicy;

/**
 * Linux 6.15 and later: the unshare-cow-mapping rules, plus MM owner tracking of large folios
 * (6af8cb80d3a9), which lets a write fault reuse a PTE-mapped large anonymous folio that only this
 * process maps and that nothing but its mappings holds (1da190f4d0a6), with
 * folio_maybe_mapped_shared() (003fde4492c8) in place of per-page map counts.
 */
public final class MmIdPolicy extends UnsharePolicy {
    public static final String ID = "mm-id";
    public static final String SUMMARY = "Linux 6.15 and later (machine of 6.18): as unshare-cow-mapping, and COW"
            + " reuses a PTE-mapped large anonymous folio only this process maps (MM owner tracking)";
    /** The kernel this machine runs: the newest the project models, and the live kernel's. */
    public static final KernelRelease KERNEL = KernelRelease.of(6, 18);

    public MmIdPolicy() {
        super(ID, SUMMARY, FaultFlag.UNSHARE, true, SharedAnonPin.UNSHARE, KERNEL);
    }

    // Models __wp_can_reuse_large_anon_folio() (1da190f4d0a6).
    @Override
    protected WpDecision reuseLargeFolioPage(WpFault fault) {
        PageView page = fault.page();
        if (page.folioMapCount() <= 1) {
            page.because("__wp_can_reuse_large_anon_folio(): a single mapping left: copy, and let the folio go");
            return WpDecision.COPY;
        }
        if (page.maybeMappedShared()) {
            page.because("__wp_can_reuse_large_anon_folio(): folio_maybe_mapped_shared(): another process maps it:"
                    + " copy");
            return WpDecision.COPY;
        }
        if (page.swapCache()) {
            fault.tryFreeSwap();
        }
        if (page.folioMapCount() != page.refCount()) {
            page.because("__wp_can_reuse_large_anon_folio(): a reference besides the mappings (a pin, GUP, the"
                    + " swap cache): copy");
            return WpDecision.COPY;
        }
        page.because("__wp_can_reuse_large_anon_folio(): only this process maps it and every reference is a"
                + " mapping: reuse the page");
        return WpDecision.REUSE;
    }
}
