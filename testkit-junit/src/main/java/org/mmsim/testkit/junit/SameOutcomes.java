package org.mmsim.testkit.junit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mmsim.core.run.RunResult;
import org.mmsim.core.scenario.Scenario;

/**
 * "Behaves like {@code reference}": every statement has the outcome it has under the reference policy
 * (the spec's definition of two policies behaving the same: equal steps), the run ends without error,
 * and it breaks no invariant, on any line, that the reference keeps there. The scenario's own
 * expectations do not count: the reference's answers are the expectation.
 */
record SameOutcomes(String reference) implements Expectation {
    @Override
    public Judgement judge(ScenarioSource src, Scenario scenario, RunResult mine, RunResult theirs) {
        if (theirs.verdict() == RunResult.Verdict.ERROR) {
            return Judgement.fail(Problems.headline(src, scenario, mine.policy(), "the reference policy failed"),
                    List.of(Problems.error(src, scenario, theirs)));
        }
        if (mine.verdict() == RunResult.Verdict.ERROR) {
            return Judgement.fail(Problems.headline(src, scenario, mine.policy(), "the run ended in error"),
                    List.of(Problems.error(src, scenario, mine)));
        }
        List<String> problems = new ArrayList<>();
        int n = Math.min(mine.steps().size(), theirs.steps().size());
        for (int i = 0; i < n; i++) {
            RunResult.Step a = theirs.steps().get(i);
            RunResult.Step b = mine.steps().get(i);
            if (!a.outcome().equals(b.outcome())) {
                problems.add(src.name() + ":" + b.line() + ": `" + b.statement() + "`: " + theirs.policy() + " gives "
                        + a.outcome() + ", " + mine.policy() + " gives " + b.outcome());
            }
        }
        Set<String> kept = new HashSet<>();
        for (RunResult.ViolationAt v : theirs.violations()) {
            kept.add(v.invariant() + "@" + v.line());
        }
        for (RunResult.ViolationAt v : mine.violations()) {
            if (!kept.contains(v.invariant() + "@" + v.line())) {
                problems.add(Problems.violation(src, v) + " (" + theirs.policy() + " keeps it)");
            }
        }
        Problems.sortByLine(problems, src);
        return problems.isEmpty() ? Judgement.PASS
                : Judgement.fail(Problems.headline(src, scenario, mine.policy(), "differs from " + theirs.policy()
                        + " in " + (problems.size() == 1 ? "1 place" : problems.size() + " places")), problems);
    }
}
