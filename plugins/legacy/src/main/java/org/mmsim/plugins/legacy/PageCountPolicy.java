package org.mmsim.plugins.legacy;

import org.mmsim.api.ForkDecision;
import org.mmsim.api.KernelRelease;
import org.mmsim.api.PageView;
import org.mmsim.api.VmaView;
import org.mmsim.api.WpDecision;
import org.mmsim.api.WpFault;

/**
 * Linux 5.9-5.18: the reference count decides whether a write fault may reuse an anonymous page
 * (09854ba94c6a), so any extra reference forces a copy, which loses R/O pins and R/W pins on a later
 * write fault; pinned pages are copied at fork (70e806e4e645) and kept out of swap (feb889fb40fa).
 */
public final class PageCountPolicy extends LegacyPolicy {

    public static final String ID = "page-count";
    public static final String SUMMARY =
            "Linux 5.9-5.18: page_count() decides COW reuse, pinned pages copied at fork and kept out of swap";

    public PageCountPolicy() {
        super(ID, SUMMARY, KernelRelease.of(5, 18));
    }

    // Models do_wp_page() after 09854ba94c6a, with the swap-cache handling of 53a05ad9f21d (5.18).
    @Override
    public WpDecision doWpPage(WpFault fault) {
        PageView page = fault.page();
        if (page.refCount() != 1 + (page.swapCache() ? 1 : 0)) {
            page.because("page_count() shows another reference (a mapping, GUP or a pin): copy (09854ba94c6a)");
            return WpDecision.COPY;
        }
        if (page.swapCache()) {
            fault.tryFreeSwap();
        }
        // Re-read: dropping the swap cache released its reference.
        if (page.refCount() == 1) {
            page.because("page_count() == 1: nobody else holds the page, reuse (09854ba94c6a)");
            return WpDecision.REUSE;
        }
        page.because("the swap cache could not be dropped and holds a reference: copy");
        return WpDecision.COPY;
    }

    // Models copy_present_pte() after 70e806e4e645: page_maybe_dma_pinned() pages are copied early.
    @Override
    public ForkDecision copyPresentAnonPte(PageView page, VmaView vma) {
        if (page.maybeDmaPinned()) {
            page.because("page_maybe_dma_pinned(): copy for the child now (70e806e4e645)");
            return ForkDecision.COPY;
        }
        page.because("not pinned: share write-protected");
        return ForkDecision.SHARE;
    }

    // Models add_to_swap() refusal of pinned pages (feb889fb40fa, shrink_page_list()).
    @Override
    public boolean mayPageOut(PageView page) {
        if (page.maybeDmaPinned()) {
            page.because("page_maybe_dma_pinned(): a pinned page stays out of the swap cache (feb889fb40fa)");
            return false;
        }
        page.because("not pinned: it may go to swap");
        return true;
    }
}
