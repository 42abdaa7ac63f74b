package org.mmsim.core.worker;

import java.time.Duration;
import java.util.Objects;
import org.mmsim.api.KernelRelease;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.run.ElsewherePolicy;
import org.mmsim.core.run.RunResult;
import org.mmsim.core.run.StepObserver;
import org.mmsim.core.scenario.Scenario;

/**
 * A third-party policy as mmsim's process sees it: a name and a summary. Its decisions are made in
 * its plugin's worker JVM, which runs whole scenarios ({@link #run}); asking it a question here is a
 * bug in mmsim, not in the plugin.
 */
public final class IsolatedPolicy extends ElsewherePolicy {
    private final String id;
    private final String summary;
    private final KernelRelease kernel;
    private final WorkerPool pool;

    IsolatedPolicy(String id, String summary, KernelRelease kernel, WorkerPool pool) {
        this.id = Objects.requireNonNull(id);
        this.summary = Objects.requireNonNull(summary);
        this.kernel = Objects.requireNonNull(kernel);
        this.pool = pool;
    }

    /** The release the policy said it runs on, in its worker (the views of {@code plugins info}). */
    @Override
    public KernelRelease kernel() {
        return kernel;
    }

    /**
     * Runs {@code scenario} in a worker of the plugin, which is killed when the run takes longer than
     * {@code timeout}; {@code observer} sees the statement on {@code stateLine} only (0: none). The
     * timeout counts from {@code started}, called when a worker is ready and the run is sent: starting
     * a worker (up to {@link WorkerPool#LOAD_DEADLINE}) is not the policy's time.
     */
    public RunResult run(Scenario scenario, boolean trace, int stateLine, StepObserver observer, Limits limits,
                         Duration timeout, Runnable started) {
        return pool.run(this, scenario, trace, stateLine, observer, limits, timeout, started);
    }

    /** The directory of jars its workers load: the plugin's and those it needs. */
    public java.nio.file.Path pluginsDir() {
        return pool.dir();
    }

    /** The plugin this policy comes from. */
    public String pluginId() {
        return pool.pluginId();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String summary() {
        return summary;
    }

    @Override
    protected String elsewhere() {
        return "policy " + id + " of plugin " + pool.pluginId() + " decides in its worker JVM, not here";
    }

    @Override
    public boolean keepsAnonExclusive() {
        throw new IllegalStateException(elsewhere());
    }
}
