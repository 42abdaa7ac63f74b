package org.mmsim.core.explore;

/**
 * The state-space reductions a search uses; each is sound (no finding lost, shortest lengths kept)
 * and can be turned off to measure it or to rule it out.
 *
 * @param symmetry states that differ only in handle names, process names, or (base pages) in page
 *                 order, are one state
 * @param skip     moves that cannot change the state (a peek, a read of a present page, a store that
 *                 faults with SIGSEGV, a poke through a R/O handle, a munmap of a hole, an mprotect
 *                 that changes no VMA) are counted but not run
 * @param sleepSets a partial-order reduction: a read or write that commutes with a sibling move
 *                 already tried (another page's) sleeps in that sibling's successor, which reaches
 *                 the same states by the other order; base-page universes only
 */
public record Reductions(boolean symmetry, boolean skip, boolean sleepSets) implements java.io.Serializable {
    /**
     * What a search uses unless told otherwise: not sleep sets, which save under 1% of the moves
     * (most states are also reached by a move nothing commutes with, and a state's sleep set is
     * what all its arrivals agree on) for 8 more bytes per table slot.
     */
    public static final Reductions DEFAULT = new Reductions(true, true, false);
    public static final Reductions ALL = new Reductions(true, true, true);
    public static final Reductions NONE = new Reductions(false, false, false);
}
