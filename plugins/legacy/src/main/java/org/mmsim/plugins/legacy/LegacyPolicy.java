package org.mmsim.plugins.legacy;

import org.mmsim.api.KernelRelease;
import org.mmsim.api.PageView;
import org.mmsim.api.PinDecision;
import org.mmsim.api.PinRequest;
import org.mmsim.api.Policy;
import org.mmsim.api.VmaView;

/**
 * What the kernels before PG_anon_exclusive have in common: R/O pins pin the page as it is, private
 * anonymous PTEs are never made writable early, and no page is marked exclusive. Subclasses model
 * the write fault, fork and page-out of their kernels.
 */
abstract class LegacyPolicy implements Policy {
    private final String id;
    private final String summary;
    private final KernelRelease kernel;

    LegacyPolicy(String id, String summary, KernelRelease kernel) {
        this.id = id;
        this.summary = summary;
        this.kernel = kernel;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String summary() {
        return summary;
    }

    // Models pin_user_pages() before gup_must_unshare() existed: the page is pinned as it is.
    @Override
    public PinDecision pinReadOnly(PinRequest request) {
        request.page().because("no gup_must_unshare() before 5.19: pin the page as it is");
        return PinDecision.pin();
    }

    // Models change_pte_range() before can_change_pte_writable(): private anon PTEs stay read-only.
    @Override
    public boolean canChangePteWritable(PageView page, VmaView vma) {
        page.because("before 5.19 a private anonymous PTE stays read-only until the next write fault");
        return false;
    }

    // Models a kernel without PG_anon_exclusive (before 6c287605fd56).
    @Override
    public boolean keepsAnonExclusive() {
        return false;
    }

    @Override
    public final KernelRelease kernel() {
        return kernel;
    }

    @Override
    public String toString() {
        return id;
    }
}
