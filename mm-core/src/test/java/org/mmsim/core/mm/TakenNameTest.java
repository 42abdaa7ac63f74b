package org.mmsim.core.mm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mmsim.core.testing.KernelUnsharePolicy;

/**
 * A new mapping (mmap, mremap's target) under a name the process still maps: the parser freed the
 * name at an munmap or mremap of the whole region that failed at run time. As on the kernel, the new
 * mapping takes the name and the old one stays mapped, nameless: fork copies it, exit tears it down,
 * and every invariant holds after each step, with no leak at the end.
 */
class TakenNameTest {
    private final Machine m = new Machine(KernelUnsharePolicy.stub(), new FlagRegistry(), Limits.DEFAULT);

    private String step(String outcome) {
        assertEquals(List.of(), new Invariants(m).check(), "invariants after a step with outcome " + outcome);
        return outcome;
    }

    private String[] regions(String proc) {
        return m.processes.get(proc).regions.names();
    }

    /** p maps a (2 pages), writes "old" to a[1], unmaps a[0], then fails to mremap all of a away. */
    private void aStillMappedAfterAFailedMremap() {
        m.spawn("p");
        step(m.mmap("p", "a", null, false, true, 2, 0));
        step(m.write("p", "a", 1, "old"));
        step(m.munmap("p", "a", 0));
        // remap_move(): "No gap permitted at the start of the range" (EFAULT)
        assertEquals(Machine.FAIL, step(m.mremap("p", "a", 0, 1, "m")));
    }

    @AfterEach
    void nothingLeaks() {
        m.teardown();
        assertEquals(List.of(), new Invariants(m).check());
        assertEquals(List.of(), new Invariants(m).checkLeak());
    }

    @Test
    void mmapOfANameStillMappedTakesItAndTheOldMappingStaysNameless() {
        aStillMappedAfterAFailedMremap();
        assertEquals(Machine.OK, step(m.mmap("p", "a", null, false, true, 3, 0)));
        assertEquals("0", step(m.read("p", "a", 1)), "the new mapping");
        assertEquals("0", step(m.read("p", "a", 2)));
        assertArrayEquals(new String[] {"a'", "a"}, regions("p"), "the old mapping keeps its place");
        Region old = m.processes.get("p").regions.get("a'");
        assertEquals("a'", old.name);
        assertEquals("old", m.stamps.value(m.frames.content(Pte.id(old.pte(1)))), "still mapped");
        // a third mapping under the name: each older one keeps a name of its own
        assertEquals(Machine.OK, step(m.munmap("p", "a", -1)));
        assertArrayEquals(new String[] {"a'"}, regions("p"), "munmap of a leaves the nameless mapping alone");
        step(m.mmap("p", "a", null, false, true, 1, 0));
        step(m.write("p", "a", 0, "new"));
        step(m.mmap("p", "a", null, false, true, 1, 0));
        assertArrayEquals(new String[] {"a'", "a''", "a"}, regions("p"));
        assertEquals("0", m.read("p", "a", 0));
    }

    @Test
    void forkCopiesTheNamelessMappingAndExitTearsItDown() {
        aStillMappedAfterAFailedMremap();
        step(m.mmap("p", "a", null, false, true, 2, 0));
        step(m.write("p", "a", 1, "new"));
        assertEquals(Machine.OK, step(m.fork("p", "c")));
        assertArrayEquals(new String[] {"a'", "a"}, regions("c"));
        Region parents = m.processes.get("p").regions.get("a'");
        Region childs = m.processes.get("c").regions.get("a'");
        assertEquals(Pte.id(parents.pte(1)), Pte.id(childs.pte(1)), "the old page is shared write-protected");
        assertEquals(2, m.frames.ref(Pte.id(childs.pte(1))));
        assertEquals("new", step(m.read("c", "a", 1)));
        assertEquals(Machine.OK, step(m.exit("c")));
        assertEquals(1, m.frames.ref(Pte.id(parents.pte(1))), "the child's copy went with it");
    }

    @Test
    void mremapToANameStillMappedTakesItToo() {
        aStillMappedAfterAFailedMremap();
        step(m.mmap("p", "b", null, false, true, 1, 0));
        step(m.write("p", "b", 0, "B"));
        assertEquals(Machine.OK, step(m.mremap("p", "b", 0, 0, "a")));
        assertEquals("B", step(m.read("p", "a", 0)));
        assertNull(m.processes.get("p").regions.get("b"), "b moved away whole");
        assertArrayEquals(new String[] {"a'", "a"}, regions("p"));
    }

    @Test
    void mremapOfTheRestOfARegionToItsOwnNameDropsTheNamelessHusk() {
        aStillMappedAfterAFailedMremap();
        assertEquals(Machine.OK, step(m.mremap("p", "a", 1, 1, "a")));
        assertEquals("old", step(m.read("p", "a", 0)));
        assertArrayEquals(new String[] {"a"}, regions("p"), "nothing of the old a is left to keep");
    }

    @Test
    void aFailedMmapLeavesTheNameWhereItWas() {
        aStillMappedAfterAFailedMremap();
        assertEquals(Machine.FAIL, step(m.mmap("p", "a", null, false, true, Limits.ADDRESS_SPACE_PAGES, 0)));
        assertEquals("old", m.read("p", "a", 1));
        assertArrayEquals(new String[] {"a"}, regions("p"));
    }

    /**
     * unmap_ref_private() finds the child's copy of the owner's hugetlb mapping by what it is, not by
     * its name: here the child gave the name to a new mapping after fork.
     */
    @Test
    void theHugetlbOwnerTakesItsPageBackFromAChildWhoseCopyLostItsName() {
        m.spawn("p");
        step(m.hugetlbPool(512, 1));
        assertEquals(Machine.OK, step(m.mmapHugetlb("p", "h", false, true, 512, 512)));
        step(m.write("p", "h", 0, "A"));
        step(m.fork("p", "c"));
        assertEquals(Machine.OK, step(m.mmap("c", "h", null, false, true, 1, 0)));
        assertEquals(Machine.OK, step(m.write("p", "h", 0, "B")), "no free page: the child's is taken back");
        assertEquals("B", m.read("p", "h", 0));
        Region husk = m.processes.get("c").regions.get("h'");
        assertEquals(Pte.NONE, husk.pte(0));
        assertTrue(husk.hugetlbUnmapped, "a fault there is SIGBUS from now on");
        assertEquals("0", step(m.read("c", "h", 0)), "the child's new mapping is its own");
    }
}
