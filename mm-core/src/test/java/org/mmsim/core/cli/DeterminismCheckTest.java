package org.mmsim.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmsim.core.run.RunResult;
import org.mmsim.core.run.RunResult.Counts;
import org.mmsim.core.run.RunResult.Step;
import org.mmsim.core.run.RunResult.Verdict;

/** The first difference between two runs of a cell, as the report names it. */
class DeterminismCheckTest {
    private static RunResult run(Verdict verdict, String error, Counts counts, Step... steps) {
        return new RunResult("t", "x.mms", "p", verdict, List.of(steps), List.of(), List.of(), error, counts,
                List.of());
    }

    private static final Step OK_4 = new Step(4, "pin a b[0] ro", "ok");
    private static final Step FAIL_4 = new Step(4, "pin a b[0] ro", "fail");
    private static final Step READ_5 = new Step(5, "read a b[0]", "x");

    @Test
    void theFirstStatementWhoseOutcomeDiffers() {
        assertEquals("line 4 gave ok, then fail", DeterminismCheck.difference(
                run(Verdict.PASS, null, Counts.ZERO, OK_4, READ_5), run(Verdict.FAIL, null, Counts.ZERO, FAIL_4, READ_5)));
    }

    @Test
    void aRunThatEndedInErrorEarlier() {
        assertEquals("line 5 gave x, then error (policy p threw)", DeterminismCheck.difference(
                run(Verdict.PASS, null, Counts.ZERO, OK_4, READ_5), run(Verdict.ERROR, "policy p threw", Counts.ZERO, OK_4)));
    }

    @Test
    void countersThenVerdicts() {
        Counts one = new Counts(1, 0, 0, 0, 0, 0, 1);
        assertEquals("counters " + Counts.ZERO + ", then " + one, DeterminismCheck.difference(
                run(Verdict.PASS, null, Counts.ZERO, OK_4), run(Verdict.PASS, null, one, OK_4)));
        assertEquals("verdict pass, then error (boom)", DeterminismCheck.difference(
                run(Verdict.PASS, null, Counts.ZERO, OK_4), run(Verdict.ERROR, "boom", Counts.ZERO, OK_4)));
    }

    @Test
    void sameRunsTwoErrorReasonsAndTimeoutsAreNotReported() {
        assertNull(DeterminismCheck.difference(run(Verdict.PASS, null, Counts.ZERO, OK_4),
                run(Verdict.PASS, null, Counts.ZERO, OK_4)));
        assertNull(DeterminismCheck.difference(run(Verdict.ERROR, "threw Object@1f", Counts.ZERO, OK_4),
                run(Verdict.ERROR, "threw Object@2e", Counts.ZERO, OK_4)));
        assertNull(DeterminismCheck.difference(run(Verdict.ERROR, "timed out after 10s", Counts.ZERO),
                run(Verdict.PASS, null, Counts.ZERO, OK_4)));
    }
}
