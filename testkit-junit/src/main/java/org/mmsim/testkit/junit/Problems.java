package org.mmsim.testkit.junit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mmsim.core.run.RunResult;
import org.mmsim.core.scenario.Scenario;

/** A run's problems as {@code file:line: what} lines, in the order a reader meets them. */
final class Problems {
    private static final Pattern AT_LINE = Pattern.compile("line (\\d+): (.*)", Pattern.DOTALL);

    private Problems() {
    }

    /** {@code file:line: error under P: reason}, at the statement that was running when the run stopped. */
    static String error(ScenarioSource src, Scenario s, RunResult r) {
        Matcher m = AT_LINE.matcher(r.error());
        if (m.matches()) {
            return src.name() + ":" + m.group(1) + ": error under " + r.policy() + ": " + m.group(2);
        }
        int done = r.steps().size();
        String where = done < s.statements().size() ? ":" + s.statements().get(done).line() : "";
        return src.name() + where + ": error under " + r.policy() + ": " + r.error();
    }

    /** Each failed expectation: {@code file:line: expected X, got Y}. */
    static List<String> failures(ScenarioSource src, RunResult r) {
        List<String> out = new ArrayList<>();
        for (RunResult.Failure f : r.failures()) {
            out.add(src.name() + ":" + f.line() + ": expected " + f.expected() + ", got " + f.actual());
        }
        return out;
    }

    /** Each broken invariant: {@code file:line: invariant I broken: message}. */
    static String violation(ScenarioSource src, RunResult.ViolationAt v) {
        return src.name() + ":" + v.line() + ": invariant " + v.invariant() + " broken: " + v.message();
    }

    /** Sorts {@code file:line: ...} problems by line, keeping the order of those on one line. */
    static void sortByLine(List<String> problems, ScenarioSource src) {
        problems.sort((a, b) -> Integer.compare(lineOf(a, src), lineOf(b, src)));
    }

    private static int lineOf(String problem, ScenarioSource src) {
        String rest = problem.substring(src.name().length() + 1);
        return Integer.parseInt(rest.substring(0, rest.indexOf(':')));
    }

    /** The headline of a failed scenario. */
    static String headline(ScenarioSource src, Scenario s, String policy, String what) {
        return policy + " on " + src.name() + " (\"" + s.title() + "\"): " + what;
    }
}
