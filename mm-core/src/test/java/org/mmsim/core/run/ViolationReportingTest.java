package org.mmsim.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.scenario.ScenarioException;
import org.mmsim.core.scenario.ScenarioParser;
import org.mmsim.api.WpDecision;
import org.mmsim.core.testing.KernelUnsharePolicy;

/**
 * One report per broken object, at the statement where it broke, and again only after it was whole
 * in between. The long-term R/O pins of the zeropage here break under a policy that pins the
 * zeropage as it is (every kernel before 6.2): the write maps a new copy, the pin keeps the zeropage.
 */
class ViolationReportingTest {
    private final KernelUnsharePolicy policy = new KernelUnsharePolicy();
    private final ScenarioRunner runner = new ScenarioRunner(new FlagRegistry(), Limits.DEFAULT);

    /** "LINE INVARIANT: message" for each violation reported. */
    private List<String> violations(String text) throws ScenarioException {
        RunResult r = runner.run(ScenarioParser.parse("t.mms", text.getBytes(StandardCharsets.UTF_8)), policy, false);
        return r.violations().stream().map(v -> v.line() + " " + v.invariant() + ": " + v.message())
                .collect(Collectors.toList());
    }

    /** The reports of one invariant, each as "LINE WORD" where WORD is the message's n-th word. */
    private static List<String> of(List<String> reports, String invariant, int word) {
        return reports.stream().filter(r -> r.split(" ")[1].equals(invariant + ":"))
                .map(r -> r.split(" ")[0] + " " + r.split(" ")[2 + word]).collect(Collectors.toList());
    }

    private static final String TWO_PINS = """
            spawn p
            mmap p b anon private pages=2
            read p b[0]
            read p b[1]
            pin p b[0] ro longterm as h0
            pin p b[1] ro longterm as h1
            """;

    @Test
    void twoObjectsBrokenByConsecutiveStatementsAreEachReportedWhereTheyBroke() throws Exception {
        List<String> reports = violations(TWO_PINS + """
                write p b[0] A
                write p b[1] B
                write p b[0] C
                release h0
                write p b[1] D
                release h1
                exit p
                """);
        assertEquals(List.of("7 h0", "8 h1"), of(reports, "pin-coherence", 1), reports.toString());
        assertEquals(2, reports.size(), reports.toString());
    }

    @Test
    void twoObjectsBrokenByOneStatementAreBothReported() throws Exception {
        policy.wp = WpDecision.REUSE; // what mapcount decides once the child has no other mapping
        List<String> reports = violations("""
                spawn p
                mmap p b anon private pages=1
                write p b[0] A
                fork p c
                vmsplice c b[0] as pipe
                write p b[0] B
                read c b[0]
                exit c
                exit p
                """);
        // c sees p's later write through its mapping and through its pipe: two places, one write
        assertEquals(List.of("6 b[0],", "6 pipe,"), of(reports, "isolation", 6), reports.toString());
    }

    @Test
    void aBrokenObjectWhoseMessageChangesIsNotReportedAgain() throws Exception {
        // the page p maps gains a reference at line 5 and is replaced at line 6: the message
        // changes twice while the pin stays broken
        List<String> reports = violations("""
                spawn p
                mmap p b anon private pages=1
                pin p b[0] ro longterm as h0
                write p b[0] A
                fork p c
                write p b[0] B
                write c b[0] C
                exit c
                exit p
                """);
        assertEquals(List.of("4 h0"), of(reports, "pin-coherence", 1), reports.toString());
    }

    @Test
    void anObjectWholeInBetweenIsReportedAgainWhenItBreaksAgain() throws Exception {
        List<String> reports = violations("""
                spawn p
                mmap p b anon private pages=1
                read p b[0]
                pin p b[0] ro longterm as h0
                write p b[0] A
                release h0
                madvise p b dontneed
                read p b[0]
                pin p b[0] ro longterm as h0
                write p b[0] B
                exit p
                """);
        assertEquals(List.of("5 h0", "10 h0"), of(reports, "pin-coherence", 1), reports.toString());
    }
}
