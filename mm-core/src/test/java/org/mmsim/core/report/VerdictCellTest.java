package org.mmsim.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmsim.core.run.RunResult;

/** A cell's head (verdict and what broke where) and reason, and how it is cut. */
class VerdictCellTest {
    private static VerdictCell of(RunResult.Verdict v, List<RunResult.Failure> f, List<RunResult.ViolationAt> x,
                                  String error) {
        return VerdictCell.of(new RunResult("t", "t.mms", "p", v, List.of(), f, x, error, RunResult.Counts.ZERO,
                List.of()));
    }

    @Test
    void headsAndReasons() {
        assertEquals(new VerdictCell("pass", ""), of(RunResult.Verdict.PASS, List.of(), List.of(), null));
        assertEquals(new VerdictCell("FAIL isolation @9", ""), of(RunResult.Verdict.FAIL, List.of(),
                List.of(new RunResult.ViolationAt("isolation", 9, "a long message")), null));
        assertEquals(new VerdictCell("FAIL line 10:", "fail != ok"), of(RunResult.Verdict.FAIL,
                List.of(new RunResult.Failure(10, "ok", "fail")), List.of(), null));
        assertEquals(new VerdictCell("ERROR line 4:", "process limit reached (3)"), of(RunResult.Verdict.ERROR,
                List.of(), List.of(), "line 4: process limit reached (3)"));
        assertEquals(new VerdictCell("ERROR", "timed out after 10s"), of(RunResult.Verdict.ERROR, List.of(),
                List.of(), "timed out after 10s"));
    }

    @Test
    void theReasonGivesWayFirst() {
        VerdictCell c = new VerdictCell("ERROR line 4:", "process limit reached (3)");
        assertEquals(c.text(), c.fit(100));
        assertEquals("ERROR line 4: process…", c.fit(22));
        assertEquals(15, c.minWidth());
        assertEquals("ERROR line 4: …", c.fit(15));
        assertEquals("ERROR line 4:", c.fit(13)); // below the minimum: the head alone while it fits
        assertEquals("ERROR line…", c.fit(11));   // and only then the head itself
        assertEquals(new VerdictCell("FAIL isolation @9", "").minWidth(), 17);
    }
}
