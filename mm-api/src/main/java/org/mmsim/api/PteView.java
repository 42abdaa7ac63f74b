package org.mmsim.api;

/** A read-only view of one page-table entry. */
public interface PteView {
    enum State { NONE, PRESENT, SWAP }

    State state();

    /** pte_write(): only meaningful for {@link State#PRESENT}. */
    boolean writable();

    /** pte_swp_exclusive() (1493a1913e34): only meaningful for {@link State#SWAP}. */
    boolean swapExclusive();
}
