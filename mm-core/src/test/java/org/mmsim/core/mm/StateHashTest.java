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
}
