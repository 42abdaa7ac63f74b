package org.mmsim.core.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mmsim.api.KernelRelease;
import org.mmsim.core.testing.KernelUnsharePolicy;

/**
 * The large-folio mechanics (large-folios.md): THP and mTHP faults, the huge zeropage, PMD splits,
 * fork, pins, pageout, collapse, mremap and hugetlb, with every invariant checked after each step
 * and no leak at the end.
 */
class LargeFolioTest {
    private final KernelUnsharePolicy policy = KernelUnsharePolicy.stub();
    private Machine m = new Machine(policy, new FlagRegistry(), Limits.DEFAULT);

    private Machine machine(int major, int minor) {
        policy.kernel = KernelRelease.of(major, minor);
        m = new Machine(policy, new FlagRegistry(), Limits.DEFAULT);
        return m;
    }

    /** Runs a statement's outcome through every invariant. */
    private String step(String outcome) {
        List<Violation> v = new Invariants(m).check();
        assertEquals(List.of(), v, "invariants after a step with outcome " + outcome);
        return outcome;
    }

    private void thpRegion(String proc, String region, long pages) {
        if (m.processes.get(proc) == null) {
            m.spawn(proc);
        }
        assertEquals(Machine.OK, step(m.mmap(proc, region, null, false, true, pages, 0)));
        assertEquals(Machine.OK, step(m.madvise(proc, region, "hugepage")));
    }

    private Folios.Folio folioAt(String proc, String region, long i) {
        return m.folio(Pte.id(m.processes.get(proc).regions.get(region).pte(i)));
    }

    @AfterEach
    void nothingLeaks() {
        m.teardown();
        assertEquals(List.of(), new Invariants(m).check());
        assertEquals(List.of(), new Invariants(m).checkLeak());
    }

    @Test
    void aWriteInAHugepageRangeMapsAWholeExclusiveThpByOnePmd() {
        thpRegion("p", "b", 512);
        assertEquals(Machine.OK, step(m.write("p", "b", 3, "A")));
        assertEquals("2M:pmd", m.folio("p", "b", 0));
        assertEquals("2M:pmd", m.folio("p", "b", 511));
        Folios.Folio f = folioAt("p", "b", 3);
        assertEquals(1, m.frames.ref(f.head));
        assertEquals(1, f.entireMap);
        assertEquals("A", m.read("p", "b", 3));
        assertEquals("0", m.read("p", "b", 4));
        assertEquals(1, m.counters.faults, "one fault maps all 512 pages");
    }

    @Test
    void withoutMadviseTheDefaultSettingsGiveBasePages() {
        m.spawn("p");
        m.mmap("p", "b", null, false, true, 512, 0);
        step(m.write("p", "b", 0, "A"));
        assertEquals("4K:pte", m.folio("p", "b", 0));
        assertEquals("none", m.folio("p", "b", 1));
    }

    @Test
    void aReadMapsTheHugeZeropageAndAWriteSplitsItBefore613() {
        thpRegion("p", "b", 512);
        assertEquals("0", step(m.read("p", "b", 7)));
        assertEquals("hugezero", m.folio("p", "b", 0));
        assertEquals(Machine.OK, step(m.write("p", "b", 7, "A")));
        assertEquals("4K:pte", m.folio("p", "b", 7));
        assertEquals("zero", m.folio("p", "b", 8), "the split left 4 KiB zeropage PTEs");
    }

    @Test
    void from613AWriteToTheHugeZeropageAllocatesAThp() {
        machine(6, 13);
        thpRegion("p", "b", 512);
        step(m.read("p", "b", 7));
        step(m.write("p", "b", 7, "A"));
        assertEquals("2M:pmd", m.folio("p", "b", 8));
        assertEquals("A", m.read("p", "b", 7));
    }

    @Test
    void mthpSizesNeed68AndAnAlignedFreeRange() {
        machine(6, 8);
        m.spawn("p");
        m.mmap("p", "b", null, false, true, 40, 0);
        step(m.thp(16, "always"));
        step(m.write("p", "b", 17, "A"));
        assertEquals("64K:pte", m.folio("p", "b", 16));
        assertEquals("64K:pte", m.folio("p", "b", 31));
        assertEquals("none", m.folio("p", "b", 32));
        assertEquals(16, m.frames.ref(folioAt("p", "b", 16).head), "one reference per PTE");
        step(m.write("p", "b", 33, "B"));
        assertEquals("4K:pte", m.folio("p", "b", 33), "pages 32..47 do not fit in 40 pages");
    }

    @Test
    void munmapOfOnePageSplitsThePmdAndTheFolioStaysWhole() {
        thpRegion("p", "b", 512);
        step(m.write("p", "b", 0, "A"));
        assertEquals(Machine.OK, step(m.munmap("p", "b", 5, 5)));
        assertEquals("2M:pte", m.folio("p", "b", 4));
        assertEquals("none", m.folio("p", "b", 5));
        Folios.Folio f = folioAt("p", "b", 4);
        assertEquals(511, m.frames.ref(f.head));
        assertEquals(0, f.entireMap);
        assertEquals("A", m.read("p", "b", 0));
    }

    @Test
    void forkSharesThePmdAndAWriteCopiesOnlyTheFaultingPage() {
        thpRegion("p", "b", 512);
        step(m.write("p", "b", 0, "A"));
        assertEquals(Machine.OK, step(m.fork("p", "c")));
        assertEquals("2M:pmd", m.folio("c", "b", 0));
        assertEquals("yes", m.same("p", "b", 1, "c", "b", 1));
        Folios.Folio f = folioAt("p", "b", 0);
        assertEquals(2, f.entireMap);
        assertFalse(m.frames.test(f.head, Frames.PG_ANON_EXCLUSIVE));
        assertEquals(Machine.OK, step(m.write("p", "b", 0, "B")));
        assertEquals("4K:pte", m.folio("p", "b", 0));
        assertEquals("2M:pte", m.folio("p", "b", 1), "the parent's PMD was split");
        assertEquals("2M:pmd", m.folio("c", "b", 1), "the child's PMD stays");
        assertEquals("no", m.same("p", "b", 0, "c", "b", 0));
        assertEquals("yes", m.same("p", "b", 1, "c", "b", 1));
        assertEquals("A", m.read("c", "b", 0));
    }

    @Test
    void anExclusivePmdIsReusedWhole() {
        thpRegion("p", "b", 512);
        step(m.write("p", "b", 0, "A"));
        step(m.fork("p", "c"));
        step(m.exit("c"));
        step(m.write("p", "b", 0, "B"));
        assertEquals("2M:pmd", m.folio("p", "b", 0), "refcount 1: reused");
        assertEquals(1, m.counters.reuses);
    }

    @Test
    void aPinOnALargeFolioCountsInItsPinCount() {
        thpRegion("p", "b", 512);
        step(m.write("p", "b", 0, "A"));
        assertEquals(Machine.OK, step(m.gup("p", "b", 2, true, true, true, false, "h")));
        Folios.Folio f = folioAt("p", "b", 2);
        assertEquals(1, f.pins);
        assertEquals(2, m.frames.ref(f.head));
        assertTrue(m.maybeDmaPinned(f.head + 9), "any page of a pinned folio may be pinned");
        step(m.fork("p", "c"));
        assertEquals("4K:pte", m.folio("c", "b", 2), "a maybe-pinned exclusive THP is copied per page at fork");
        assertEquals("2M:pte", m.folio("p", "b", 2));
        assertEquals(Machine.OK, step(m.release("h")));
        assertEquals(0, f.pins);
    }

    @Test
    void pageoutSplitsAnUnpinnedFolioIntoBasePagesOnTheirWayToSwap() {
        thpRegion("p", "b", 512);
        step(m.write("p", "b", 0, "A"));
        assertEquals(Machine.OK, step(m.madvise("p", "b", "pageout")));
        assertEquals("swap", m.folio("p", "b", 0));
        assertEquals("swap", m.folio("p", "b", 300));
        assertEquals("A", step(m.read("p", "b", 0)));
        assertEquals("4K:pte", m.folio("p", "b", 0), "swap-in brings back 4 KiB pages");
    }

    @Test
    void aPinnedFolioStaysThroughPageout() {
        thpRegion("p", "b", 512);
        step(m.write("p", "b", 0, "A"));
        step(m.gup("p", "b", 0, true, false, false, false, "h"));
        step(m.madvise("p", "b", "pageout"));
        assertEquals("2M:pte", m.folio("p", "b", 0));
    }

    @Test
    void collapseCopiesBasePagesIntoAPmdMappedThp() {
        machine(6, 18);
        m.spawn("p");
        m.mmap("p", "b", null, false, true, 512, 0);
        step(m.write("p", "b", 0, "A"));
        step(m.write("p", "b", 100, "B"));
        step(m.read("p", "b", 200));
        assertEquals(Machine.OK, step(m.madvise("p", "b", -1, -1, "collapse")));
        assertEquals("2M:pmd", m.folio("p", "b", 0));
        assertEquals("A", m.read("p", "b", 0));
        assertEquals("B", m.read("p", "b", 100));
        assertEquals("0", m.read("p", "b", 300));
    }

    @Test
    void collapseFailsOnAPinnedPageAndBefore61() {
        machine(6, 18);
        m.spawn("p");
        m.mmap("p", "b", null, false, true, 512, 0);
        step(m.write("p", "b", 0, "A"));
        step(m.gup("p", "b", 0, true, false, false, false, "h"));
        assertEquals(Machine.FAIL, step(m.madvise("p", "b", -1, -1, "collapse")));
        assertEquals("4K:pte", m.folio("p", "b", 0));
        machine(5, 19);
        m.spawn("p");
        m.mmap("p", "b", null, false, true, 512, 0);
        step(m.write("p", "b", 0, "A"));
        assertEquals(Machine.FAIL, step(m.madvise("p", "b", -1, -1, "collapse")));
    }

    @Test
    void mremapMovesPagesWithTheirFoliosMappedByPtes() {
        thpRegion("p", "b", 512);
        step(m.write("p", "b", 10, "A"));
        step(m.gup("p", "b", 10, true, false, true, false, "h"));
        assertEquals(Machine.OK, step(m.mremap("p", "b", 10, 11, "r")));
        assertEquals("2M:pte", m.folio("p", "r", 0));
        assertEquals("A", m.read("p", "r", 0));
        assertEquals("none", m.folio("p", "b", 10));
        assertEquals("2M:pte", m.folio("p", "b", 9));
        step(m.release("h"));
    }

    @Test
    void hugetlbReservesAtMmapAndAChildCowWithoutAFreePageIsSigbus() {
        m.spawn("p");
        assertEquals(Machine.FAIL, step(m.mmapHugetlb("p", "h", false, true, 512, 512)), "empty pool");
        step(m.hugetlbPool(512, 1));
        assertEquals(Machine.FAIL, step(m.mmapHugetlb("p", "h", false, true, 1024, 512)), "two pages needed");
        assertEquals(Machine.OK, step(m.mmapHugetlb("p", "h", false, true, 512, 512)));
        step(m.write("p", "h", 3, "A"));
        assertEquals("2M:hugetlb", m.folio("p", "h", 100));
        step(m.fork("p", "c"));
        assertEquals("A", m.read("c", "h", 3));
        assertEquals(Machine.SIGBUS, step(m.write("c", "h", 3, "B")));
        step(m.hugetlbPool(512, 2));
        assertEquals(Machine.OK, step(m.write("c", "h", 3, "B")));
        assertEquals("no", m.same("p", "h", 3, "c", "h", 3));
        assertEquals("A", m.read("p", "h", 3));
        assertEquals(Machine.FAIL, step(m.munmap("p", "h", 0, 10)), "not on a huge page boundary");
    }

    @Test
    void sharedHugetlbIsOneObjectAcrossFork() {
        m.spawn("p");
        step(m.hugetlbPool(512, 1));
        step(m.mmapHugetlb("p", "h", true, true, 512, 512));
        step(m.fork("p", "c"));
        step(m.write("c", "h", 0, "A"));
        assertEquals("A", step(m.read("p", "h", 0)));
        assertEquals("yes", m.same("p", "h", 0, "c", "h", 0));
    }
}
