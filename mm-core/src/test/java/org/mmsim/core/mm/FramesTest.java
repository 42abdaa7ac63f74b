package org.mmsim.core.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmsim.api.PageKind;

/** The frame table's one word per frame: 12-bit counts that spill, flags beside the kind, chunked growth. */
class FramesTest {
    private final Frames frames = new Frames(4, Integer.MAX_VALUE);

    @Test
    void countsBeyondSixteenBitsSpillAndComeBack() {
        int f = frames.alloc(PageKind.ANON, 0);
        for (int i = 0; i < 70_000; i++) {
            frames.addRef(f, 1);
        }
        assertEquals(70_000, frames.ref(f));
        assertEquals(70_001, frames.addRef(f, 1));
        frames.setRef(f, 3);
        assertEquals(3, frames.ref(f));
        assertEquals(4094, frames.addRef(f, 4091), "the largest count kept in the word");
        assertEquals(4095, frames.addRef(f, 1), "the first spilled count");
        assertEquals(4094, frames.addRef(f, -1));
    }

    @Test
    void negativeCountsAreKeptExactlySoAccountingCanReportThem() {
        int f = frames.alloc(PageKind.ANON, 0);
        frames.addMap(f, -1);
        assertEquals(-1, frames.map(f));
        frames.addMap(f, 2);
        assertEquals(1, frames.map(f));
    }

    @Test
    void freedNumbersAreNotHandedOutAgainUnlessRecycling() {
        int f = frames.alloc(PageKind.ANON, 0);
        frames.free(f);
        int g = frames.alloc(PageKind.ANON, 0);
        assertTrue(g != f, "a number names one page for the whole run");
        assertFalse(frames.isAllocated(f));
        assertEquals(1, frames.allocated());
    }

    @Test
    void aReusedFrameStartsWithZeroCountsAndNoFlags() {
        frames.setRecycle(true);
        int f = frames.alloc(PageKind.ANON, 0);
        frames.setRef(f, 100_000);
        frames.setMap(f, -5);
        frames.set(f, Frames.PG_ANON_EXCLUSIVE);
        frames.free(f);
        assertFalse(frames.isAllocated(f));
        int g = frames.alloc(PageKind.PAGE_CACHE, 7);
        assertEquals(f, g);
        assertEquals(0, frames.ref(g));
        assertEquals(0, frames.map(g));
        assertFalse(frames.test(g, Frames.PG_ANON_EXCLUSIVE));
        assertEquals(PageKind.PAGE_CACHE, frames.kind(g));
        assertEquals(7, frames.content(g));
    }

    @Test
    void theFieldsOfAFrameDoNotDisturbEachOther() {
        int f = frames.alloc(PageKind.ANON, -7);
        frames.setRef(f, 4094);
        frames.setMap(f, 0);
        frames.addMap(f, 1);
        frames.set(f, Frames.PG_SWAPCACHE);
        assertEquals(-7, frames.content(f));
        frames.setContent(f, Integer.MAX_VALUE);
        frames.addRef(f, -4094);
        assertEquals(0, frames.ref(f));
        assertEquals(1, frames.map(f));
        assertEquals(Integer.MAX_VALUE, frames.content(f));
        assertTrue(frames.test(f, Frames.PG_SWAPCACHE));
        assertEquals(PageKind.ANON, frames.kind(f));
    }

    @Test
    void flagsLeaveTheKindAlone() {
        int f = frames.alloc(PageKind.ANON, 0);
        frames.set(f, Frames.PG_ANON_EXCLUSIVE);
        frames.set(f, Frames.PG_SWAPCACHE);
        assertTrue(frames.anon(f));
        assertEquals(PageKind.ANON, frames.kind(f));
        frames.clear(f, Frames.PG_ANON_EXCLUSIVE);
        assertFalse(frames.test(f, Frames.PG_ANON_EXCLUSIVE));
        assertTrue(frames.test(f, Frames.PG_SWAPCACHE));
        assertTrue(frames.isAllocated(f));
    }

    @Test
    void growsAcrossChunksKeepingEveryFrame() {
        int n = (1 << 15) * 2 + 5;
        for (int i = 0; i < n; i++) {
            int f = frames.alloc(PageKind.ANON, i);
            assertEquals(i, f);
            frames.setMap(f, i % 3);
        }
        for (int i = 0; i < n; i += 997) {
            assertEquals(i, frames.content(i));
            assertEquals(i % 3, frames.map(i));
        }
        assertEquals(n, frames.allocated());
    }

    @Test
    void aCopyIsIndependentIncludingSpilledCounts() {
        int f = frames.alloc(PageKind.ANON, 1);
        frames.setRef(f, 1 << 20);
        Frames c = new Frames(4, Integer.MAX_VALUE);
        c.assign(frames);
        c.setRef(f, 2);
        c.setContent(f, 9);
        c.set(f, Frames.PG_ANON_EXCLUSIVE);
        assertEquals(1 << 20, frames.ref(f));
        assertEquals(1, frames.content(f));
        assertFalse(frames.test(f, Frames.PG_ANON_EXCLUSIVE));
        assertEquals(2, c.ref(f));
        c.assign(frames);
        assertEquals(1 << 20, c.ref(f), "a copy made again over its own changes is the original once more");
        assertEquals(1, c.content(f));
        frames.setRef(f, 3);
        assertEquals(1 << 20, c.ref(f), "and independent of it again");
    }
}
