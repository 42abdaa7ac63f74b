package org.mmsim.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** What backs a frame. A closed set: these are the only kinds of page the machine has. */
@API(status = STABLE, since = "0.1.0")
public enum PageKind {
    /** An anonymous page (PageAnon). */
    ANON,
    /** A page-cache page of a file or of shared anonymous memory (shmem). */
    PAGE_CACHE,
    /** The shared zeropage (is_zero_pfn). */
    ZERO_PAGE
}
