package org.mmsim.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmsim.api.FaultFlag;
import org.mmsim.api.PteView;

class FakesTest {
    @Test
    void aThirdPartyRegistryStartsAtBit36AndRefusesANinthFlagAsTheCoreDoes() {
        FakeFaultFlags flags = FakeFaultFlags.thirdParty();
        assertEquals(36, flags.register("FAULT_FLAG_A").bit());
        assertSame(flags.register("FAULT_FLAG_A"), flags.register("FAULT_FLAG_A"), "a name twice is one flag");
        assertSame(FaultFlag.UNSHARE, flags.register("FAULT_FLAG_UNSHARE"), "the core's flags cost nothing");
        for (int i = 1; i < 8; i++) {
            flags.register("FAULT_FLAG_" + i);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> flags.register("FAULT_FLAG_NINTH"));
        assertEquals("cannot register FAULT_FLAG_NINTH: more than 8 fault flags (the per-plugin quota)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FakeFaultFlags.thirdParty().register("lower_case"));
    }

    @Test
    void aWpFaultCountsTryFreeSwapAndActsOnThePage() {
        FakePage page = FakePage.anonPage().exclusive(false).inSwapCache(0);
        FakeWpFault fault = FakeWpFault.write(page);
        assertFalse(fault.unshare());
        assertTrue(fault.tryFreeSwap());
        assertEquals(1, fault.tryFreeSwapCalls());
        assertFalse(page.swapCache());
        assertEquals(1, page.refCount(), "the swap cache's reference is gone");
        assertTrue(FakeWpFault.unshare(FakePage.anonPage(), FaultFlag.UNSHARE).unshare());
    }

    @Test
    void pinRequestsAndVmasChangeOneAspectAtATime() {
        FakePinRequest r = FakePinRequest.longterm(FakePage.zeroPage()).in(FakeVma.sharedFile()).viaGupFast();
        assertTrue(r.longterm() && r.fast() && r.vma().shared());
        assertEquals(PteView.State.PRESENT, r.pte().state());
        assertFalse(r.pte().writable());
        assertFalse(FakeVma.privateAnon().writable(false).writable());
        assertTrue(FakeVma.privateFile().cowMapping());
        assertTrue(FakePte.swap(true).swapExclusive());
    }
}
