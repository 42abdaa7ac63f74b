package org.mmsim.core.scenario;

import java.util.List;

/**
 * The sizes the language writes (large-folios.md: {@code 4K 8K ... 2M 1G}) and the number of 4 KiB
 * base pages each stands for; the one place that reads and prints them, so that the parser, the
 * machine and reports ({@code 64K:pte}) agree.
 */
public final class Sizes {
    /** Every size, smallest first: 2^0 to 2^9 base pages, then 1G (2^18). */
    public static final List<String> ALL = List.of("4K", "8K", "16K", "32K", "64K", "128K", "256K", "512K", "1M",
            "2M", "1G");
    /** The sizes a {@code thp} statement sets: the anonymous mTHP orders of x86-64, 2 to 9. */
    public static final List<String> THP = ALL.subList(2, 10);
    /** The hugetlb page sizes of x86-64: PMD and PUD. */
    public static final List<String> HUGETLB = List.of("2M", "1G");
    /** A PMD maps this many base pages (2 MiB). */
    public static final long PMD_PAGES = 512;
    /** A PUD maps this many base pages (1 GiB). */
    public static final long PUD_PAGES = 262_144;

    private Sizes() {
    }

    /** How many base pages {@code size} (one of {@link #ALL}) stands for; -1 when it is not a size. */
    public static long pages(String size) {
        int k = ALL.indexOf(size);
        return k < 0 ? -1 : k < ALL.size() - 1 ? 1L << k : PUD_PAGES;
    }

    /** The name of a size given in base pages: {@code name(16)} is {@code 64K}. */
    public static String name(long pages) {
        for (String s : ALL) {
            if (pages(s) == pages) {
                return s;
            }
        }
        throw new IllegalArgumentException("not a size: " + pages + " pages");
    }
}
