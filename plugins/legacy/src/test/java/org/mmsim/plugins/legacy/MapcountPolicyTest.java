package org.mmsim.plugins.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsim.testkit.Fixtures.PRIVATE_ANON;
import static org.mmsim.testkit.Fixtures.PRIVATE_FILE;
import static org.mmsim.testkit.Fixtures.longterm;
import static org.mmsim.testkit.Fixtures.shortterm;
import static org.mmsim.testkit.Fixtures.writeFault;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import org.junit.jupiter.api.Test;
import org.mmsim.api.ForkDecision;
import org.mmsim.api.PinDecision;
import org.mmsim.api.WpDecision;
import org.mmsim.api.WpFault;
import org.mmsim.testkit.FakePage;

class MapcountPolicyTest {

    private final MapcountPolicy policy = new MapcountPolicy();

    @Test
    void idAndSummary() {
        assertEquals("mapcount", policy.id());
        assertTrue(policy.summary().startsWith("Linux up to 5.7"), policy.summary());
    }

    // --- do_wp_page() / reuse_swap_page()

    @Test
    void pageMappedOnceIsReusedDespiteAGupReference() {
        // The vmsplice() leak (CVE-2020-29374): only the map count is looked at.
        FakePage page = FakePage.anonPage().exclusive(false).refs(2).maps(1);
        WpFault fault = writeFault(page);
        assertEquals(WpDecision.REUSE, policy.doWpPage(fault));
        verify(fault, never()).tryFreeSwap();
    }

    @Test
    void pinnedPageMappedOnceIsReused() {
        assertEquals(WpDecision.REUSE, policy.doWpPage(writeFault(FakePage.anonPage().pinned(1))));
    }

    @Test
    void pageMappedTwiceIsCopiedEvenIfMarkedExclusive() {
        // PG_anon_exclusive means nothing here.
        FakePage page = FakePage.anonPage().exclusive(true).refs(2).maps(2);
        WpFault fault = writeFault(page);
        assertEquals(WpDecision.COPY, policy.doWpPage(fault));
        verify(fault, never()).tryFreeSwap();
    }

    @Test
    void swapEntryElsewhereCountsAsAMapping() {
        // mapCount + swapCount == 2: another process still has the page as a swap PTE.
        FakePage page = FakePage.anonPage().exclusive(false).maps(1).inSwapCache(1);
        WpFault fault = writeFault(page);
        assertEquals(WpDecision.COPY, policy.doWpPage(fault));
        verify(fault, never()).tryFreeSwap();
        assertTrue(page.swapCache());
    }

    @Test
    void soleUserDropsTheSwapCacheAndReuses() {
        FakePage page = FakePage.anonPage().exclusive(false).maps(1).inSwapCache(0);
        WpFault fault = writeFault(page);
        assertEquals(WpDecision.REUSE, policy.doWpPage(fault));
        verify(fault, times(1)).tryFreeSwap();
        assertFalse(page.swapCache());
    }

    @Test
    void soleUserInSwapCacheIsReusedEvenWithExtraReferences() {
        FakePage page = FakePage.anonPage().exclusive(false).maps(1).refs(3).inSwapCache(0);
        WpFault fault = writeFault(page);
        assertEquals(WpDecision.REUSE, policy.doWpPage(fault));
        verify(fault, times(1)).tryFreeSwap();
    }

    // --- R/O pins

    @Test
    void everyReadOnlyPinPinsThePageAsItIs() {
        FakePage shared = FakePage.anonPage().exclusive(false).maps(2).refs(2);
        assertEquals(PinDecision.Kind.PIN, policy.pinReadOnly(longterm(shared, PRIVATE_ANON)).kind());
        assertEquals(PinDecision.Kind.PIN, policy.pinReadOnly(shortterm(shared, PRIVATE_ANON)).kind());
        assertEquals(PinDecision.Kind.PIN, policy.pinReadOnly(longterm(FakePage.zeroPage(), PRIVATE_ANON)).kind());
        assertEquals(PinDecision.Kind.PIN, policy.pinReadOnly(longterm(FakePage.pageCache(), PRIVATE_FILE)).kind());
    }

    // --- fork

    @Test
    void pinnedExclusivePageIsSharedAtFork() {
        assertEquals(ForkDecision.SHARE, policy.copyPresentAnonPte(FakePage.anonPage().pinned(1), PRIVATE_ANON));
    }

    @Test
    void unpinnedPageIsSharedAtFork() {
        assertEquals(ForkDecision.SHARE, policy.copyPresentAnonPte(FakePage.anonPage(), PRIVATE_ANON));
    }

    // --- reclaim, mprotect, bookkeeping

    @Test
    void pinnedPageMayBePagedOut() {
        assertTrue(policy.mayPageOut(FakePage.anonPage().pinned(1)));
        assertTrue(policy.mayPageOut(FakePage.anonPage()));
    }

    @Test
    void mprotectNeverMapsAnonPagesWritable() {
        assertFalse(policy.canChangePteWritable(FakePage.anonPage(), PRIVATE_ANON));
    }

    @Test
    void doesNotKeepAnonExclusive() {
        assertFalse(policy.keepsAnonExclusive());
    }

    @Test
    void aThpPageIsReusedWhenNoPageOfTheFolioIsMappedTwice() {
        // page_trans_huge_map_swapcount(): the largest map count of the folio's pages, not the total
        assertEquals(WpDecision.REUSE, policy.doWpPage(writeFault(FakePage.anonPage().exclusive(false)
                .large(9, 512))));
        assertEquals(WpDecision.COPY, policy.doWpPage(writeFault(FakePage.anonPage().exclusive(false)
                .pmdMapped(2))), "a PMD shared with a child: the whole THP is copied");
        assertEquals(WpDecision.REUSE, policy.doHugePmdWpPage(writeFault(FakePage.anonPage().exclusive(false)
                .pmdMapped(1).refs(2))), "GUP references do not count");
    }
}
