package org.mmsim.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * A read-only view of one frame ({@code struct page}/folio). Views are flyweights owned by the core:
 * valid only during the call they are passed to; never keep one. Every view and fault a policy is
 * given ({@link VmaView}, {@link PteView}, {@link WpFault}, {@link PinRequest} too) throws
 * {@link IllegalStateException} ("view used after the call it was passed to") when used after that
 * call has returned, and the run ends in error.
 */
@API(status = STABLE, since = "0.1.0")
public interface PageView {
    /** GUP_PIN_COUNTING_BIAS (include/linux/mm.h): what one FOLL_PIN adds to the reference count. */
    int GUP_PIN_COUNTING_BIAS = 1024;

    PageKind kind();

    /** The value the page holds (opaque; "0" for a never-written page). */
    String content();

    /** page_count(): mappings + references + pins (biased) + page-cache / swap-cache references. */
    int refCount();

    /**
     * page_mapcount(): how many page-table entries map this page; for a page of a large folio its
     * PTE mappings plus the folio's entire (PMD) mappings.
     */
    int mapCount();

    /** PG_anon_exclusive: the anonymous page is known not to be shared. */
    boolean anonExclusive();

    /** PG_swapcache: the frame is in the swap cache. */
    boolean swapCache();

    /** swap count of the frame's swap slot (swap PTEs that still refer to it); 0 when not in swap cache. */
    int swapCount();

    /**
     * folio_maybe_dma_pinned(): the reference count shows a pin bias (false positives allowed, as in
     * the kernel); a large folio counts its pins exactly in {@code _pincount} (47e29d32afba).
     */
    default boolean maybeDmaPinned() {
        return refCount() >= GUP_PIN_COUNTING_BIAS;
    }

    /**
     * folio_order(): 0 for a base page, 4 for a 64 KiB mTHP, 9 for a PMD-size THP or a 2 MiB
     * hugetlb page, 18 for a 1 GiB one. {@link #refCount()} is then the whole folio's.
     */
    default int folioOrder() {
        return 0;
    }

    /** folio_test_large() */
    default boolean large() {
        return folioOrder() > 0;
    }

    /** folio_entire_mapcount(): PMD (or hugetlb) mappings of the whole folio. */
    default int entireMapCount() {
        return 0;
    }

    /** folio_mapcount(): every PTE mapping any page of the folio, plus its entire mappings. */
    default int folioMapCount() {
        return mapCount();
    }

    /**
     * page_trans_huge_mapcount() (up to 5.17): the largest map count of any page of the folio, its
     * entire mappings included; {@link #mapCount()} for a base page.
     */
    default int folioMaxMapCount() {
        return mapCount();
    }

    /**
     * folio_maybe_mapped_shared() (003fde4492c8, 6.15): whether another process may map the folio
     * too; exact here (MM owner tracking, 6af8cb80d3a9).
     */
    default boolean maybeMappedShared() {
        return mapCount() > 1;
    }

    /** folio_test_hugetlb(): a hugetlb page. */
    default boolean hugetlb() {
        return false;
    }

    default boolean anon() {
        return kind() == PageKind.ANON;
    }

    /**
     * Names the rule behind the answer the policy is about to give about this page, for traces
     * (e.g. {@code "PG_anon_exclusive: reuse at once"}). Optional; pass a constant, so that
     * explaining costs nothing on the fault path. A trace without a rule lists what the policy read.
     */
    default void because(String rule) {
    }
}
