package org.mmsim.core.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mmsim.api.ForkDecision;
import org.mmsim.api.PinDecision;
import org.mmsim.api.WpDecision;
import org.mmsim.api.WpFault;
import org.mmsim.core.testing.KernelUnsharePolicy;

/** Every decision shows its inputs and the rule that fired; every state change is traced. */
class TraceTest {
    private final List<TraceEvent> events = new ArrayList<>();

    private Machine machine(KernelUnsharePolicy policy) {
        Machine m = new Machine(policy, new FlagRegistry(), Limits.DEFAULT);
        m.setTrace(events::add);
        return m;
    }

    private List<TraceEvent> of(String event) {
        return events.stream().filter(e -> e.event().equals(event)).collect(Collectors.toList());
    }

    private static void forkedPage(Machine m) {
        m.spawn("p");
        m.mmap("p", "b", null, false, true, 1, 0);
        m.write("p", "b", 0, "A");
        m.fork("p", "c");
    }

    @Test
    void aDecisionShowsItsInputsTheAnswerAndTheRuleThePolicyNamed() {
        KernelUnsharePolicy policy = new KernelUnsharePolicy() {
            @Override
            public WpDecision doWpPage(WpFault fault) {
                fault.page().because("test rule: always copy");
                return WpDecision.COPY;
            }
        };
        Machine m = machine(policy);
        forkedPage(m);
        m.write("p", "b", 0, "B");
        TraceEvent d = of("do_wp_page").get(0);
        assertEquals("copy", d.facts().get("decision"));
        assertEquals("test rule: always copy", d.facts().get("rule"));
        assertEquals(2, d.facts().get("refcount"));
        assertEquals(2, d.facts().get("mapcount"));
        assertEquals(false, d.facts().get("anonExclusive"));
        assertEquals(false, d.facts().get("maybePinned"));
        assertTrue(d.text().contains("refcount 2, mapcount 2, PG_anon_exclusive no, maybe pinned no) -> copy: test rule"),
                d.text());
        TraceEvent fault = of("handle_mm_fault").stream().filter(e -> e.line() == 0).reduce((a, b) -> b).orElseThrow();
        assertTrue(d.depth() > fault.depth(), "the decision sits inside its fault");
    }

    @Test
    void withoutARuleTheTraceSaysWhatThePolicyRead() {
        Machine m = machine(KernelUnsharePolicy.stub());
        forkedPage(m);
        m.write("p", "b", 0, "B");
        TraceEvent d = of("do_wp_page").get(0);
        assertEquals("anonExclusive()=false, swapCache()=false, refCount()=2", d.facts().get("consulted"));
        assertFalse(d.facts().containsKey("rule"));
        assertTrue(d.text().endsWith("-> copy: policy stub read anonExclusive()=false, swapCache()=false, refCount()=2"),
                d.text());
    }

    @Test
    void forkTracesEveryPageWithWhatItDidAndWhy() {
        KernelUnsharePolicy policy = KernelUnsharePolicy.stub();
        Machine m = machine(policy);
        m.spawn("p");
        m.file("f", 2, "F");
        m.mmap("p", "b", null, false, true, 2, 0);
        m.mmap("p", "m", "f", false, true, 2, 0);
        m.write("p", "b", 0, "A");
        m.write("p", "b", 1, "B");
        m.madvise("p", "b", "pageout");
        m.read("p", "b", 1); // b[0] stays swapped out
        m.write("p", "m", 1, "C"); // a COW copy: m gets an anon_vma, so fork copies its entries too
        m.read("p", "m", 0);
        events.clear();
        m.fork("p", "c");
        assertEquals(List.of("share"), of("copy_nonpresent_pte").stream().map(e -> e.facts().get("decision"))
                .collect(Collectors.toList()), "the swap entry");
        List<Object> present = of("copy_present_pte").stream().filter(e -> e.facts().containsKey("decision"))
                .map(e -> e.facts().get("page") + " " + e.facts().get("decision")).collect(Collectors.toList());
        assertEquals(List.of("b[1] share", "m[0] share", "m[1] share"), present,
                "the anonymous pages and the page-cache page");
    }

    @Test
    void everyStateChangeIsTracedDownToTheFreedFrameAndSlot() {
        Machine m = machine(KernelUnsharePolicy.stub());
        m.spawn("p");
        m.mmap("p", "b", null, false, true, 2, 0);
        m.write("p", "b", 0, "A");
        m.write("p", "b", 1, "B");
        m.gup("p", "b", 1, true, false, true, false, "h");
        m.madvise("p", "b", "pageout"); // b[0] to swap; b[1] kept: maybe pinned
        assertEquals(2, of("try_to_unmap_one").size(), "a decision for each page");
        m.munmap("p", "b", -1);
        assertEquals(2, of("zap_pte_range").size());
        assertEquals(1, of("swap_free").size(), "the slot of b[0]");
        m.release("h");
        assertEquals(1, of("unpin_user_page").size());
        List<Object> freed = of("free_page").stream().map(e -> e.facts().get("frame")).collect(Collectors.toList());
        assertEquals(2, freed.size(), "both pages: " + freed);
        assertEquals(2, freed.stream().distinct().count(), "frame numbers are never reused in a run");
    }

    @Test
    void policiesWithoutAnExclusiveFlagAreTracedWithoutTheWord() {
        KernelUnsharePolicy policy = KernelUnsharePolicy.stub();
        policy.keepsExclusive = false;
        // answers that read nothing, as a policy of that era would not read the flag
        policy.wp = WpDecision.COPY;
        policy.pin = PinDecision.pin();
        policy.fork = ForkDecision.SHARE;
        policy.pageOut = true;
        policy.mkwrite = false;
        Machine m = machine(policy);
        forkedPage(m);
        m.gup("c", "b", 0, true, false, true, false, "h");
        m.write("p", "b", 0, "B");
        m.madvise("c", "b", "pageout");
        m.fork("c", "d");
        m.release("h");
        m.teardown();
        assertFalse(events.isEmpty());
        for (TraceEvent e : events) {
            assertFalse(e.text().contains("xclusive"), e.text());
            assertFalse(e.facts().containsKey("anonExclusive"), e.text());
        }
    }
}
