package org.mmsim.core.mm;

/**
 * Page-table entries packed into a {@code long}: 0 is pte_none(); a present entry holds a frame
 * number and the write bit; a swap entry holds a slot and the exclusive bit (1493a1913e34).
 */
final class Pte {
    static final long NONE = 0L;
    private static final long PRESENT = 1L << 62;
    private static final long WRITE = 1L << 61;
    private static final long SWAP = 1L << 60;
    private static final long SWP_EXCLUSIVE = 1L << 59;
    private static final long ID = 0xffff_ffffL;

    private Pte() {}

    static long present(int frame, boolean writable) {
        return PRESENT | (writable ? WRITE : 0) | (frame & ID);
    }

    static long swap(int slot, boolean exclusive) {
        return SWAP | (exclusive ? SWP_EXCLUSIVE : 0) | (slot & ID);
    }

    static boolean isNone(long pte) {
        return pte == NONE;
    }

    static boolean isPresent(long pte) {
        return (pte & PRESENT) != 0;
    }

    static boolean isSwap(long pte) {
        return (pte & SWAP) != 0;
    }

    static boolean writable(long pte) {
        return (pte & WRITE) != 0;
    }

    static boolean swapExclusive(long pte) {
        return (pte & SWP_EXCLUSIVE) != 0;
    }

    /** The frame of a present entry or the slot of a swap entry. */
    static int id(long pte) {
        return (int) (pte & ID);
    }

    /** pte_wrprotect() */
    static long wrprotect(long pte) {
        return pte & ~WRITE;
    }

    /** pte_mkwrite() */
    static long mkwrite(long pte) {
        return pte | WRITE;
    }

    /** pte_swp_clear_exclusive() */
    static long swpClearExclusive(long pte) {
        return pte & ~SWP_EXCLUSIVE;
    }
}
