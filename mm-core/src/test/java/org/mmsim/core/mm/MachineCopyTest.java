package org.mmsim.core.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmsim.core.testing.KernelUnsharePolicy;

/**
 * A machine copy shares what it can with its original until either writes it; every kind of change
 * on one side must leave the other as it was.
 */
class MachineCopyTest {
    /**
     * Processes sharing COW pages, a page in swap and one in the swap cache, a private and a shared
     * file mapping, shared anonymous memory, a 16K THP, a hugetlb mapping, a VMA split, and a pin.
     */
    private static Machine base() {
        Machine m = new Machine(KernelUnsharePolicy.stub(), new FlagRegistry(), Limits.DEFAULT);
        m.thp(4, "always");
        m.hugetlbPool(512, 2);
        m.file("f", 4, "F");
        m.spawn("p0");
        m.mmap("p0", "buf", null, false, true, 8, 0);
        m.mmap("p0", "m", "f", false, true, 4, 0);
        m.mmap("p0", "s", "f", true, true, 4, 0);
        m.mmap("p0", "shm", null, true, true, 2, 0);
        m.mmapHugetlb("p0", "h", false, true, 512, 512);
        m.write("p0", "buf", 0, "A");
        m.write("p0", "buf", 4, "T");
        m.write("p0", "buf", 1, "B");
        m.read("p0", "m", 0);
        m.write("p0", "s", 1, "S");
        m.write("p0", "shm", 0, "M");
        m.write("p0", "h", 0, "H");
        m.mprotect("p0", "buf", 6, 7, false);
        m.fork("p0", "p1");
        m.write("p1", "buf", 1, "C");
        m.madvise("p0", "buf", 0, 3, "pageout");
        m.gup("p1", "buf", 4, true, false, true, false, "h0");
        m.fork("p0", "p3");
        m.read("p0", "buf", 1); // in the swap cache: p3's swap entry still names its slot
        return m;
    }

    static Stream<Arguments> changes() {
        return Stream.of(
                change("write: PTE, frames, stamps, expected", m -> m.write("p0", "buf", 2, "X")),
                change("COW write fault in the child", m -> m.write("p1", "buf", 5, "Y")),
                change("read: swap-in", m -> m.read("p0", "buf", 1)),
                change("fork", m -> m.fork("p1", "p2")),
                change("exit", m -> m.exit("p1")),
                change("munmap of part: VMA split", m -> m.munmap("p0", "buf", 2, 2)),
                change("mprotect of part", m -> m.mprotect("p0", "buf", 0, 1, false)),
                change("madvise dontfork", m -> m.madvise("p1", "buf", 0, 3, "dontfork")),
                change("pageout: swap, swap cache", m -> m.madvise("p1", "buf", "pageout")),
                change("swap cache: the last swap entry goes, then the page", m -> {
                    m.exit("p3");
                    m.write("p0", "buf", 1, "Z");
                }),
                change("pin, then a device write", m -> {
                    m.gup("p0", "buf", 2, true, true, true, false, "h1");
                    m.poke("h1", "D");
                }),
                change("release of a pin", m -> m.release("h0")),
                change("page cache: file write, then pageout of the file", m -> {
                    m.fwrite("f", 2, "W");
                    m.read("p0", "m", 2);
                    for (String p : new String[] {"p0", "p1"}) {
                        m.madvise(p, "s", "pageout");
                        m.madvise(p, "m", "pageout");
                    }
                }),
                change("shared anonymous memory", m -> m.write("p1", "shm", 1, "N")),
                change("large folio: split by a partial munmap", m -> m.munmap("p0", "buf", 5, 5)),
                change("hugetlb: COW in the child", m -> m.write("p1", "h", 0, "I")),
                change("mremap", m -> m.mremap("p0", "buf", 4, 7, "moved")),
                change("teardown", Machine::teardown));
    }

    private static Arguments change(String what, Consumer<Machine> change) {
        return Arguments.of(what, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void aCopyAndItsOriginalGoOnIndependently(String what, Consumer<Machine> change) {
        Machine original = base();
        String before = dump(original);
        Machine copy = original.copy();
        assertEquals(before, dump(copy), "a copy is what it copies");
        change.accept(copy);
        assertEquals(before, dump(original), what + " in a copy changed its original");

        Machine other = original.copy();
        Machine copyOfCopy = other.copy();
        change.accept(original);
        assertEquals(before, dump(other), what + " in the original changed its copy");
        assertEquals(dump(copy), dump(original), "the same change gives the same machine");
        change.accept(other);
        assertEquals(before, dump(copyOfCopy), what + " in a copy changed the copy made of it");
        assertEquals(dump(original), dump(other));
    }

    /**
     * The explorer copies each successor into the same machine: whatever that machine held before
     * (more processes, other regions, handles, its own writes), it becomes the original, and goes
     * on as a fresh copy would.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void aMachineCopiedIntoIsTheOriginalWhateverItHeldBefore(String what, Consumer<Machine> change) {
        Machine original = base();
        String before = dump(original);
        Machine wider = original.copy();
        wider.fork("p1", "p4");
        wider.mmap("p4", "extra", null, false, true, 2, 0);
        wider.write("p4", "extra", 1, "E");
        wider.gup("p4", "extra", 1, true, false, true, false, "h9");
        Machine into = wider.copy();
        change.accept(into);
        assertSame(into, original.copyInto(into));
        assertEquals(before, dump(into), "a machine copied into is what it copies");
        change.accept(into);
        assertEquals(before, dump(original), what + " in a machine copied into changed its original");
        Machine fresh = original.copy();
        change.accept(fresh);
        assertEquals(dump(fresh), dump(into), what + " after copyInto differs from after copy");
        original.copyInto(into);
        assertEquals(before, dump(into), "copied into again over its own change");
        change.accept(into);
        assertEquals(dump(fresh), dump(into), what + " after a second copyInto differs from after copy");
        assertEquals(before, dump(original), what + " after a second copyInto changed its original");
        original.copyInto(into);
        change.accept(original);
        assertEquals(before, dump(into), what + " in the original changed the machine copied into");
    }

    /**
     * The explorer tears every new state down for the leak check, then copies the next successor into
     * the same machine: what the teardown dropped (regions, released handles) is made over, and the
     * machine is the original as a fresh copy would be, and goes on apart from it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void aMachineTornDownForReuseMakesOverWhatItDropped(String what, Consumer<Machine> change) {
        Machine original = base();
        String before = dump(original);
        Machine into = original.copy();
        change.accept(into);
        java.util.Set<Region> held = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Process p : into.byPid) {
            p.regions.forEach(held::add);
        }
        into.teardownForReuse();
        assertSame(into, original.copyInto(into));
        assertEquals(before, dump(into), "a machine torn down for reuse, copied into, is what it copies");
        long madeOver = into.byPid.stream().flatMap(p -> p.regions.list().stream()).filter(held::contains).count();
        assertTrue(held.isEmpty() || madeOver > 0, "regions made over, not new: " + madeOver + " of " + held.size());
        change.accept(into);
        assertEquals(before, dump(original), what + " in a machine made over changed its original");
        Machine fresh = original.copy();
        change.accept(fresh);
        assertEquals(dump(fresh), dump(into), what + " after a teardown for reuse differs from after copy");
        original.copyInto(into);
        change.accept(original);
        assertEquals(before, dump(into), what + " in the original changed the machine made over");
    }

    @Test
    void aMachineCopiesOnlyIntoOneOfTheSamePolicyFlagsAndLimits() {
        Machine m = base();
        Machine other = new Machine(KernelUnsharePolicy.stub(), new FlagRegistry(), Limits.DEFAULT);
        assertThrows(IllegalArgumentException.class, () -> m.copyInto(other));
    }

    @Test
    void sharedArraysRefuseWrites() {
        SparseIntArray a = new SparseIntArray(4);
        a.set(1, 7);
        SparseIntArray shared = a.share();
        assertThrows(IllegalStateException.class, () -> shared.set(1, 8));
        SparseIntArray own = shared.writable();
        own.set(1, 8);
        assertEquals(7, shared.get(1));
        Vmas v = new Vmas(4, Vmas.VM_WRITE).share();
        assertThrows(IllegalStateException.class, () -> v.punch(0, 1));
        v.writable().punch(0, 1);
        assertEquals(Vmas.VM_WRITE, v.flagsAt(0));
    }

    /** Everything a copy holds, the state dump's and the hash's facts and what only the invariants read. */
    private static String dump(Machine m) {
        StringBuilder sb = new StringBuilder();
        sb.append(m.state()).append('\n').append(m.stateHash()).append('\n');
        for (Process p : m.byPid) {
            for (Region r : p.regions) {
                sb.append(p.name).append(' ').append(r.name).append(" expected");
                for (long i = r.expected.nextNonZero(0); i >= 0; i = r.expected.nextNonZero(i + 1)) {
                    sb.append(' ').append(i).append('=').append(m.stamps.value(r.expected.get(i) - 1));
                }
                sb.append(" tables ").append(r.hasTable(0)).append(" reservations ").append(r.hugetlbReservations)
                        .append('\n');
            }
        }
        for (PageCache c : m.files) {
            sb.append(c.name).append(" users ").append(c.users).append(" evicted");
            for (long i = 0; i < c.pages; i++) {
                sb.append(' ').append(c.evicted(i));
            }
            sb.append('\n');
        }
        for (Handle h : m.liveHandles) {
            sb.append(h.name).append(' ').append(h.region.name).append(' ').append(h.index).append(' ')
                    .append(h.detached).append('\n');
        }
        return sb.append(m.badUnpins).append(' ').append(m.framesPeak()).toString();
    }
}
