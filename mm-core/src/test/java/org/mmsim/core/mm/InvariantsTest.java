package org.mmsim.core.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mmsim.api.ForkDecision;
import org.mmsim.api.PinDecision;
import org.mmsim.api.WpDecision;
import org.mmsim.core.testing.KernelUnsharePolicy;

/** Each invariant fires when its property is broken, and stays quiet on a correct run. */
class InvariantsTest {
    private final KernelUnsharePolicy policy = KernelUnsharePolicy.stub();
    private final Machine m = new Machine(policy, new FlagRegistry(), Limits.DEFAULT);
    private final Invariants invariants = new Invariants(m);

    private List<String> names(List<Violation> vs) {
        return vs.stream().map(Violation::invariant).collect(Collectors.toList());
    }

    private void writtenAndForked() {
        m.spawn("p");
        m.mmap("p", "b", null, false, true, 1, 0);
        m.write("p", "b", 0, "A");
        m.fork("p", "c");
    }

    @Test
    void aCorrectRunViolatesNothing() {
        writtenAndForked();
        m.gup("p", "b", 0, true, false, true, false, "h");
        m.write("p", "b", 0, "B");
        m.write("c", "b", 0, "C");
        assertEquals(List.of(), invariants.check());
        m.teardown();
        assertEquals(List.of(), invariants.check());
        assertEquals(List.of(), invariants.checkLeak());
    }

    @Test
    void isolationFiresWhenAReusedSharedPageLeaksToTheHandleOfTheOtherProcess() {
        writtenAndForked();
        m.gup("c", "b", 0, false, false, false, false, "pipe");
        m.munmap("c", "b", -1);
        policy.wp = WpDecision.REUSE; // 'mapcount' would: map count 1 after the child's munmap
        m.write("p", "b", 0, "B");
        List<Violation> vs = invariants.check();
        assertEquals(List.of(Violation.ISOLATION), names(vs));
        assertTrue(vs.get(0).message().contains("handle pipe"), vs.get(0).message());
    }

    @Test
    void isolationAllowsWhatTheParentWroteBeforeTheFork() {
        writtenAndForked();
        assertEquals("A", m.read("c", "b", 0));
        assertEquals(List.of(), invariants.check());
    }

    @Test
    void pinCoherenceFiresWhenAWriteFaultReplacesAPinnedPage() {
        writtenAndForked();
        policy.pin = PinDecision.pin(); // pin the shared page as it is (5.9-5.18)
        m.gup("p", "b", 0, true, false, true, false, "h");
        m.write("p", "b", 0, "B");
        assertEquals(List.of(Violation.PIN_COHERENCE), names(invariants.check()));
    }

    @Test
    void pinCoherenceAcceptsADetachedPin() {
        writtenAndForked();
        m.gup("p", "b", 0, true, false, true, false, "h");
        m.madvise("p", "b", "dontneed");
        m.write("p", "b", 0, "B");
        assertEquals(List.of(), invariants.check());
    }

    @Test
    void lostWriteFiresWhenADeviceWriteGoesToAReplacedPage() {
        m.spawn("p");
        m.mmap("p", "b", null, false, true, 1, 0);
        m.write("p", "b", 0, "A");
        m.gup("p", "b", 0, true, true, true, false, "ring");
        m.mprotect("p", "b", false);
        policy.mkwrite = false;
        m.mprotect("p", "b", true);
        policy.wp = WpDecision.COPY; // 'page-count': the pin raised the refcount
        m.write("p", "b", 0, "B");
        m.poke("ring", "D");
        List<String> found = names(invariants.check());
        assertTrue(found.contains(Violation.LOST_WRITE), found.toString());
        assertTrue(found.contains(Violation.PIN_COHERENCE), found.toString());
    }

    @Test
    void unpinOfANonExclusivePageFiresOnlyForPoliciesThatKeepTheFlag() {
        for (boolean keeps : new boolean[] {true, false}) {
            KernelUnsharePolicy p = KernelUnsharePolicy.stub();
            p.fork = ForkDecision.SHARE;
            p.keepsExclusive = keeps;
            Machine mm = new Machine(p, new FlagRegistry(), Limits.DEFAULT);
            mm.spawn("p");
            mm.mmap("p", "b", null, false, true, 1, 0);
            mm.write("p", "b", 0, "A");
            mm.gup("p", "b", 0, true, true, true, false, "ring");
            mm.fork("p", "c");
            mm.release("ring");
            List<String> found = names(new Invariants(mm).check());
            assertEquals(keeps, found.contains(Violation.UNPIN_NONEXCLUSIVE), found.toString());
        }
    }

    @Test
    void accountingFiresOnAReferenceNobodyOwns() {
        writtenAndForked();
        int f = Pte.id(m.processes.get("p").regions.get("b").pte(0));
        m.frames.addRef(f, 1);
        assertEquals(List.of(Violation.ACCOUNTING), names(invariants.check()));
    }

    @Test
    void accountingFiresOnAWrongMapCount() {
        writtenAndForked();
        int f = Pte.id(m.processes.get("p").regions.get("b").pte(0));
        m.frames.addMap(f, -1);
        assertEquals(List.of(Violation.ACCOUNTING), names(invariants.check()));
    }

    @Test
    void anonExclusiveFiresOnASharedPageMarkedExclusive() {
        writtenAndForked();
        int f = Pte.id(m.processes.get("p").regions.get("b").pte(0));
        m.frames.set(f, Frames.PG_ANON_EXCLUSIVE);
        assertEquals(List.of(Violation.ANON_EXCLUSIVE), names(invariants.check()));
    }

    @Test
    void leakFiresOnAFrameNobodyFreed() {
        writtenAndForked();
        int f = Pte.id(m.processes.get("p").regions.get("b").pte(0));
        m.frames.addRef(f, 1);
        m.teardown();
        assertEquals(List.of(Violation.LEAK), names(invariants.checkLeak()));
    }
}
