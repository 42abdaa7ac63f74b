package org.mmsim.api;

/** The answer of copy_present_pte() for an anonymous page at fork. */
public enum ForkDecision {
    /** Map the page write-protected in parent and child; the core clears PG_anon_exclusive. */
    SHARE,
    /** copy_present_page(): give the child its own copy now; the parent keeps the page. */
    COPY
}
