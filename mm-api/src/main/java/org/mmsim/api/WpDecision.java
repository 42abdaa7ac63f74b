package org.mmsim.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** The answer of do_wp_page() for an anonymous page: wp_page_reuse() or wp_page_copy(). */
@API(status = STABLE, since = "0.1.0")
public enum WpDecision {
    REUSE,
    COPY
}
