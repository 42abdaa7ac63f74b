package org.mmsim.core.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmsim.api.KernelRelease;
import org.mmsim.api.WpDecision;
import org.mmsim.core.testing.KernelUnsharePolicy;

/**
 * Where the machine follows the kernel beyond the policy's answers: dirty state and the reclaim of
 * page-cache and shmem pages, mprotect(), and the mechanics that changed with the kernel release
 * ({@link org.mmsim.api.Policy#kernel()}): do_swap_page() in 5.19 and 6.11, long-term R/W pins of
 * file mappings in 6.5.
 */
class KernelEraTest {
    private final KernelUnsharePolicy policy = KernelUnsharePolicy.stub();
    private final Machine m = new Machine(policy, new FlagRegistry(), Limits.DEFAULT);

    private int pte(String proc, String region, long i) {
        return m.processes.get(proc).regions.get(region).pte(i);
    }

    private void on(int major, int minor) {
        policy.kernel = KernelRelease.of(major, minor);
    }

    private void shmem() {
        m.spawn("p");
        m.mmap("p", "s", null, true, true, 1, 0);
    }

    private void sharedFile(long pages) {
        m.spawn("p");
        m.file("f", pages, "F");
        m.mmap("p", "m", "f", true, true, pages, 0);
    }

    // ---- dirty state and the reclaim of page-cache and shmem pages

    @Test
    void aDeviceWriteIntoACleanShmemPageIsLostWhenReclaimDropsThePage() {
        shmem();
        m.read("p", "s", 0); // shmem: mapped writable, clean
        assertTrue(Pte.writable(pte("p", "s", 0)), "shared memory needs no write notification");
        assertEquals(Machine.OK, m.gup("p", "s", 0, true, true, true, false, "h")); // io_uring: no fault
        m.poke("h", "DEV");
        m.release("h"); // unpin_user_page(): not dirtied
        m.madvise("p", "s", "pageout");
        assertEquals(Pte.NONE, pte("p", "s", 0));
        assertEquals("0", m.read("p", "s", 0), "a clean page is dropped, not written out (Linux 6.18)");
    }

    @Test
    void aDirtyShmemPageIsWrittenOutAndReadBack() {
        shmem();
        m.write("p", "s", 0, "A");
        m.gup("p", "s", 0, true, true, true, false, "h");
        m.poke("h", "DEV");
        m.release("h");
        m.madvise("p", "s", "pageout");
        assertEquals(Pte.NONE, pte("p", "s", 0));
        assertEquals("DEV", m.read("p", "s", 0), "the page was dirty: written out with what the device wrote");
    }

    @Test
    void aCleanFilePageIsDroppedAndReadAgainFromTheFile() {
        sharedFile(1);
        m.read("p", "m", 0);
        int before = Pte.id(pte("p", "m", 0));
        m.madvise("p", "m", "pageout");
        assertFalse(m.frames.isAllocated(before), "clean and held by nobody else: dropped");
        long faults = m.counters.faults;
        assertEquals("F", m.read("p", "m", 0));
        assertEquals(faults + 1, m.counters.faults);
        assertNotEquals(before, Pte.id(pte("p", "m", 0)));
    }

    @Test
    void aDirtyFilePageStaysInThePageCacheUnmapped() {
        sharedFile(1);
        m.write("p", "m", 0, "W");
        int page = Pte.id(pte("p", "m", 0));
        assertTrue(m.frames.test(page, Frames.PG_DIRTY), "do_shared_fault() dirties the page");
        m.madvise("p", "m", "pageout");
        assertEquals(Pte.NONE, pte("p", "m", 0), "unmapped by try_to_unmap()");
        assertTrue(m.frames.isAllocated(page), "MADV_PAGEOUT does not write back file pages");
        assertEquals("W", m.read("p", "m", 0));
        assertEquals(page, Pte.id(pte("p", "m", 0)));
    }

    @Test
    void fwriteDirtiesThePageCachePage() {
        sharedFile(1);
        m.read("p", "m", 0);
        int page = Pte.id(pte("p", "m", 0));
        assertFalse(m.frames.test(page, Frames.PG_DIRTY));
        m.fwrite("f", 0, "X");
        assertTrue(m.frames.test(page, Frames.PG_DIRTY));
        m.madvise("p", "m", "pageout");
        assertTrue(m.frames.isAllocated(page), "a dirty page is not dropped");
    }

    @Test
    void aPinnedCleanPageStaysInThePageCache() {
        sharedFile(1);
        m.read("p", "m", 0);
        int page = Pte.id(pte("p", "m", 0));
        m.gup("p", "m", 0, true, false, false, false, "h");
        m.madvise("p", "m", "pageout");
        assertEquals(Pte.NONE, pte("p", "m", 0));
        assertTrue(m.frames.isAllocated(page), "__remove_mapping() cannot freeze a pinned page");
        m.read("p", "m", 0);
        assertEquals(page, Pte.id(pte("p", "m", 0)), "the next fault finds the same page");
    }

    @Test
    void unmappingADirtyPteDirtiesThePage() {
        shmem();
        m.fork("p", "c"); // c keeps the shared memory alive
        m.read("p", "s", 0);
        m.write("p", "s", 0, "A"); // through a writable clean PTE: only the PTE's dirty bit is set
        int page = Pte.id(pte("p", "s", 0));
        assertTrue(Pte.dirty(pte("p", "s", 0)));
        assertFalse(m.frames.test(page, Frames.PG_DIRTY));
        m.munmap("p", "s", -1);
        assertTrue(m.frames.test(page, Frames.PG_DIRTY), "zap_present_ptes() moves the dirty bit to the page");
    }

    // ---- mprotect()

    @Test
    void mprotectThatChangesNothingDoesNothing() {
        on(6, 1);
        m.spawn("p");
        m.mmap("p", "b", null, false, true, 1, 0);
        m.write("p", "b", 0, "A");
        m.madvise("p", "b", "pageout");
        m.read("p", "b", 0); // 6.1: swapped in read-only, exclusive
        assertFalse(Pte.writable(pte("p", "b", 0)));
        m.mprotect("p", "b", true);
        assertFalse(Pte.writable(pte("p", "b", 0)), "already writable: mprotect_fixup() returns at once");
        m.mprotect("p", "b", false);
        m.mprotect("p", "b", true);
        assertTrue(Pte.writable(pte("p", "b", 0)), "a real change asks can_change_pte_writable()");
    }

    @Test
    void mprotectWritableOfASharedFileMappingMakesOnlyDirtyPtesWritable() {
        sharedFile(2);
        m.write("p", "m", 0, "W");
        m.read("p", "m", 1);
        m.mprotect("p", "m", false);
        assertFalse(Pte.writable(pte("p", "m", 0)));
        m.mprotect("p", "m", true);
        assertTrue(Pte.writable(pte("p", "m", 0)), "a dirty PTE needs no new write notification");
        assertFalse(Pte.writable(pte("p", "m", 1)), "a clean PTE waits for the write fault");
    }

    @Test
    void mprotectWritableOfSharedMemoryMakesEveryPteWritable() {
        shmem();
        m.read("p", "s", 0);
        m.mprotect("p", "s", false);
        assertFalse(Pte.writable(pte("p", "s", 0)));
        m.mprotect("p", "s", true);
        assertTrue(Pte.writable(pte("p", "s", 0)));
        long faults = m.counters.faults;
        m.write("p", "s", 0, "A");
        assertEquals(faults, m.counters.faults);
    }

    @Test
    void aReadFaultOnSharedMemoryMapsItWritable() {
        shmem();
        m.read("p", "s", 0);
        m.write("p", "s", 0, "A");
        assertEquals(1, m.counters.faults, "no write fault after the read fault");
    }

    // ---- do_swap_page() by kernel release

    private void swappedOut() {
        m.spawn("p");
        m.mmap("p", "b", null, false, true, 1, 0);
        m.write("p", "b", 0, "A");
        m.madvise("p", "b", "pageout");
        assertTrue(Pte.isSwap(pte("p", "b", 0)));
    }

    @Test
    void from611SwapInMapsAnExclusivePageWritableOnAReadFault() {
        on(6, 11);
        swappedOut();
        assertEquals("A", m.read("p", "b", 0));
        assertTrue(Pte.writable(pte("p", "b", 0)));
        assertFalse(Pte.dirty(pte("p", "b", 0)), "writable, but not dirty: nothing was written");
        long faults = m.counters.faults;
        m.write("p", "b", 0, "B");
        assertEquals(faults, m.counters.faults);
    }

    @Test
    void before611SwapInMapsReadOnlyOnAReadFault() {
        on(6, 10);
        swappedOut();
        m.read("p", "b", 0);
        assertFalse(Pte.writable(pte("p", "b", 0)));
    }

    @Test
    void from519AWriteFaultOnASwappedExclusivePageIsResolvedInDoSwapPage() {
        on(5, 19);
        policy.wp = WpDecision.COPY; // do_wp_page() would copy: it is not asked
        swappedOut();
        m.write("p", "b", 0, "B");
        assertTrue(Pte.writable(pte("p", "b", 0)));
        assertEquals(0, m.counters.copies, "do_swap_page() reused the exclusive page itself");
        assertEquals(1, m.counters.reuses);
    }

    @Test
    void before519AWriteFaultOnASwappedPageGoesThroughDoWpPage() {
        on(5, 18);
        policy.wp = WpDecision.COPY;
        swappedOut();
        m.write("p", "b", 0, "B");
        assertTrue(Pte.writable(pte("p", "b", 0)));
        assertEquals(1, m.counters.copies, "the policy's do_wp_page() answered copy");
        assertEquals(0, m.counters.reuses);
    }

    // ---- long-term R/W pins of file mappings by kernel release

    @Test
    void from65ALongTermWritePinOfASharedFileMappingFails() {
        on(6, 5);
        sharedFile(1);
        assertEquals(Machine.FAIL, m.gup("p", "m", 0, true, true, true, false, "h"));
        assertEquals(Machine.OK, m.gup("p", "m", 0, true, true, false, false, "short"), "short-term pins may");
        assertEquals(Machine.OK, m.gup("p", "m", 0, true, false, true, false, "ro"), "R/O pins may");
    }

    @Test
    void from65SharedMemoryIsExemptBecauseItNeedsNoDirtyTracking() {
        on(6, 5);
        shmem();
        assertEquals(Machine.OK, m.gup("p", "s", 0, true, true, true, false, "h"));
    }

    @Test
    void before65ALongTermWritePinOfASharedFileMappingIsTaken() {
        on(6, 4);
        sharedFile(1);
        assertEquals(Machine.OK, m.gup("p", "m", 0, true, true, true, false, "h"));
    }
}
