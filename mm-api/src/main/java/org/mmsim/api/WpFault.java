package org.mmsim.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * A write or unshare fault on a present, write-protected anonymous page in a COW mapping: the
 * question do_wp_page() answers. The page is never the zeropage or a page-cache page; those are
 * always copied by the core.
 */
@API(status = STABLE, since = "0.1.0")
public interface WpFault {
    PageView page();

    VmaView vma();

    /** The fault's flags as a mask of {@link FaultFlag#mask()} bits. */
    long flags();

    default boolean has(FaultFlag flag) {
        return (flags() & flag.mask()) != 0;
    }

    /** True for a GUP-triggered unshare fault (no FAULT_FLAG_WRITE): the PTE stays read-only. */
    default boolean unshare() {
        return !has(FaultFlag.WRITE);
    }

    /**
     * try_to_free_swap(): drop the page from the swap cache when no swap entry still refers to its
     * slot. Returns true when it did. The only mutation a policy may ask for here.
     */
    boolean tryFreeSwap();
}
