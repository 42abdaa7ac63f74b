package org.mmsim.api;

/**
 * A read-only view of one frame ({@code struct page}/folio). Views are flyweights owned by the core:
 * valid only during the call they are passed to; never keep one.
 */
public interface PageView {
    /** GUP_PIN_COUNTING_BIAS (include/linux/mm.h): what one FOLL_PIN adds to the reference count. */
    int GUP_PIN_COUNTING_BIAS = 1024;

    PageKind kind();

    /** The value the page holds (opaque; "0" for a never-written page). */
    String content();

    /** page_count(): mappings + references + pins (biased) + page-cache / swap-cache references. */
    int refCount();

    /** page_mapcount(): how many page-table entries map the frame. */
    int mapCount();

    /** PG_anon_exclusive: the anonymous page is known not to be shared. */
    boolean anonExclusive();

    /** PG_swapcache: the frame is in the swap cache. */
    boolean swapCache();

    /** swap count of the frame's swap slot (swap PTEs that still refer to it); 0 when not in swap cache. */
    int swapCount();

    /** page_maybe_dma_pinned(): the reference count shows a pin bias (false positives allowed, as in the kernel). */
    default boolean maybeDmaPinned() {
        return refCount() >= GUP_PIN_COUNTING_BIAS;
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
