package org.mmsim.core.run;

import java.util.List;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.scenario.Scenario;

/**
 * The matrix a comparison produced: every scenario under every policy.
 *
 * @param policies  the columns, in the order chosen
 * @param scenarios the rows, in the order given (directories expanded, sorted by path)
 * @param results   scenario-major: {@code results.get(s * policies.size() + p)}
 */
public record ComparisonResult(List<LoadedPolicy> policies, List<Scenario> scenarios, List<RunResult> results) {
    public ComparisonResult {
        policies = List.copyOf(policies);
        scenarios = List.copyOf(scenarios);
        results = List.copyOf(results);
        if (results.size() != policies.size() * scenarios.size()) {
            throw new IllegalArgumentException("expected " + policies.size() * scenarios.size() + " results, got "
                    + results.size());
        }
    }

    /** The run of scenario {@code s} under policy {@code p}. */
    public RunResult cell(int s, int p) {
        return results.get(s * policies.size() + p);
    }

    /** How many runs of policy {@code p} ended with {@code verdict}. */
    /** The failures of policy p on scenarios that expect to fail ({@link Scenario#expectedFailure()}). */
    public int expectedFailures(int p) {
        int n = 0;
        for (int s = 0; s < scenarios.size(); s++) {
            if (scenarios.get(s).expectedFailure() && cell(s, p).verdict() == RunResult.Verdict.FAIL) {
                n++;
            }
        }
        return n;
    }

    /** The summary cell of policy p: {@code 30 of 37}, with expected failures, and errors if asked, when there are. */
    public String passed(int p, boolean withErrors) {
        int xfail = expectedFailures(p);
        int errors = withErrors ? count(p, RunResult.Verdict.ERROR) : 0;
        return count(p, RunResult.Verdict.PASS) + " of " + scenarios.size()
                + (xfail > 0 ? " (" + xfail + " xfail)" : "")
                + (errors > 0 ? " (" + errors + (errors == 1 ? " error)" : " errors)") : "");
    }

    public int count(int p, RunResult.Verdict verdict) {
        int n = 0;
        for (int s = 0; s < scenarios.size(); s++) {
            if (cell(s, p).verdict() == verdict) {
                n++;
            }
        }
        return n;
    }
}
