package org.mmsim.plugins.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsim.testkit.Fixtures.PRIVATE_ANON;
import static org.mmsim.testkit.Fixtures.PRIVATE_FILE;
import static org.mmsim.testkit.Fixtures.fault;
import static org.mmsim.testkit.Fixtures.longterm;
import static org.mmsim.testkit.Fixtures.shortterm;
import static org.mmsim.testkit.Fixtures.writeFault;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import org.junit.jupiter.api.Test;
import org.mmsim.api.FaultFlag;
import org.mmsim.api.ForkDecision;
import org.mmsim.api.PinDecision;
import org.mmsim.api.WpDecision;
import org.mmsim.api.WpFault;
import org.mmsim.testkit.FakePage;

class PageCountPolicyTest {

    private final PageCountPolicy policy = new PageCountPolicy();

    @Test
    void idAndSummary() {
        assertEquals("page-count", policy.id());
        assertTrue(policy.summary().startsWith("Linux 5.9-5.18"), policy.summary());
    }

    // --- do_wp_page()

    @Test
    void soleReferenceIsReused() {
        FakePage page = FakePage.anonPage().exclusive(false).refs(1).maps(1);
        WpFault fault = writeFault(page);
        assertEquals(WpDecision.REUSE, policy.doWpPage(fault));
        verify(fault, never()).tryFreeSwap();
    }

    @Test
    void gupReferenceForcesACopy() {
        // mapcount would reuse this page (and leak through vmsplice()).
        FakePage page = FakePage.anonPage().exclusive(false).refs(2).maps(1);
        assertEquals(WpDecision.COPY, policy.doWpPage(writeFault(page)));
    }

    @Test
    void exclusiveMarkIsIgnoredSoAnExtraReferenceForcesACopy() {
        // unshare would reuse an exclusive page whatever its references.
        FakePage page = FakePage.anonPage().exclusive(true).refs(2).maps(1);
        WpFault fault = writeFault(page);
        assertEquals(WpDecision.COPY, policy.doWpPage(fault));
        verify(fault, never()).tryFreeSwap();
    }

    @Test
    void pinnedPageIsCopiedOnWriteFaultLosingThePin() {
        FakePage page = FakePage.anonPage().pinned(1);
        WpFault fault = fault(page, FaultFlag.WRITE.mask());
        assertEquals(WpDecision.COPY, policy.doWpPage(fault));
        verify(fault, never()).tryFreeSwap();
    }

    @Test
    void swapCacheIsDroppedAndThePageReused() {
        FakePage page = FakePage.anonPage().exclusive(false).refs(1).inSwapCache(0); // refCount 2
        WpFault fault = writeFault(page);
        assertEquals(WpDecision.REUSE, policy.doWpPage(fault));
        verify(fault, times(1)).tryFreeSwap();
        assertFalse(page.swapCache());
    }

    @Test
    void swapCacheThatCannotBeDroppedForcesACopy() {
        FakePage page = FakePage.anonPage().exclusive(false).refs(1).inSwapCache(1);
        WpFault fault = writeFault(page);
        assertEquals(WpDecision.COPY, policy.doWpPage(fault));
        verify(fault, times(1)).tryFreeSwap();
        assertTrue(page.swapCache());
    }

    @Test
    void swapCachePageWithAnotherReferenceIsCopiedWithoutTryingToFreeSwap() {
        FakePage page = FakePage.anonPage().exclusive(false).refs(2).inSwapCache(0); // refCount 3
        WpFault fault = writeFault(page);
        assertEquals(WpDecision.COPY, policy.doWpPage(fault));
        verify(fault, never()).tryFreeSwap();
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

    // --- fork (70e806e4e645)

    @Test
    void pinnedPageIsCopiedAtFork() {
        assertEquals(ForkDecision.COPY, policy.copyPresentAnonPte(FakePage.anonPage().pinned(1), PRIVATE_ANON));
    }

    @Test
    void pageThatLooksPinnedIsCopiedEvenIfNotExclusive() {
        // unshare shares it (page_try_dup_anon_rmap() looks at PG_anon_exclusive first).
        FakePage page = FakePage.anonPage().exclusive(false).maps(2).refs(2).pinned(1);
        assertEquals(ForkDecision.COPY, policy.copyPresentAnonPte(page, PRIVATE_ANON));
    }

    @Test
    void unpinnedPageIsSharedAtFork() {
        assertEquals(ForkDecision.SHARE, policy.copyPresentAnonPte(FakePage.anonPage().refs(2), PRIVATE_ANON));
    }

    // --- reclaim (feb889fb40fa), mprotect, bookkeeping

    @Test
    void pinnedPageStaysOutOfSwap() {
        assertFalse(policy.mayPageOut(FakePage.anonPage().pinned(1)));
        assertTrue(policy.mayPageOut(FakePage.anonPage().refs(2)));
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
    void aPteMappedThpIsCopiedUnlessASinglePteHoldsIt() {
        assertEquals(WpDecision.COPY, policy.doWpPage(writeFault(FakePage.anonPage().exclusive(false).large(9, 512))));
        assertEquals(WpDecision.REUSE, policy.doWpPage(writeFault(FakePage.anonPage().exclusive(false).large(9, 1))));
        // 3bff7e3f1f16 (5.18): do_huge_pmd_wp_page() reuses by the reference count
        assertEquals(WpDecision.COPY, policy.doHugePmdWpPage(writeFault(FakePage.anonPage().exclusive(false)
                .pmdMapped(1).refs(2))));
    }

    @Test
    void aPinnedThpIsCopiedAtForkPageByPage() {
        assertEquals(ForkDecision.COPY, policy.copyPresentAnonPte(FakePage.anonPage().large(9, 512).largePins(1),
                PRIVATE_ANON));
    }
}
