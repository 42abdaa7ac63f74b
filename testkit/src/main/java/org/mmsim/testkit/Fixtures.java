package org.mmsim.testkit;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.mmsim.api.FaultFlag;
import org.mmsim.api.PageView;
import org.mmsim.api.PinRequest;
import org.mmsim.api.PteView;
import org.mmsim.api.VmaView;
import org.mmsim.api.WpFault;

/** Views and requests for policy tests (shared by the plugins' unit tests). */
public final class Fixtures {
    private Fixtures() {
    }

    public record Vma(boolean anonymous, boolean shared, boolean writable) implements VmaView {
    }

    public record Pte(State state, boolean writable, boolean swapExclusive) implements PteView {
    }

    public record Pin(PageView page, PteView pte, VmaView vma, boolean longterm, boolean fast) implements PinRequest {
    }

    public static final VmaView PRIVATE_ANON = new Vma(true, false, true);
    public static final VmaView PRIVATE_FILE = new Vma(false, false, true);
    public static final VmaView SHARED_FILE = new Vma(false, true, true);
    public static final VmaView SHARED_ANON = new Vma(true, true, true);
    public static final PteView RO_PTE = new Pte(PteView.State.PRESENT, false, false);

    public static PinRequest longterm(PageView page, VmaView vma) {
        return new Pin(page, RO_PTE, vma, true, false);
    }

    public static PinRequest shortterm(PageView page, VmaView vma) {
        return new Pin(page, RO_PTE, vma, false, false);
    }

    /** A write fault on {@code page}; tryFreeSwap() is a Mockito stub delegating to the fake. */
    public static WpFault writeFault(FakePage page) {
        return fault(page, FaultFlag.WRITE.mask());
    }

    public static WpFault fault(FakePage page, long flags) {
        WpFault fault = mock(WpFault.class);
        when(fault.page()).thenReturn(page);
        when(fault.vma()).thenReturn(PRIVATE_ANON);
        when(fault.flags()).thenReturn(flags);
        when(fault.tryFreeSwap()).thenAnswer(invocation -> page.tryFreeSwap());
        return fault;
    }
}
