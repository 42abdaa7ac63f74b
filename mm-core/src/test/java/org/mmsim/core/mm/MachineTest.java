package org.mmsim.core.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmsim.api.ForkDecision;
import org.mmsim.api.PageKind;
import org.mmsim.api.PinDecision;
import org.mmsim.api.WpDecision;
import org.mmsim.core.testing.KernelUnsharePolicy;

/** The fault, fork, GUP, swap and syscall mechanics of the machine, under a policy whose answers the test sets. */
class MachineTest {
    private final KernelUnsharePolicy policy = KernelUnsharePolicy.stub();
    private final Machine m = new Machine(policy, new FlagRegistry(), Limits.DEFAULT);

    private int pte(String proc, String region, long i) {
        return m.processes.get(proc).regions.get(region).pte(i);
    }

    private int frame(String proc, String region, long i) {
        int pte = pte(proc, region, i);
        assertTrue(Pte.isPresent(pte), "expected a present PTE at " + proc + " " + region + "[" + i + "]");
        return Pte.id(pte);
    }

    private void anon(String proc, String region, long pages) {
        m.spawn(proc);
        assertEquals(Machine.OK, m.mmap(proc, region, null, false, true, pages, 0));
    }

    @Test
    void readOfUntouchedAnonymousMemoryMapsTheZeropageReadOnly() {
        anon("p", "b", 1);
        assertEquals("0", m.read("p", "b", 0));
        assertEquals(m.zeroPage, frame("p", "b", 0));
        assertFalse(Pte.writable(pte("p", "b", 0)));
        assertEquals(1, m.counters.faults);
        assertEquals("0", m.read("p", "b", 0));
        assertEquals(1, m.counters.faults, "a mapped page does not fault again");
    }

    @Test
    void writeToTheZeropageCopiesIntoAnExclusiveWritablePage() {
        anon("p", "b", 1);
        m.read("p", "b", 0);
        assertEquals(Machine.OK, m.write("p", "b", 0, "A"));
        int f = frame("p", "b", 0);
        assertNotEquals(m.zeroPage, f);
        assertTrue(Pte.writable(pte("p", "b", 0)));
        assertTrue(m.frames.test(f, Frames.PG_ANON_EXCLUSIVE));
        assertEquals(1, m.frames.ref(m.zeroPage), "the zeropage mapping was dropped");
        assertEquals(1, m.counters.copies);
    }

    @Test
    void firstWriteAllocatesAFreshPageWithoutCopying() {
        anon("p", "b", 1);
        m.write("p", "b", 0, "A");
        assertEquals(0, m.counters.copies);
        assertEquals(1, m.counters.faults);
        assertEquals("A", m.read("p", "b", 0));
    }

    @Test
    void forkSharesAnonymousPagesWriteProtectedAndClearsExclusive() {
        anon("p", "b", 1);
        m.write("p", "b", 0, "A");
        int f = frame("p", "b", 0);
        m.fork("p", "c");
        assertEquals(f, frame("c", "b", 0));
        assertFalse(Pte.writable(pte("p", "b", 0)));
        assertFalse(Pte.writable(pte("c", "b", 0)));
        assertFalse(m.frames.test(f, Frames.PG_ANON_EXCLUSIVE));
        assertEquals(2, m.frames.map(f));
        assertEquals(2, m.frames.ref(f));
    }

    @Test
    void forkCopyGivesTheChildItsOwnWritablePage() {
        anon("p", "b", 1);
        m.write("p", "b", 0, "A");
        int f = frame("p", "b", 0);
        policy.fork = ForkDecision.COPY;
        m.fork("p", "c");
        int g = frame("c", "b", 0);
        assertNotEquals(f, g);
        assertTrue(Pte.writable(pte("p", "b", 0)), "the parent keeps its writable mapping");
        assertTrue(Pte.writable(pte("c", "b", 0)));
        assertEquals("A", m.read("c", "b", 0));
        assertTrue(m.frames.test(f, Frames.PG_ANON_EXCLUSIVE));
        assertEquals(1, m.counters.copies);
    }

    @Test
    void wpPageCopyLeavesTheOtherProcessOnTheOldPage() {
        anon("p", "b", 1);
        m.write("p", "b", 0, "A");
        int f = frame("p", "b", 0);
        m.fork("p", "c");
        m.write("c", "b", 0, "C");
        assertEquals(f, frame("p", "b", 0));
        assertNotEquals(f, frame("c", "b", 0));
        assertEquals("A", m.read("p", "b", 0));
        assertEquals("C", m.read("c", "b", 0));
        assertEquals(1, m.frames.ref(f));
        // the parent is now the only user: the 5.19 rule reuses the page in place
        m.write("p", "b", 0, "B");
        assertEquals(f, frame("p", "b", 0));
        assertEquals(1, m.counters.reuses);
    }

    @Test
    void wpPageReuseDecidedByThePolicyWritesInPlaceEvenIfShared() {
        anon("p", "b", 1);
        m.write("p", "b", 0, "A");
        m.fork("p", "c");
        policy.wp = WpDecision.REUSE;
        m.write("p", "b", 0, "B");
        assertEquals("B", m.read("c", "b", 0), "a reuse of a shared page leaks into the child");
    }

    @Test
    void writeToReadOnlyMappingOrHoleIsSegv() {
        m.spawn("p");
        m.mmap("p", "ro", null, false, false, 1, 0);
        assertEquals(Machine.SEGV, m.write("p", "ro", 0, "X"));
        assertEquals("0", m.read("p", "ro", 0));
        anon("q", "b", 2);
        m.write("q", "b", 1, "B");
        m.munmap("q", "b", 0);
        assertEquals(Machine.SEGV, m.read("q", "b", 0));
        assertEquals(Machine.SEGV, m.write("q", "b", 0, "C"));
        assertEquals("B", m.read("q", "b", 1));
        assertEquals(Machine.SEGV, m.read("q", "nosuch", 0));
        assertEquals(Machine.FAIL, m.mprotect("q", "nosuch", true));
    }

    @Test
    void privateFileMappingSeesThePageCacheUntilItWrites() {
        m.file("f", 2, "F0");
        m.spawn("p");
        m.mmap("p", "m", "f", false, true, 2, 0);
        m.mmap("p", "s", "f", true, true, 1, 1);
        assertEquals("F0", m.read("p", "m", 0));
        m.fwrite("f", 0, "F1");
        assertEquals("F1", m.read("p", "m", 0));
        m.write("p", "m", 0, "P");
        assertEquals(PageKind.ANON, m.frames.kind(frame("p", "m", 0)));
        m.fwrite("f", 0, "F2");
        assertEquals("P", m.read("p", "m", 0));
        m.write("p", "s", 0, "S");
        assertEquals("S", m.read("p", "m", 1), "the shared mapping wrote the page cache");
        assertEquals(Machine.OK, m.madvise("p", "m", "dontneed"));
        assertEquals("F2", m.read("p", "m", 0));
    }

    @Test
    void sharedAnonymousMemoryStaysSharedAcrossFork() {
        m.spawn("p");
        m.mmap("p", "b", null, true, true, 1, 0);
        m.write("p", "b", 0, "A");
        m.fork("p", "c");
        m.write("c", "b", 0, "C");
        assertEquals("C", m.read("p", "b", 0));
    }

    @Test
    void vmspliceOfUnwrittenPageHoldsTheZeropage() {
        anon("p", "b", 1);
        assertEquals(Machine.OK, m.gup("p", "b", 0, false, false, false, false, "h"));
        assertEquals(m.zeroPage, m.liveHandles.get("h").frame);
        m.write("p", "b", 0, "A");
        assertEquals("0", m.peek("h"));
    }

    @Test
    void readOnlyPinOfASharedPageUnsharesFirstWhenThePolicySaysSo() {
        anon("p", "b", 1);
        m.write("p", "b", 0, "A");
        m.fork("p", "c");
        int shared = frame("p", "b", 0);
        assertEquals(Machine.OK, m.gup("p", "b", 0, true, false, true, false, "h"));
        int pinned = m.liveHandles.get("h").frame;
        assertEquals(pinned, frame("p", "b", 0));
        assertNotEquals(shared, pinned, "two mappers: the unshare fault copied");
        assertFalse(Pte.writable(pte("p", "b", 0)), "an unshare never maps writable");
        assertTrue(m.frames.test(pinned, Frames.PG_ANON_EXCLUSIVE));
        assertEquals(1, m.counters.unshares);
        assertEquals(1024 + 1, m.frames.ref(pinned));
        m.write("p", "b", 0, "B");
        assertEquals("B", m.peek("h"), "the write reused the exclusive page");
    }

    @Test
    void refusedPinFailsAndCreatesNoHandle() {
        anon("p", "b", 1);
        m.write("p", "b", 0, "A");
        m.fork("p", "c");
        policy.pin = PinDecision.refuse();
        assertEquals(Machine.FAIL, m.gup("p", "b", 0, true, false, true, false, "h"));
        assertEquals(1, m.counters.pinFailures);
        assertEquals(Machine.FAIL, m.peek("h"));
        assertEquals(Machine.FAIL, m.release("h"));
    }

    @Test
    void writablePinBreaksCowFirst() {
        anon("p", "b", 1);
        m.write("p", "b", 0, "A");
        m.fork("p", "c");
        assertEquals(Machine.OK, m.gup("p", "b", 0, true, true, true, false, "r"));
        assertTrue(Pte.writable(pte("p", "b", 0)));
        assertEquals(Machine.OK, m.poke("r", "D"));
        assertEquals("D", m.read("p", "b", 0));
        assertEquals("A", m.read("c", "b", 0));
    }

    @Test
    void pokeNeedsAWritableHandle() {
        anon("p", "b", 1);
        m.write("p", "b", 0, "A");
        m.gup("p", "b", 0, false, false, false, false, "v");
        assertEquals(Machine.FAIL, m.poke("v", "X"));
    }

    @Test
    void pageoutAndSwapInKeepContentAndExclusivity() {
        anon("p", "b", 1);
        m.write("p", "b", 0, "A");
        assertEquals(Machine.OK, m.madvise("p", "b", "pageout"));
        int pte = pte("p", "b", 0);
        assertTrue(Pte.isSwap(pte));
        assertTrue(Pte.swapExclusive(pte));
        assertEquals(1, m.frames.allocated(), "only the zeropage is left in memory");
        assertEquals("A", m.read("p", "b", 0));
        int f = frame("p", "b", 0);
        assertTrue(m.frames.test(f, Frames.PG_ANON_EXCLUSIVE), "restored from the swap PTE");
        m.write("p", "b", 0, "B");
        assertEquals(f, frame("p", "b", 0), "an exclusive page is reused after swap-in");
        m.exit("p");
        assertEquals(0, m.swap.inUse(), "the swap cache let go of the page with its last mapping");
        assertEquals(1, m.frames.allocated());
    }

    @Test
    void forkOfASwapEntryClearsTheExclusiveBitInBoth() {
        anon("p", "b", 1);
        m.write("p", "b", 0, "A");
        m.madvise("p", "b", "pageout");
        m.fork("p", "c");
        assertFalse(Pte.swapExclusive(pte("p", "b", 0)));
        assertFalse(Pte.swapExclusive(pte("c", "b", 0)));
        int s = Pte.id(pte("p", "b", 0));
        assertEquals(2, m.swap.count[s]);
        m.write("c", "b", 0, "C");
        assertEquals("A", m.read("p", "b", 0));
        m.exit("c");
        m.exit("p");
        assertEquals(0, m.swap.inUse());
        assertEquals(1, m.frames.allocated());
    }

    @Test
    void pinnedPageStaysInSwapCacheWhenThePolicyLetsItGo() {
        anon("p", "b", 1);
        m.write("p", "b", 0, "A");
        m.gup("p", "b", 0, true, true, true, false, "r");
        policy.pageOut = true;
        m.madvise("p", "b", "pageout");
        int f = m.liveHandles.get("r").frame;
        assertTrue(m.frames.test(f, Frames.PG_SWAPCACHE));
        assertEquals("A", m.read("p", "b", 0));
        assertEquals(f, frame("p", "b", 0), "swap-in finds the frame in the swap cache");
    }

    @Test
    void pageoutSkipsPagesMappedTwice() {
        anon("p", "b", 1);
        m.write("p", "b", 0, "A");
        m.fork("p", "c");
        m.madvise("p", "b", "pageout");
        assertTrue(Pte.isPresent(pte("p", "b", 0)));
    }

    @Test
    void mprotectStopsAtTheFirstHoleAndMadviseActsOnEveryMappedPage() {
        anon("p", "b", 3);
        m.write("p", "b", 0, "A");
        m.write("p", "b", 2, "C");
        m.munmap("p", "b", 1);
        assertEquals(Machine.OK, m.munmap("p", "b", 1));
        assertEquals(Machine.FAIL, m.mprotect("p", "b", false));
        assertEquals(Machine.SEGV, m.write("p", "b", 0, "X"));
        assertEquals(Machine.OK, m.write("p", "b", 2, "Y"));
        assertEquals(Machine.FAIL, m.madvise("p", "b", "dontneed"));
        assertEquals("0", m.read("p", "b", 2));
    }

    @Test
    void mprotectWritableMapsExclusivePagesAtOnceOnlyIfThePolicyAllows() {
        anon("p", "b", 1);
        m.write("p", "b", 0, "A");
        m.mprotect("p", "b", false);
        m.mprotect("p", "b", true);
        assertTrue(Pte.writable(pte("p", "b", 0)));
        anon("q", "b", 1);
        m.write("q", "b", 0, "A");
        policy.mkwrite = false;
        m.mprotect("q", "b", false);
        m.mprotect("q", "b", true);
        assertFalse(Pte.writable(pte("q", "b", 0)));
    }

    @Test
    void dontforkLeavesAHoleInTheChild() {
        anon("p", "b", 1);
        m.write("p", "b", 0, "A");
        m.madvise("p", "b", "dontfork");
        m.fork("p", "c");
        assertEquals(Machine.SEGV, m.read("c", "b", 0));
        m.madvise("p", "b", "dofork");
        m.fork("p", "d");
        assertEquals("A", m.read("d", "b", 0));
    }

    @Test
    void statementsOnAnExitedProcessFailAndHandlesOutliveIt() {
        anon("p", "b", 1);
        m.write("p", "b", 0, "A");
        m.gup("p", "b", 0, true, true, true, false, "r");
        assertEquals(Machine.OK, m.exit("p"));
        assertEquals(Machine.FAIL, m.read("p", "b", 0));
        assertEquals(Machine.FAIL, m.exit("p"));
        assertEquals("A", m.peek("r"));
        assertEquals(Machine.OK, m.release("r"));
        assertEquals(Machine.FAIL, m.release("r"));
        assertEquals(1, m.frames.allocated());
    }

    @Test
    void mappingLargerThanTheAddressSpaceFailsAndAHugeSparseMappingIsCheap() {
        m.spawn("p");
        assertEquals(Machine.FAIL, m.mmap("p", "big", null, false, true, Limits.ADDRESS_SPACE_PAGES + 1, 0));
        assertEquals(Machine.OK, m.mmap("p", "huge", null, false, true, Limits.ADDRESS_SPACE_PAGES, 0));
        m.write("p", "huge", Limits.ADDRESS_SPACE_PAGES - 1, "end");
        assertEquals("end", m.read("p", "huge", Limits.ADDRESS_SPACE_PAGES - 1));
        assertEquals(Machine.FAIL, m.mmap("p", "more", null, false, true, 1, 0), "the address space is full");
        m.exit("p");
        assertEquals(1, m.frames.allocated());
    }

    @Test
    void shmemPagesAreFreedWithTheirLastMapping() {
        m.spawn("p");
        m.mmap("p", "s", null, true, true, 2, 0);
        m.write("p", "s", 0, "A");
        m.fork("p", "c");
        m.exit("p");
        assertEquals("A", m.read("c", "s", 0));
        m.exit("c");
        assertEquals(1, m.frames.allocated());
    }

    @Test
    void withoutProvenanceStoresKeepTheirValueButNoHistory() {
        m.setProvenance(false);
        anon("p", "b", 2);
        m.write("p", "b", 0, "A");
        int stamps = m.stamps.next();
        m.fork("p", "c");
        m.write("c", "b", 0, "A");
        m.write("p", "b", 1, "A");
        assertEquals(stamps, m.stamps.next(), "an equal value needs no new stamp");
        assertEquals("A", m.read("c", "b", 0));
        assertEquals(-1, m.processes.get("p").regions.get("b").expected.nextNonZero(0), "no lost-write history");
        m.write("p", "b", 0, "B");
        assertEquals("B", m.read("p", "b", 0));
        assertEquals("A", m.read("c", "b", 0));
    }
}
