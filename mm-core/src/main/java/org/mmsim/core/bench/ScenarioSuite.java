package org.mmsim.core.bench;

import java.time.Duration;
import java.util.List;
import org.mmsim.api.Policy;
import org.mmsim.core.host.HostColumn;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.mm.Machine;
import org.mmsim.core.mm.PolicyFailure;
import org.mmsim.core.mm.ResourceLimitException;
import org.mmsim.core.run.ScenarioRunner;
import org.mmsim.core.scenario.Scenario;
import org.mmsim.core.scenario.Statement;

/**
 * {@code scenarios}: every scenario of a directory, each on a fresh machine, statement by statement
 * and then the teardown, {@value #PASSES} times per run (a conformance-suite pass takes well under a
 * millisecond, too little to time alone). Expectations and invariants are not checked. A run that
 * ends in a policy failure or a resource limit stops that scenario there, as {@code run} would.
 * Counts statements; heap is not measured ({@link #pages()} is 0). Under the {@code host} column
 * each scenario runs once per run, on the kernel, with its processes, as {@code compare} runs it.
 */
public final class ScenarioSuite extends Workload {
    static final int PASSES = 100;
    /** Each scenario's deadline on the host, as compare's default. */
    private static final Duration HOST_TIMEOUT = Duration.ofSeconds(10);

    private final List<Scenario> scenarios;
    private final Limits limits;

    public ScenarioSuite(List<Scenario> scenarios, Limits limits) {
        this.scenarios = List.copyOf(scenarios);
        this.limits = limits;
    }

    @Override
    public String name() {
        return "scenarios";
    }

    @Override
    public long pages() {
        return 0;
    }

    @Override
    public String unit() {
        return "statements";
    }

    @Override
    public long run(Policy policy, FlagRegistry flags, Peak peak) {
        if (policy instanceof HostColumn host) { // real processes on the kernel: one pass is long enough
            long statements = 0;
            for (Scenario s : scenarios) {
                statements += host.run(s, HOST_TIMEOUT, limits).steps().size();
            }
            return statements;
        }
        long statements = 0;
        for (int pass = 0; pass < PASSES; pass++) {
            for (Scenario s : scenarios) {
                statements += runOne(s, policy, flags);
            }
        }
        return statements;
    }

    private long runOne(Scenario scenario, Policy policy, FlagRegistry flags) {
        Machine m = new Machine(policy, flags, limits);
        m.setProvenance(false); // no invariant is checked here
        m.setRecycling(true); // as the page workloads: nobody reads frame numbers here
        long done = 0;
        try {
            for (Statement st : scenario.statements()) {
                m.setTime(st.line());
                ScenarioRunner.execute(m, st.op());
                done++;
            }
            m.teardown();
        } catch (PolicyFailure | ResourceLimitException e) {
            // the run ends here, as in `mmsim run`; what ran still counts
        }
        return done;
    }
}
