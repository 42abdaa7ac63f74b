package org.mmsim.testkit;

import org.mmsim.api.PageView;
import org.mmsim.api.PinRequest;
import org.mmsim.api.PteView;
import org.mmsim.api.VmaView;

/**
 * A read-only FOLL_PIN for {@code Policy.pinReadOnly}: {@code FakePinRequest.longterm(page)}, then
 * {@code .in(FakeVma.privateFile())} or {@code .viaGupFast()} to change one aspect. Immutable. The PTE is
 * present and read-only unless {@link #pte(PteView)} says otherwise.
 */
public record FakePinRequest(PageView page, PteView pte, VmaView vma, boolean longterm, boolean fast)
        implements PinRequest {
    /** A long-term pin (FOLL_LONGTERM, slow path) of {@code page} in a private anonymous mapping. */
    public static FakePinRequest longterm(PageView page) {
        return new FakePinRequest(page, FakePte.present(false), FakeVma.privateAnon(), true, false);
    }

    /** A short-term pin (no FOLL_LONGTERM, slow path) of {@code page} in a private anonymous mapping. */
    public static FakePinRequest shortterm(PageView page) {
        return new FakePinRequest(page, FakePte.present(false), FakeVma.privateAnon(), false, false);
    }

    /** The same request in another mapping. */
    public FakePinRequest in(VmaView vma) {
        return new FakePinRequest(page, pte, vma, longterm, fast);
    }

    /** The same request through another PTE. */
    public FakePinRequest pte(PteView pte) {
        return new FakePinRequest(page, pte, vma, longterm, fast);
    }

    /** The same request taken by GUP-fast. */
    public FakePinRequest viaGupFast() {
        return new FakePinRequest(page, pte, vma, longterm, true);
    }
}
