package org.mmsim.plugins.legacy;

import org.mmsim.api.ForkDecision;
import org.mmsim.api.KernelRelease;
import org.mmsim.api.PageView;
import org.mmsim.api.VmaView;
import org.mmsim.api.WpDecision;
import org.mmsim.api.WpFault;

/**
 * Linux up to 5.7: the map count (plus the swap count) decides whether a write fault may reuse an
 * anonymous page, so a page that another process still holds through GUP is reused (the
 * CVE-2020-29374 vmsplice() leak); pinned pages are shared at fork like any other.
 */
public final class MapcountPolicy extends LegacyPolicy {

    public static final String ID = "mapcount";
    public static final String SUMMARY =
            "Linux up to 5.7: reuse_swap_page() map count decides COW reuse, pinned pages shared at fork";

    public MapcountPolicy() {
        super(ID, SUMMARY, KernelRelease.of(5, 7));
    }

    // Models do_wp_page() -> reuse_swap_page() (mm/swapfile.c before 5.8); for a page of a THP
    // page_trans_huge_map_swapcount() takes the largest map count of any of its pages. The same rule
    // decides do_huge_pmd_wp_page(), which copies the whole THP when it cannot reuse it.
    @Override
    public WpDecision doWpPage(WpFault fault) {
        PageView page = fault.page();
        if (page.folioMaxMapCount() + page.swapCount() > 1) {
            page.because("reuse_swap_page(): map count + swap count > 1, another mapping: copy");
            return WpDecision.COPY;
        }
        if (page.swapCache()) {
            // reuse_swap_page() drops the swap cache of a page it is about to reuse.
            fault.tryFreeSwap();
        }
        page.because("reuse_swap_page(): map count + swap count == 1, GUP references do not count: reuse");
        return WpDecision.REUSE;
    }

    // Models copy_one_pte() before 70e806e4e645: every anonymous page is shared write-protected.
    @Override
    public ForkDecision copyPresentAnonPte(PageView page, VmaView vma) {
        page.because("copy_one_pte(): every anonymous page is shared write-protected, pinned or not");
        return ForkDecision.SHARE;
    }

    // Models add_to_swap() before feb889fb40fa: pins do not keep a page out of swap.
    @Override
    public boolean mayPageOut(PageView page) {
        page.because("before feb889fb40fa a pin does not keep a page out of swap");
        return true;
    }
}
