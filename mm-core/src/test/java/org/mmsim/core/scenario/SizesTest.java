package org.mmsim.core.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SizesTest {
    @Test
    void everySizeAndItsPages() {
        long[] pages = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 262_144};
        assertEquals(pages.length, Sizes.ALL.size());
        for (int k = 0; k < pages.length; k++) {
            assertEquals(pages[k], Sizes.pages(Sizes.ALL.get(k)), Sizes.ALL.get(k));
            assertEquals(Sizes.ALL.get(k), Sizes.name(pages[k]));
        }
        assertEquals(Sizes.PMD_PAGES, Sizes.pages("2M"));
        assertEquals(Sizes.PUD_PAGES, Sizes.pages("1G"));
        assertEquals(List.of("16K", "32K", "64K", "128K", "256K", "512K", "1M", "2M"), Sizes.THP);
        assertEquals(List.of("2M", "1G"), Sizes.HUGETLB);
    }

    @Test
    void notSizes() {
        for (String s : List.of("", "4k", "3K", "4M", "2G", "1024K", "K", "0K", " 4K")) {
            assertEquals(-1, Sizes.pages(s), s);
        }
        assertThrows(IllegalArgumentException.class, () -> Sizes.name(3));
        assertThrows(IllegalArgumentException.class, () -> Sizes.name(0));
        assertThrows(IllegalArgumentException.class, () -> Sizes.name(1024));
    }
}
