package org.mmsim.testkit;

import java.util.Objects;
import org.mmsim.api.FaultFlag;
import org.mmsim.api.VmaView;
import org.mmsim.api.WpFault;

/**
 * A write or unshare fault for {@code Policy.doWpPage}: {@code FakeWpFault.write(page)},
 * {@code FakeWpFault.unshare(page, FaultFlag.UNSHARE)}. {@link #tryFreeSwap()} acts on the page as
 * try_to_free_swap() would and counts its calls ({@link #tryFreeSwapCalls()}), so no mocking library
 * is needed to check that a policy asked for it.
 */
public final class FakeWpFault implements WpFault {
    private final FakePage page;
    private final VmaView vma;
    private final long flags;
    private int tryFreeSwapCalls;

    private FakeWpFault(FakePage page, VmaView vma, long flags) {
        this.page = Objects.requireNonNull(page, "page");
        this.vma = Objects.requireNonNull(vma, "vma");
        this.flags = flags;
    }

    /** A write fault (FAULT_FLAG_WRITE) on {@code page} in a private anonymous mapping. */
    public static FakeWpFault write(FakePage page) {
        return new FakeWpFault(page, FakeVma.privateAnon(), FaultFlag.WRITE.mask());
    }

    /** An unshare fault (no FAULT_FLAG_WRITE) carrying {@code flag}, as a policy's pinReadOnly asked for. */
    public static FakeWpFault unshare(FakePage page, FaultFlag flag) {
        return new FakeWpFault(page, FakeVma.privateAnon(), flag.mask());
    }

    /** A fault with exactly these flags (a mask of {@link FaultFlag#mask()} bits). */
    public static FakeWpFault withFlags(FakePage page, long flags) {
        return new FakeWpFault(page, FakeVma.privateAnon(), flags);
    }

    /** The same fault in another mapping. */
    public FakeWpFault in(VmaView vma) {
        return new FakeWpFault(page, vma, flags);
    }

    @Override
    public FakePage page() {
        return page;
    }

    @Override
    public VmaView vma() {
        return vma;
    }

    @Override
    public long flags() {
        return flags;
    }

    @Override
    public boolean tryFreeSwap() {
        tryFreeSwapCalls++;
        return page.tryFreeSwap();
    }

    /** How many times the policy called {@link #tryFreeSwap()}. */
    public int tryFreeSwapCalls() {
        return tryFreeSwapCalls;
    }

    @Override
    public String toString() {
        return (unshare() ? "unshare" : "write") + " fault on " + page;
    }
}
