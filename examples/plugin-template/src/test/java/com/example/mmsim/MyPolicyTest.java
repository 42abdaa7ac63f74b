package com.example.mmsim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mmsim.api.FaultFlag;
import org.mmsim.api.ForkDecision;
import org.mmsim.api.PinDecision;
import org.mmsim.api.Policy;
import org.mmsim.api.WpDecision;
import org.mmsim.testkit.FakePage;
import org.mmsim.testkit.FakePinRequest;
import org.mmsim.testkit.FakePolicyHost;
import org.mmsim.testkit.FakeVma;
import org.mmsim.testkit.FakeWpFault;

/** Unit tests on the fakes of mmsim-testkit: one question, one page, one answer. */
class MyPolicyTest {
    private final FakePolicyHost host = new FakePolicyHost();
    private final Policy policy = new MyPolicies().policies(host).get(0);

    @Test
    void reusesAnExclusivePage() {
        assertEquals(WpDecision.REUSE, policy.doWpPage(FakeWpFault.write(FakePage.anonPage())));
    }

    @Test
    void copiesAPageAnotherProcessMaps() {
        assertEquals(WpDecision.COPY, policy.doWpPage(FakeWpFault.write(FakePage.anonPage().exclusive(false).maps(2).refs(2))));
    }

    @Test
    void freesTheSwapCacheBeforeReusingAPageNoSwapEntryNeeds() {
        FakeWpFault fault = FakeWpFault.write(FakePage.anonPage().exclusive(false).inSwapCache(0));
        assertEquals(WpDecision.REUSE, policy.doWpPage(fault));
        assertEquals(1, fault.tryFreeSwapCalls());
    }

    @Test
    void unsharesASharedPageBeforeAReadOnlyPinWithItsOwnFlag() {
        FaultFlag mine = host.faultFlags().lookup("FAULT_FLAG_MY_UNSHARE").orElseThrow();
        assertEquals(36, mine.bit(), "the first bit open to third-party plugins");
        PinDecision d = policy.pinReadOnly(FakePinRequest.longterm(FakePage.anonPage().exclusive(false).maps(2).refs(2)));
        assertEquals(PinDecision.Kind.UNSHARE, d.kind());
        assertEquals(mine, d.flag());
        assertEquals(PinDecision.pin(), policy.pinReadOnly(FakePinRequest.shortterm(FakePage.pageCache()).in(FakeVma.privateFile())));
        assertEquals(mine, policy.pinReadOnly(FakePinRequest.longterm(FakePage.zeroPage())).flag());
    }

    @Test
    void givesTheChildACopyOfAPinnedPageAtFork() {
        assertEquals(ForkDecision.COPY, policy.copyPresentAnonPte(FakePage.anonPage().pinned(1), FakeVma.privateAnon()));
        assertEquals(ForkDecision.SHARE, policy.copyPresentAnonPte(FakePage.anonPage(), FakeVma.privateAnon()));
    }
}
