package org.mmsim.testkit.junit;

import java.util.ArrayList;
import java.util.List;
import org.mmsim.core.run.RunResult;
import org.mmsim.core.scenario.Scenario;

/**
 * A policy the scenarios do not name is held to what they say of every policy (a scenario's
 * expectations select no policy: each holds for all of them): the run ends without error, breaks no
 * invariant and, unless {@code expectations} is false, meets every {@code expect}. Two exceptions,
 * as cow.c has them: a scenario tagged {@code xfail} (the kernel itself fails it) is skipped when it
 * fails without error, and so is a run whose first problem is on a line commented {@code SKIP} (one
 * of cow.c's set-up checks, e.g. a kernel without mTHP cannot make a 64K folio).
 */
record Conforms(boolean expectations) implements Expectation {
    @Override
    public Judgement judge(ScenarioSource src, Scenario scenario, RunResult mine, RunResult theirs) {
        if (mine.verdict() == RunResult.Verdict.ERROR) {
            return Judgement.fail(Problems.headline(src, scenario, mine.policy(), "the run ended in error"),
                    List.of(Problems.error(src, scenario, mine)));
        }
        List<Integer> lines = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (expectations) {
            for (RunResult.Failure f : mine.failures()) {
                lines.add(f.line());
            }
            problems.addAll(Problems.failures(src, mine));
        }
        for (RunResult.ViolationAt v : mine.violations()) {
            lines.add(v.line());
            problems.add(Problems.violation(src, v));
        }
        if (problems.isEmpty()) {
            return Judgement.PASS;
        }
        Problems.sortByLine(problems, src);
        int first = lines.stream().min(Integer::compare).orElseThrow();
        if (scenario.expectedFailure()) {
            return Judgement.skip("xfail (the kernel fails this scenario too): " + problems.get(0));
        }
        if (setUpCheck(src.line(first))) {
            return Judgement.skip("skipped as cow.c would, at its set-up check: " + problems.get(0));
        }
        return Judgement.fail(Problems.headline(src, scenario, mine.policy(),
                problems.size() == 1 ? "1 problem" : problems.size() + " problems"), problems);
    }

    /** Whether the line's comment marks one of cow.c's own set-up checks (it says SKIP). */
    static boolean setUpCheck(String line) {
        int comment = line.indexOf('#');
        return comment >= 0 && line.substring(comment).contains("SKIP");
    }
}
