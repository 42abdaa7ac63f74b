package org.mmsim.core.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A region's VMAs: split by munmap and mprotect/madvise of part of it, merged back, copied at fork. */
class VmasTest {
    private final Vmas v = new Vmas(8, Vmas.VM_WRITE);

    @Test
    void punchingTheMiddleLeavesAHole() {
        v.punch(2, 5);
        assertEquals(Vmas.VM_WRITE, v.flagsAt(1));
        assertEquals(-1, v.flagsAt(2));
        assertEquals(-1, v.flagsAt(4));
        assertEquals(Vmas.VM_WRITE, v.flagsAt(5));
        assertEquals(-1, v.flagsAt(8));
        assertEquals(2, v.firstHole(0, 8));
        assertEquals(8, v.firstHole(5, 8));
        assertEquals(3, v.firstHole(3, 8), "a page in the hole is the first hole from there");
        v.punch(0, 8);
        assertTrue(v.isEmpty());
    }

    @Test
    void updateSplitsThenMergesWhenTheFlagsAgreeAgain() {
        int before = v.contentHash();
        v.update(3, 4, Vmas.VM_WRITE, 0);
        assertEquals(Vmas.VM_WRITE, v.flagsAt(2));
        assertEquals(0, v.flagsAt(3));
        assertEquals(Vmas.VM_WRITE, v.flagsAt(4));
        assertNotEquals(before, v.contentHash());
        v.update(3, 4, 0, Vmas.VM_WRITE);
        assertEquals(before, v.contentHash(), "one range again, as before");
    }

    @Test
    void updateSkipsHoles() {
        v.punch(4, 6);
        v.update(0, 8, 0, Vmas.VM_DONTCOPY);
        assertEquals(Vmas.VM_WRITE | Vmas.VM_DONTCOPY, v.flagsAt(0));
        assertEquals(-1, v.flagsAt(4));
        assertEquals(Vmas.VM_WRITE | Vmas.VM_DONTCOPY, v.flagsAt(7));
    }

    @Test
    void forkDropsDontcopyRangesAndCopiesAreIndependent() {
        v.update(0, 2, 0, Vmas.VM_DONTCOPY);
        Vmas child = v.forkCopy();
        assertEquals(-1, child.flagsAt(0));
        assertEquals(Vmas.VM_WRITE, child.flagsAt(2));
        Vmas copy = v.copy();
        copy.punch(0, 8);
        assertTrue(copy.isEmpty());
        assertFalse(v.isEmpty());
        assertEquals(Vmas.VM_WRITE | Vmas.VM_DONTCOPY, v.flagsAt(1));
        Vmas empty = copy.copy();
        assertTrue(empty.isEmpty());
        assertEquals(-1, empty.flagsAt(0));
    }
}
