package org.mmsim.core.report;

import java.util.List;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.run.ComparisonResult;
import org.mmsim.core.run.RunResult;
import org.mmsim.core.scenario.Scenario;
import org.mmsim.core.testing.KernelUnsharePolicy;

/** A 2 scenarios x 2 policies comparison with a pass, a fail (failure + violation), an error. */
final class ReportFixtures {
    static final String NASTY = "q\"b\\s/n\nt\tc\u0001e\u00e9\u20ac\ud83d\ude00 \u2028 <&>";

    private ReportFixtures() {
    }

    static ComparisonResult comparison() {
        LoadedPolicy unshare = new LoadedPolicy("unshare", new KernelUnsharePolicy("unshare"), "unshare", "0.1.0",
                "Linux 5.19-6.1: unshare", true);
        LoadedPolicy legacy = new LoadedPolicy("mapcount", new KernelUnsharePolicy("mapcount"), "legacy", "0.2.0",
                "Linux up to 5.7 \"legacy\"", true);
        Scenario cve = new Scenario("examples/cve.mms", "vmsplice() + unmap in child (CVE-2020-29374)",
                List.of("vmsplice", "cve"), List.of());
        Scenario odd = new Scenario("dir/odd|name.mms", "odd * title | with " + NASTY, List.of(), List.of());
        RunResult.Counts counts = new RunResult.Counts(2, 1, 0, 0, 0, 0, 3);
        List<RunResult.Step> steps = List.of(new RunResult.Step(7, "spawn parent", "ok"),
                new RunResult.Step(14, "peek pipe", "secret-2"));
        RunResult pass = new RunResult(cve.title(), cve.file(), "unshare", RunResult.Verdict.PASS, steps, List.of(),
                List.of(), null, counts, List.of());
        RunResult fail = new RunResult(cve.title(), cve.file(), "mapcount", RunResult.Verdict.FAIL, steps,
                List.of(new RunResult.Failure(14, "secret-1", "secret-2")),
                List.of(new RunResult.ViolationAt("isolation", 13, "child can see 'secret-2' through pipe")),
                null, new RunResult.Counts(2, 0, 1, 0, 0, 0, 2), List.of());
        RunResult nasty = new RunResult(odd.title(), odd.file(), "unshare", RunResult.Verdict.FAIL,
                List.of(new RunResult.Step(1, "read p buf[0]", NASTY)),
                List.of(new RunResult.Failure(1, "x", NASTY)), List.of(), null, RunResult.Counts.ZERO, List.of());
        RunResult error = new RunResult(odd.title(), odd.file(), "mapcount", RunResult.Verdict.ERROR, List.of(),
                List.of(), List.of(), "timed out after 10s", RunResult.Counts.ZERO, List.of());
        return new ComparisonResult(List.of(unshare, legacy), List.of(cve, odd), List.of(pass, fail, nasty, error));
    }
}
