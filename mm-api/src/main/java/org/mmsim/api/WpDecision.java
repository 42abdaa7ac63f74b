package org.mmsim.api;

/** The answer of do_wp_page() for an anonymous page: wp_page_reuse() or wp_page_copy(). */
public enum WpDecision {
    REUSE,
    COPY
}
