package org.mmsim.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** A read-only view of one page-table entry. */
@API(status = STABLE, since = "0.1.0")
public interface PteView {
    @API(status = STABLE, since = "0.1.0")
    enum State { NONE, PRESENT, SWAP }

    State state();

    /** pte_write(): only meaningful for {@link State#PRESENT}. */
    boolean writable();

    /** pte_swp_exclusive() (1493a1913e34): only meaningful for {@link State#SWAP}. */
    boolean swapExclusive();
}
