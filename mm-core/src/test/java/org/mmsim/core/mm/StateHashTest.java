package org.mmsim.core.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmsim.core.testing.KernelUnsharePolicy;

/** What the state hash covers: every fact of every frame and slot the machine can still reach. */
class StateHashTest {
    /**
     * A page swapped out, inherited as a swap entry by a child, then swapped in and unmapped by the
     * parent stays in the swap cache for the child's swap entry: nothing maps the frame, so the walk meets it only through the slot.
     */
    @Test
    void aFrameOnlyTheSwapCacheHoldsIsHashedWithItsFacts() {
        Machine m = new Machine(KernelUnsharePolicy.stub(), new FlagRegistry(), Limits.DEFAULT);
        m.spawn("p0");
        m.mmap("p0", "buf", null, false, true, 2, 0);
        m.write("p0", "buf", 0, "A");
        m.madvise("p0", "buf", "pageout");
        m.fork("p0", "p1");
        m.read("p0", "buf", 0);
        m.munmap("p0", "buf", 0, 0);
        int slot = Pte.id(m.live("p1").regions.get("buf").pte(0));
        assertTrue(Pte.isSwap(m.live("p1").regions.get("buf").pte(0)), "p1 still has its swap entry");
        int f = m.swap.cacheFrame[slot];
        assertTrue(f >= 0 && m.frames.map(f) == 0, "the swap cache alone holds frame " + f);

        Machine other = m.copy();
        assertEquals(m.canonicalHash(true), other.canonicalHash(true));
        other.frames.set(f, Frames.PG_DIRTY);
        assertNotEquals(m.stateHash(), other.stateHash(), "the exact hash sees the frame's flags");
        assertNotEquals(m.canonicalHash(true), other.canonicalHash(true), "the canonical hash too");
    }

    private static Machine writing(int... pages) {
        Machine m = new Machine(KernelUnsharePolicy.stub(), new FlagRegistry(), Limits.DEFAULT);
        m.spawn("p0");
        m.mmap("p0", "buf", null, false, true, 3, 0);
        for (int i : pages) {
            m.write("p0", "buf", i, "A");
        }
        return m;
    }

    /**
     * The canonical hash sums one page order when the pages tell a machine from its mirror image: the
     * forward order for one and the reversed for its mirror, the same class hash; both orders (and
     * orientation 0) only for a machine that is its own mirror image.
     */
    @Test
    void aMachineAndItsMirrorImageSumOppositeOrdersToOneHash() {
        StateHash h = new StateHash();
        Machine first = writing(0);
        Machine last = writing(2);
        long a = h.canonical(first, true);
        int aWay = h.orientation();
        long b = h.canonical(last, true);
        int bWay = h.orientation();
        assertEquals(a, b, "page 0 written and page 2 written are mirror images");
        assertTrue(aWay != 0 && bWay == -aWay, "one sums forward, the other reversed: " + aWay + ", " + bWay);
        assertNotEquals(first.stateHash(), last.stateHash(), "the exact hash tells them apart");

        long ends = h.canonical(writing(0, 2), true);
        assertEquals(0, h.orientation(), "pages 0 and 2 written: its own mirror image");
        long middle = h.canonical(writing(1), true);
        assertEquals(0, h.orientation(), "page 1 of 3 written: its own mirror image");
        long two = h.canonical(writing(0, 1), true);
        assertNotEquals(0, h.orientation());
        assertEquals(two, h.canonical(writing(1, 2), true));
        assertEquals(4, java.util.Set.of(a, ends, middle, two).size(), "different classes, different hashes");
        assertEquals(h.canonical(first, false), h.canonical(first.copy(), false));
        assertNotEquals(h.canonical(first, false), h.canonical(last, false), "without page symmetry, no mirror image");
    }
}
