package org.mmsim.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mmsim.api.FaultFlag;
import org.mmsim.api.PinDecision;
import org.mmsim.api.WpDecision;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.scenario.Scenario;
import org.mmsim.core.scenario.ScenarioParser;
import org.mmsim.core.testing.KernelUnsharePolicy;

/** The first statement where two policies' runs part: in outcome, or only in what they decided. */
class ScenarioDiffTest {
    private final ScenarioRunner runner = new ScenarioRunner(new FlagRegistry(), Limits.DEFAULT);

    private static Scenario parse(String text) throws Exception {
        return ScenarioParser.parse("t.mms", text.getBytes(StandardCharsets.UTF_8));
    }

    private Optional<ScenarioDiff.Difference> diff(Scenario s, KernelUnsharePolicy a, KernelUnsharePolicy b) {
        return ScenarioDiff.first(runner.run(s, a, true), runner.run(s, b, true));
    }

    private static final String LEAK = """
            spawn p
            mmap p b anon private pages=1
            write p b[0] A
            fork p c
            vmsplice c b[0] as pipe
            munmap c b
            write p b[0] B
            peek pipe
            exit p
            """;

    @Test
    void theFirstStatementWhoseDecisionDiffersEvenWhenOutcomesAgree() throws Exception {
        KernelUnsharePolicy reuse = new KernelUnsharePolicy("reuse");
        reuse.wp = WpDecision.REUSE;
        ScenarioDiff.Difference d = diff(parse(LEAK), new KernelUnsharePolicy(), reuse).orElseThrow();
        assertEquals(7, d.line(), "the write decides differently before the peek shows it");
        assertFalse(d.inOutcome());
        assertEquals(List.of("do_wp_page b[0]: copy"), d.decisionsA());
        assertEquals(List.of("do_wp_page b[0]: reuse"), d.decisionsB());
        assertTrue(d.traceA().stream().anyMatch(e -> e.event().equals("wp_page_copy")), d.traceA().toString());
        assertTrue(d.traceB().stream().anyMatch(e -> e.event().equals("wp_page_reuse")), d.traceB().toString());
    }

    private static final String PIN_SHARED = """
            spawn p
            mmap p b anon private pages=1
            write p b[0] A
            fork p c
            pin p b[0] ro longterm as h
            write p b[0] B
            peek h
            exit p
            exit c
            """;

    @Test
    void unsharingAndRefusingPartInTheOutcomeOfThePin() throws Exception {
        KernelUnsharePolicy refuse = new KernelUnsharePolicy("refuse");
        refuse.pin = PinDecision.refuse();
        ScenarioDiff.Difference d = diff(parse(PIN_SHARED), new KernelUnsharePolicy(), refuse).orElseThrow();
        assertEquals(5, d.line());
        assertTrue(d.inOutcome());
        assertEquals("ok", d.outcomeA());
        assertEquals("fail", d.outcomeB());
        assertEquals(List.of("gup_must_unshare b[0]: unshare", "do_wp_page b[0]: copy", "gup_must_unshare b[0]: pin"),
                d.decisionsA());
        assertEquals(List.of("gup_must_unshare b[0]: refuse"), d.decisionsB());
    }

    @Test
    void policiesThatDifferOnlyInTheNameOfTheirFlagDoNotDiffer() throws Exception {
        KernelUnsharePolicy renamed = new KernelUnsharePolicy("renamed") {
            private final FaultFlag flag = new FlagRegistry().register("FAULT_FLAG_MAKE_ANON_EXCLUSIVE");

            @Override
            public PinDecision pinReadOnly(org.mmsim.api.PinRequest request) {
                PinDecision d = super.pinReadOnly(request);
                return d.kind() == PinDecision.Kind.UNSHARE ? PinDecision.unshare(flag) : d;
            }
        };
        assertEquals(Optional.empty(), diff(parse(PIN_SHARED), new KernelUnsharePolicy(), renamed));
    }
}
