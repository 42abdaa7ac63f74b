package org.mmsim.core.mm;

/**
 * The THP settings of /sys/kernel/mm/transparent_hugepage: {@code hugepages-<size>kB/enabled} per
 * anonymous order (2 to 9: 16 KiB to 2 MiB) and {@code use_zero_page}. A stock kernel's defaults:
 * every size {@code never} but 2 MiB, which is {@code madvise}.
 */
final class Thp {
    static final int PMD_ORDER = 9;
    static final int PMD_PAGES = 1 << PMD_ORDER;

    /** The orders set to {@code always}, and to {@code madvise}, as bits (hugepages-<size>kB/enabled). */
    private int always;
    private int madvise = 1 << PMD_ORDER;
    boolean useZeroPage = true;

    Thp() {
    }

    void assign(Thp o) {
        always = o.always;
        madvise = o.madvise;
        useZeroPage = o.useZeroPage;
    }

    /** anon_enabled_store(): one size's setting; faults from now on follow it. */
    void set(int order, String setting) {
        int bit = 1 << order;
        always &= ~bit;
        madvise &= ~bit;
        switch (setting) {
            case "always" -> always |= bit;
            case "madvise" -> madvise |= bit;
            case "never" -> { }
            default -> throw new IllegalArgumentException("unknown THP setting " + setting);
        }
    }

    /**
     * __thp_vma_allowable_orders(): the orders a fault in a VMA with these flags may allocate, as bits.
     * {@code always}, or {@code madvise} in a MADV_HUGEPAGE range; nothing in a MADV_NOHUGEPAGE one.
     * Kernels before 6.8 (19eaf44954df) allocate no mTHP: the caller keeps only the PMD order there.
     */
    int allowedOrders(int vmFlags) {
        if (vmFlags < 0 || (vmFlags & Vmas.VM_NOHUGEPAGE) != 0) {
            return 0;
        }
        return always | ((vmFlags & Vmas.VM_HUGEPAGE) != 0 ? madvise : 0);
    }

    int contentHash() {
        return 31 * always + madvise;
    }
}
