package org.mmsim.plugins.unshare;

import java.util.Objects;
import org.mmsim.api.FaultFlag;
import org.mmsim.api.ForkDecision;
import org.mmsim.api.KernelRelease;
import org.mmsim.api.PageView;
import org.mmsim.api.PinDecision;
import org.mmsim.api.PinRequest;
import org.mmsim.api.Policy;
import org.mmsim.api.VmaView;
import org.mmsim.api.WpDecision;
import org.mmsim.api.WpFault;

/**
 * The PG_anon_exclusive family of policies (Linux 5.19 and later, and the variants discussed in the
 * linux-mm thread of March 2022): an anonymous page that is marked exclusive is reused at once on a
 * write fault, is never shared while it may be pinned, and a read-only pin of a page that may be
 * shared first makes it exclusive with an unshare fault.
 *
 * <p>Reusable by other plugins: a plugin that depends on this one (PF4J {@code Plugin-Dependencies})
 * builds its own instance with its own id, summary and unshare fault flag. The variants are:
 *
 * <ul>
 *   <li>the fault flag that unshare faults carry ({@link FaultFlag#UNSHARE} in the kernel);
 *   <li>{@code unshareCowMappings}: the 6.2 extension of gup_must_unshare() (8d6a0ac09a16,
 *       84209e87c696) that also unshares page-cache pages and the shared zeropage in COW mappings
 *       before a long-term R/O pin;
 *   <li>{@link SharedAnonPin}: what a R/O pin does with an anonymous page that may be shared:
 *       unshare it (what Linux does) or refuse the pin (option 2 of the thread).
 * </ul>
 *
 * <p>Instances are immutable and allocate nothing per decision.
 */
public class UnsharePolicy implements Policy {

    /** What a read-only FOLL_PIN does with an anonymous page that is not PG_anon_exclusive. */
    public enum SharedAnonPin {
        /** Trigger an unshare fault (reuse or copy, still read-only), then pin (a7f226604170). */
        UNSHARE,
        /** Fail the pin (option 2 of the linux-mm thread). */
        REFUSE
    }

    private final String id;
    private final String summary;
    private final FaultFlag unshareFlag;
    private final boolean unshareCowMappings;
    private final SharedAnonPin sharedAnonPin;
    private final KernelRelease kernel;
    /** Precomputed: the per-fault path allocates nothing. */
    private final PinDecision unshareDecision;

    /** The kernel the family's policies run on unless they say otherwise: the last of 5.19-6.1. */
    public static final KernelRelease KERNEL = KernelRelease.of(6, 1);

    /** A policy whose R/O pins unshare anonymous pages that may be shared, on {@link #KERNEL}. */
    public UnsharePolicy(String id, String summary, FaultFlag unshareFlag, boolean unshareCowMappings) {
        this(id, summary, unshareFlag, unshareCowMappings, SharedAnonPin.UNSHARE);
    }

    /** As {@link #UnsharePolicy(String, String, FaultFlag, boolean, SharedAnonPin, KernelRelease)} on {@link #KERNEL}. */
    public UnsharePolicy(String id, String summary, FaultFlag unshareFlag, boolean unshareCowMappings,
            SharedAnonPin sharedAnonPin) {
        this(id, summary, unshareFlag, unshareCowMappings, sharedAnonPin, KERNEL);
    }

    /**
     * @param id the policy id, e.g. {@code unshare}
     * @param summary one line naming the kernels the policy models
     * @param unshareFlag the flag the unshare faults carry; never {@link FaultFlag#WRITE}
     * @param unshareCowMappings whether a long-term R/O pin also unshares non-anonymous pages
     *     (page cache, shared zeropage) in COW mappings (Linux 6.2 and later)
     * @param sharedAnonPin what a R/O pin does with an anonymous page that may be shared
     * @param kernel the kernel release whose mechanics the policy runs on ({@link Policy#kernel()})
     */
    public UnsharePolicy(String id, String summary, FaultFlag unshareFlag, boolean unshareCowMappings,
            SharedAnonPin sharedAnonPin, KernelRelease kernel) {
        this.id = Objects.requireNonNull(id, "id");
        this.summary = Objects.requireNonNull(summary, "summary");
        this.unshareFlag = Objects.requireNonNull(unshareFlag, "unshareFlag");
        if (unshareFlag.bit() == FaultFlag.WRITE.bit()) {
            throw new IllegalArgumentException("an unshare fault never carries " + FaultFlag.WRITE.name());
        }
        this.unshareCowMappings = unshareCowMappings;
        this.sharedAnonPin = Objects.requireNonNull(sharedAnonPin, "sharedAnonPin");
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.unshareDecision = PinDecision.unshare(unshareFlag);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String summary() {
        return summary;
    }

    /** The flag this policy's unshare faults carry. */
    public FaultFlag unshareFlag() {
        return unshareFlag;
    }

    /** Whether long-term R/O pins unshare non-anonymous pages in COW mappings (Linux 6.2+). */
    public boolean unshareCowMappings() {
        return unshareCowMappings;
    }

    /** What a R/O pin does with an anonymous page that may be shared. */
    public SharedAnonPin sharedAnonPin() {
        return sharedAnonPin;
    }

    // Models do_wp_page() of 5.19 (wp_can_reuse_anon_folio() in later kernels).
    @Override
    public WpDecision doWpPage(WpFault fault) {
        PageView page = fault.page();
        if (page.anonExclusive()) {
            page.because("PG_anon_exclusive: nobody else can map it, reuse at once");
            return WpDecision.REUSE;
        }
        return page.large() ? reuseLargeFolioPage(fault) : reuseIfOnlyUser(fault);
    }

    /**
     * wp_can_reuse_anon_folio() for a page of a large folio that is not exclusive: from 6.10 never
     * reused ("mm: prohibit the last subpage from reusing the entire large folio"), before that by
     * the folio's reference count like any page. Subclasses model later kernels.
     */
    protected WpDecision reuseLargeFolioPage(WpFault fault) {
        if (kernel.atLeast(6, 10)) {
            fault.page().because("wp_can_reuse_anon_folio(): a large folio is never reused (6.10): copy");
            return WpDecision.COPY;
        }
        return reuseIfOnlyUser(fault);
    }

    /** The generic rule of 5.19: reuse a page (or whole folio) that nobody else holds. */
    protected WpDecision reuseIfOnlyUser(WpFault fault) {
        PageView page = fault.page();
        // Early check: a reference besides our mapping (and the swap cache's) means another user.
        if (page.refCount() > 1 + (page.swapCache() ? 1 : 0)) {
            page.because("not exclusive, and page_count() shows another user: copy");
            return WpDecision.COPY;
        }
        if (page.swapCache()) {
            fault.tryFreeSwap();
        }
        // Re-read: dropping the swap cache released its reference.
        if (page.refCount() == 1) {
            page.because("not exclusive, but page_count() == 1: nobody else holds it, reuse and mark it exclusive");
            return WpDecision.REUSE;
        }
        page.because("not exclusive, and the swap cache still holds a reference: copy");
        return WpDecision.COPY;
    }

    // Models do_huge_pmd_wp_page() (6c287605fd56, c89357e27f20): an exclusive THP or one nobody else
    // holds is reused whole; otherwise the PMD is split and the fault goes on per PTE.
    @Override
    public WpDecision doHugePmdWpPage(WpFault fault) {
        PageView page = fault.page();
        if (page.anonExclusive()) {
            page.because("do_huge_pmd_wp_page(): PG_anon_exclusive on the head: reuse the whole THP");
            return WpDecision.REUSE;
        }
        if (page.refCount() == 1) {
            page.because("do_huge_pmd_wp_page(): folio_ref_count() == 1: reuse the whole THP");
            return WpDecision.REUSE;
        }
        page.because("do_huge_pmd_wp_page(): may be shared: split the PMD and fall back to the PTE");
        return WpDecision.COPY;
    }

    // Models gup_must_unshare() (include/linux/mm.h in 5.19-6.1, mm/internal.h from 6.2).
    @Override
    public PinDecision pinReadOnly(PinRequest request) {
        PageView page = request.page();
        if (page.anon()) {
            if (page.anonExclusive()) {
                page.because("PG_anon_exclusive: the pin sees what the mapping sees, pin it as it is");
                return PinDecision.pin();
            }
            if (sharedAnonPin == SharedAnonPin.REFUSE) {
                page.because("the anonymous page may be shared: refuse the pin");
                return PinDecision.refuse();
            }
            page.because("the anonymous page may be shared: make it exclusive first (a7f226604170)");
            return unshareDecision;
        }
        // Page cache or shared zeropage: only long-term pins in COW mappings need an exclusive page,
        // short-term R/O pins keep snapshot semantics.
        if (unshareCowMappings && request.longterm() && request.vma().cowMapping()) {
            page.because("a long-term R/O pin of a non-anonymous page in a COW mapping: unshare it first "
                    + "(8d6a0ac09a16)");
            return unshareDecision;
        }
        page.because(unshareCowMappings ? "not anonymous, and not a long-term pin in a COW mapping: pin it as it is"
                : "not anonymous: gup_must_unshare() leaves it alone before 6.2, pin it as it is");
        return PinDecision.pin();
    }

    // Models page_try_dup_anon_rmap() as called from copy_present_pte().
    @Override
    public ForkDecision copyPresentAnonPte(PageView page, VmaView vma) {
        if (page.anonExclusive() && page.maybeDmaPinned()) {
            page.because("page_try_dup_anon_rmap(): exclusive and maybe pinned, the child gets a copy");
            return ForkDecision.COPY;
        }
        page.because(page.anonExclusive() ? "page_try_dup_anon_rmap(): not pinned, share it and clear PG_anon_exclusive"
                : "page_try_dup_anon_rmap(): already shared, share it");
        return ForkDecision.SHARE;
    }

    // Models page_try_share_anon_rmap() failing in try_to_unmap_one(), and feb889fb40fa in add_to_swap().
    @Override
    public boolean mayPageOut(PageView page) {
        if (page.maybeDmaPinned()) {
            page.because("page_try_share_anon_rmap() fails: the page may be pinned");
            return false;
        }
        page.because("not pinned: it may go to swap");
        return true;
    }

    // Models can_change_pte_writable() for a private mapping.
    @Override
    public boolean canChangePteWritable(PageView page, VmaView vma) {
        if (page.anon() && page.anonExclusive()) {
            page.because("can_change_pte_writable(): an exclusive anonymous page, map it writable now");
            return true;
        }
        page.because("can_change_pte_writable(): may be shared, leave it to the write fault");
        return false;
    }

    // Models the PG_anon_exclusive bookkeeping that 6c287605fd56 introduced.
    @Override
    public boolean keepsAnonExclusive() {
        return true;
    }

    @Override
    public KernelRelease kernel() {
        return kernel;
    }

    @Override
    public String toString() {
        return id;
    }
}
