package org.mmsim.core.worker;

import java.io.Serializable;
import java.util.List;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.mm.MachineState;
import org.mmsim.core.run.RunResult;
import org.mmsim.core.scenario.Scenario;
import org.mmsim.core.scenario.Statement;

/** What a plugin's worker JVM and mmsim say to each other, one serialized object at a time. */
final class Messages {
    private Messages() {
    }

    /**
     * The worker's first word: its plugin, what it offers, what went wrong loading it, and whether
     * loading it left threads running (such a worker is not kept idle: it would burn a core).
     */
    record Hello(String pluginId, String version, List<Offered> policies, List<Named> invariants,
                 List<Named> formats, List<String> problems, boolean threadsLeft, List<String> faultFlags)
            implements Serializable {}

    /** One policy of the plugin, named once at load time, with the kernel release it runs on. */
    record Offered(String id, String summary, int kernelMajor, int kernelMinor) implements Serializable {}

    /** One invariant or report format of the plugin, named once at load time. */
    record Named(String name, String description) implements Serializable {}

    /**
     * Run one scenario under one of the plugin's policies; also take the machine after the statement
     * on {@code stateLine} when it is positive, after every statement when it is 0 (see
     * {@link org.mmsim.core.run.StepObserver#line()}).
     */
    record Job(Scenario scenario, String policyId, boolean trace, int stateLine, Limits limits)
            implements Serializable {}

    /**
     * The run's result, the machine after the statements the job asked for, and whether plugin code
     * left threads running in the worker.
     */
    record Done(RunResult result, List<Seen> seen, boolean threadsLeft) implements Serializable {}

    /** The machine after one statement, and the statement's outcome. */
    record Seen(Statement statement, String outcome, MachineState state) implements Serializable {}
}
