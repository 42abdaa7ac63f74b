package org.mmsim.api;

/** What backs a frame. A closed set: these are the only kinds of page the machine has. */
public enum PageKind {
    /** An anonymous page (PageAnon). */
    ANON,
    /** A page-cache page of a file or of shared anonymous memory (shmem). */
    PAGE_CACHE,
    /** The shared zeropage (is_zero_pfn). */
    ZERO_PAGE
}
