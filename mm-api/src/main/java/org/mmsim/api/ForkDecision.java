package org.mmsim.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** The answer of copy_present_pte() for an anonymous page at fork. */
@API(status = STABLE, since = "0.1.0")
public enum ForkDecision {
    /** Map the page write-protected in parent and child; the core clears PG_anon_exclusive. */
    SHARE,
    /** copy_present_page(): give the child its own copy now; the parent keeps the page. */
    COPY
}
