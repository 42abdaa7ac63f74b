package org.mmsim.core.shell;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.mmsim.core.mm.MachineState;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.run.Comparison;
import org.mmsim.core.run.ComparisonResult;
import org.mmsim.core.run.RunResult;
import org.mmsim.core.run.StepObserver;
import org.mmsim.core.scenario.Scenario;

/**
 * Runs the session so far through the normal runner, as {@code mmsim run} would: one scenario, one
 * policy, a fresh machine, so what the shell shows is what {@code run --state} of the saved session shows.
 * There is no second interpreter to keep in step: the price is re-running the prefix, microseconds per
 * statement under a bundled policy.
 */
final class Replay {
    private final Comparison comparison;
    private final Duration timeout;

    Replay(Comparison comparison, Duration timeout) {
        this.comparison = comparison;
        this.timeout = timeout;
    }

    /** A run of the session and the machine after its last statement (null when the run ended before it). */
    record Run(RunResult result, MachineState last) {}

    Run run(Scenario scenario, LoadedPolicy policy, boolean trace) {
        int lastLine = scenario.statements().isEmpty() ? -1
                : scenario.statements().get(scenario.statements().size() - 1).line();
        AtomicReference<MachineState> state = new AtomicReference<>();
        StepObserver observer = lastLine < 0 ? StepObserver.NONE
                : StepObserver.at(lastLine, (s, outcome, st) -> state.set(st.get()));
        RunResult r = comparison.compare(List.of(scenario), List.of(policy), timeout, trace, observer, x -> { })
                .results().get(0);
        return new Run(r, state.get());
    }

    /** Both policies, traced: what {@code :diff} compares. */
    ComparisonResult both(Scenario scenario, LoadedPolicy a, LoadedPolicy b) {
        return comparison.compare(List.of(scenario), List.of(a, b), timeout, true, x -> { });
    }
}
