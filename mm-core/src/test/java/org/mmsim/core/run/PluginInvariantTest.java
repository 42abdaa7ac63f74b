package org.mmsim.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.mmsim.api.Invariant;
import org.mmsim.api.MachineView;
import org.mmsim.api.PteView;
import org.mmsim.core.mm.BuiltinInvariants;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.mm.Violation;
import org.mmsim.core.scenario.ScenarioParser;
import org.mmsim.core.testing.KernelUnsharePolicy;

/** A plugin's invariant is checked after every statement and after the teardown, on a view of the machine. */
class PluginInvariantTest {
    private static final String FORK_AND_PIN = """
            spawn p
            mmap p b anon private pages=2
            write p b[0] A
            fork p c
            pin p b[0] ro longterm as h
            write c b[0] B
            release h
            """;

    /** An invariant made of a lambda. */
    private record Check(String name, BiConsumer<MachineView, Invariant.Violations> body) implements Invariant {
        @Override
        public String description() {
            return "test";
        }

        @Override
        public void check(MachineView machine, Violations out) {
            body.accept(machine, out);
        }
    }

    private static RunResult run(String text, Invariant... extra) throws Exception {
        List<Invariant> all = new ArrayList<>(new BuiltinInvariants().invariants());
        all.addAll(List.of(extra));
        return new ScenarioRunner(new FlagRegistry(), Limits.DEFAULT, all)
                .run(ScenarioParser.parse("t.mms", text.getBytes(StandardCharsets.UTF_8)), new KernelUnsharePolicy(), false);
    }

    @Test
    void theViewShowsMappingsFramesAndHandlesAsTheMachineHasThem() throws Exception {
        List<String> seen = new ArrayList<>();
        run(FORK_AND_PIN, new Check("probe", (m, out) -> {
            StringBuilder b = new StringBuilder(m.finished() ? "end" : "");
            for (MachineView.Process p : m.processes()) {
                for (MachineView.Mapping map : p.mappings()) {
                    b.append(' ').append(p.name()).append(':').append(map.name()).append('/').append(map.pages());
                    for (long i = 0; i < map.pages(); i++) {
                        PteView pte = map.pte(i);
                        b.append(' ').append(pte.state() == PteView.State.PRESENT ? "#" + map.frame(i).id()
                                + (pte.writable() ? "w" : "r") + map.frame(i).mapCount() : "-");
                    }
                }
            }
            for (MachineView.Handle h : m.handles()) {
                b.append(" h=").append(h.process()).append(':').append(h.mapping()).append('[').append(h.index())
                        .append("]#").append(h.frame().id()).append(" pins=").append(h.frame().pins());
            }
            seen.add(b.toString().strip());
        }));
        assertEquals("p:b/2 #1w1 -", seen.get(2)); // write p b[0] A: one writable exclusive page
        assertEquals("p:b/2 #1r2 - c:b/2 #1r2 -", seen.get(3)); // fork: shared, write-protected
        // the R/O long-term pin unshared: p maps a copy, which the pin holds; c keeps the original
        assertEquals("p:b/2 #2r1 - c:b/2 #1r1 - h=p:b[0]#2 pins=1", seen.get(4));
        assertEquals("end", seen.get(seen.size() - 1)); // after the teardown: no process maps anything
    }

    @Test
    void aBrokenObjectIsReportedWhenItBreaksAndAgainOnlyAfterItWasWhole() throws Exception {
        // broken while p b[0] is present and c has not written, i.e. after lines 3-5, whole after 6
        RunResult r = run(FORK_AND_PIN + "write c b[0] C\nwrite p b[0] D\n", new Check("p-sees-a", (m, out) -> {
            for (MachineView.Process p : m.processes()) {
                for (MachineView.Mapping map : p.mappings()) {
                    MachineView.Frame f = map.frame(0);
                    if (p.name().equals("c") && f != null && f.content().equals("A")) {
                        out.report("c b[0]", "c still reads A from #" + f.id());
                    }
                }
            }
        }));
        List<String> reports = r.violations().stream().filter(v -> v.invariant().equals("p-sees-a"))
                .map(v -> v.line() + " " + v.message()).toList();
        assertEquals(List.of("4 c still reads A from #1"), reports); // lines 4 and 5: once; line 6 mends it
        assertEquals(RunResult.Verdict.FAIL, r.verdict());
    }

    @Test
    void anInvariantThatThrowsEndsTheRunInErrorNamingIt() throws Exception {
        RunResult r = run(FORK_AND_PIN, new Check("bad", (m, out) -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals(RunResult.Verdict.ERROR, r.verdict());
        assertTrue(r.error().startsWith("invariant bad failed: java.lang.IllegalStateException: boom"), r.error());
    }

    @Test
    void theBuiltInInvariantsAreTheSpecsInItsOrderAndAreCheckedOnlyAsContributions() throws Exception {
        assertEquals(Violation.INVARIANTS, new BuiltinInvariants().invariants().stream().map(Invariant::name).toList());
        // a long-term R/O pin of the zeropage, then a write: this policy pins the zeropage as it is (pre-6.2)
        String zeropagePin = "spawn p\nmmap p b anon private pages=1\nread p b[0]\npin p b[0] ro longterm as h\n"
                + "write p b[0] A\n";
        RunResult builtin = new ScenarioRunner(new FlagRegistry(), Limits.DEFAULT).run(ScenarioParser.parse("t.mms",
                zeropagePin.getBytes(StandardCharsets.UTF_8)), new KernelUnsharePolicy(), false);
        assertEquals(List.of("5 pin-coherence"), builtin.violations().stream().map(v -> v.line() + " " + v.invariant())
                .toList());
        RunResult none = new ScenarioRunner(new FlagRegistry(), Limits.DEFAULT, List.of()).run(ScenarioParser.parse(
                "t.mms", zeropagePin.getBytes(StandardCharsets.UTF_8)), new KernelUnsharePolicy(), false);
        assertEquals(RunResult.Verdict.PASS, none.verdict(), "no invariant contributed, none checked");
    }
}
