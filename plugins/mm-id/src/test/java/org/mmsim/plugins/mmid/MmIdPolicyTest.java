package org.mmsim.plugins.mmid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import org.junit.jupiter.api.Test;
import org.mmsim.api.FaultFlag;
import org.mmsim.api.KernelRelease;
import org.mmsim.api.Policy;
import org.mmsim.api.PolicyHost;
import org.mmsim.api.VmaView;
import org.mmsim.api.WpDecision;
import org.mmsim.api.WpFault;
import org.mmsim.plugins.unshare.UnsharePolicies;
import org.mmsim.testkit.FakePage;

/** mm-id's answers (__wp_can_reuse_large_anon_folio()) against unshare-cow-mapping's, on fake pages. */
class MmIdPolicyTest {
    private final Policy mmId = new MmIdPolicies().policies(mock(PolicyHost.class)).get(0);
    private final Policy cowMapping = UnsharePolicies.unshareCowMapping();

    private static WpFault write(FakePage page) {
        return new WpFault() {
            @Override
            public FakePage page() {
                return page;
            }

            @Override
            public VmaView vma() {
                return mock(VmaView.class);
            }

            @Override
            public long flags() {
                return FaultFlag.WRITE.mask();
            }

            @Override
            public boolean tryFreeSwap() {
                return page.tryFreeSwap();
            }
        };
    }

    @Test
    void isTheNewestKernelAndOnlyAddsLargeFolioReuse() {
        assertEquals("mm-id", mmId.id());
        assertEquals(KernelRelease.of(6, 18), mmId.kernel());
        assertTrue(mmId.kernel().compareTo(cowMapping.kernel()) > 0);
    }

    @Test
    void aPteMappedFolioOnlyThisProcessMapsIsReused() {
        FakePage page = FakePage.anonPage().exclusive(false).large(4, 16);
        assertEquals(WpDecision.REUSE, mmId.doWpPage(write(page)));
        assertTrue(page.rule().contains("__wp_can_reuse_large_anon_folio"), page.rule());
        assertEquals(WpDecision.COPY, cowMapping.doWpPage(write(page)), "6.10-6.14 never reuse a large folio");
    }

    @Test
    void aFolioAnotherProcessMapsOrSomeoneHoldsIsCopied() {
        assertEquals(WpDecision.COPY, mmId.doWpPage(write(FakePage.anonPage().exclusive(false).large(4, 32)
                .mappedShared(true))));
        assertEquals(WpDecision.COPY, mmId.doWpPage(write(FakePage.anonPage().exclusive(false).large(4, 16)
                .largePins(1))));
        assertEquals(WpDecision.COPY, mmId.doWpPage(write(FakePage.anonPage().exclusive(false).large(4, 1))),
                "a single mapping left: copy");
    }

    @Test
    void anExclusivePageIsReusedAsBefore() {
        assertEquals(WpDecision.REUSE, mmId.doWpPage(write(FakePage.anonPage().large(4, 16).largePins(1))));
    }

    @Test
    void aSharedPmdIsSplitAndAnExclusiveOneReused() {
        assertEquals(WpDecision.COPY, mmId.doHugePmdWpPage(write(FakePage.anonPage().exclusive(false).pmdMapped(2))));
        assertEquals(WpDecision.REUSE, mmId.doHugePmdWpPage(write(FakePage.anonPage().exclusive(false)
                .pmdMapped(1))));
    }
}
