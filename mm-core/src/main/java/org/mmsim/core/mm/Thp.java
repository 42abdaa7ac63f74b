package org.mmsim.core.mm;

import java.util.Arrays;

/**
 * The THP settings of /sys/kernel/mm/transparent_hugepage: {@code hugepages-<size>kB/enabled} per
 * anonymous order (2 to 9: 16 KiB to 2 MiB) and {@code use_zero_page}. A stock kernel's defaults:
 * every size {@code never} but 2 MiB, which is {@code madvise}.
 */
final class Thp {
    static final int PMD_ORDER = 9;
    static final int PMD_PAGES = 1 << PMD_ORDER;
    private static final byte NEVER = 0;
    private static final byte MADVISE = 1;
    private static final byte ALWAYS = 2;

    private final byte[] mode;
    boolean useZeroPage = true;

    Thp() {
        mode = new byte[PMD_ORDER + 1];
        mode[PMD_ORDER] = MADVISE;
    }

    private Thp(Thp o) {
        mode = o.mode.clone();
        useZeroPage = o.useZeroPage;
    }

    Thp copy() {
        return new Thp(this);
    }

    /** anon_enabled_store(): one size's setting; faults from now on follow it. */
    void set(int order, String setting) {
        mode[order] = switch (setting) {
            case "always" -> ALWAYS;
            case "madvise" -> MADVISE;
            case "never" -> NEVER;
            default -> throw new IllegalArgumentException("unknown THP setting " + setting);
        };
    }

    /**
     * __thp_vma_allowable_orders(): the orders a fault in a VMA with these flags may allocate, as bits.
     * {@code always}, or {@code madvise} in a MADV_HUGEPAGE range; nothing in a MADV_NOHUGEPAGE one.
     * Kernels before 6.8 (19eaf44954df) allocate no mTHP: only the PMD order counts there.
     */
    int allowedOrders(int vmFlags, boolean mthp) {
        if (vmFlags < 0 || (vmFlags & Vmas.VM_NOHUGEPAGE) != 0) {
            return 0;
        }
        int bits = 0;
        for (int o = mthp ? 2 : PMD_ORDER; o <= PMD_ORDER; o++) {
            if (mode[o] == ALWAYS || mode[o] == MADVISE && (vmFlags & Vmas.VM_HUGEPAGE) != 0) {
                bits |= 1 << o;
            }
        }
        return bits;
    }

    int contentHash() {
        return Arrays.hashCode(mode);
    }
}
