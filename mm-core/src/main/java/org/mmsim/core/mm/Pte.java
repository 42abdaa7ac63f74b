package org.mmsim.core.mm;

/**
 * Page-table entries packed into an {@code int}: 0 is pte_none(); a present entry holds a frame
 * number, the write bit and the dirty bit; a swap entry holds a slot and the exclusive bit
 * (1493a1913e34), in the bit a present entry uses for dirty. Every entry of a PMD (or hugetlb)
 * mapping is present with the huge bit, each naming its own page of the folio, so that a lookup
 * by address works alike for both. Frame and slot numbers have 27 bits, above the default frame
 * limit.
 */
final class Pte {
    static final int NONE = 0;
    private static final int PRESENT = 1 << 31;
    private static final int WRITE = 1 << 30;
    private static final int SWAP = 1 << 29;
    private static final int SWP_EXCLUSIVE = 1 << 28;
    private static final int DIRTY = 1 << 28;
    /** Part of a PMD (pmd_trans_huge) or hugetlb mapping: one entry of the huge one. */
    private static final int HUGE = 1 << 27;
    static final int MAX_ID = (1 << 27) - 1;

    private Pte() {}

    static int present(int frame, boolean writable, boolean dirty) {
        return PRESENT | (writable ? WRITE : 0) | (dirty ? DIRTY : 0) | frame;
    }

    /** One entry of a PMD or hugetlb mapping: pmd_mkhuge(). */
    static int huge(int frame, boolean writable, boolean dirty) {
        return present(frame, writable, dirty) | HUGE;
    }

    static boolean isHuge(int pte) {
        return (pte & (PRESENT | HUGE)) == (PRESENT | HUGE);
    }

    /** The same entry as an ordinary PTE (what __split_huge_pmd_locked() installs). */
    static int unhuge(int pte) {
        return pte & ~HUGE;
    }

    static int swap(int slot, boolean exclusive) {
        return SWAP | (exclusive ? SWP_EXCLUSIVE : 0) | slot;
    }

    static boolean isNone(int pte) {
        return pte == NONE;
    }

    static boolean isPresent(int pte) {
        return (pte & PRESENT) != 0;
    }

    static boolean isSwap(int pte) {
        return (pte & SWAP) != 0;
    }

    static boolean writable(int pte) {
        return (pte & WRITE) != 0;
    }

    static boolean swapExclusive(int pte) {
        return isSwap(pte) && (pte & SWP_EXCLUSIVE) != 0;
    }

    /** pte_dirty(): a present entry written through since it was mapped. */
    static boolean dirty(int pte) {
        return isPresent(pte) && (pte & DIRTY) != 0;
    }

    /** pte_mkdirty() */
    static int mkdirty(int pte) {
        return pte | DIRTY;
    }

    /** The frame of a present entry or the slot of a swap entry. */
    static int id(int pte) {
        return pte & MAX_ID;
    }

    /** pte_wrprotect() */
    static int wrprotect(int pte) {
        return pte & ~WRITE;
    }

    /** pte_mkwrite() */
    static int mkwrite(int pte) {
        return pte | WRITE;
    }

    /** pte_swp_clear_exclusive() */
    static int swpClearExclusive(int pte) {
        return pte & ~SWP_EXCLUSIVE;
    }
}
