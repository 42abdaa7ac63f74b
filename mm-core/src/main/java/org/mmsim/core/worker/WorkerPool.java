package org.mmsim.core.worker;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.run.RunResult;
import org.mmsim.core.run.StepObserver;
import org.mmsim.core.scenario.Scenario;

/**
 * The worker JVMs of one third-party plugin: as many as runs of it go on at once, each reused for
 * the next run until it dies or is killed at a deadline; a new one is started when none is idle.
 */
final class WorkerPool {
    /** How long a worker may take to start and load its plugin. */
    static final Duration LOAD_DEADLINE = Duration.ofSeconds(10);

    private final List<String> command;
    private final Path dir;
    private final String jarFile;
    private final String pluginId;
    private final List<PluginWorker> idle = new ArrayList<>();
    private final List<PluginWorker> all = new ArrayList<>();

    WorkerPool(List<String> command, Path dir, String jarFile, String pluginId) {
        this.command = command;
        this.dir = dir;
        this.jarFile = jarFile;
        this.pluginId = pluginId;
    }

    String pluginId() {
        return pluginId;
    }

    Path dir() {
        return dir;
    }

    /** Starts a worker without waiting for it: {@link #hello} then waits. */
    synchronized PluginWorker start() throws IOException {
        PluginWorker w = PluginWorker.start(command, dir, jarFile);
        all.add(w);
        return w;
    }

    /** The worker's first message, within what is left of {@link #LOAD_DEADLINE} since {@code startNanos}. */
    static Messages.Hello hello(PluginWorker w, long startNanos) throws PluginWorker.Failed, InterruptedException {
        Duration left = LOAD_DEADLINE.minusNanos(System.nanoTime() - startNanos);
        Object m = w.receive(left.isNegative() ? Duration.ZERO : left,
                "its worker JVM did not load it within " + LOAD_DEADLINE.toSeconds() + " s");
        if (!(m instanceof Messages.Hello h)) {
            w.kill();
            throw new PluginWorker.Failed("its worker JVM said something else than hello");
        }
        return h;
    }

    synchronized void release(PluginWorker w) {
        idle.add(w);
    }

    private PluginWorker acquire() throws IOException, PluginWorker.Failed, InterruptedException {
        synchronized (this) {
            while (!idle.isEmpty()) {
                PluginWorker w = idle.remove(idle.size() - 1);
                if (w.alive()) {
                    return w;
                }
            }
        }
        long start = System.nanoTime();
        PluginWorker w = start();
        hello(w, start);
        return w;
    }

    RunResult run(IsolatedPolicy policy, Scenario scenario, boolean trace, int stateLine, StepObserver observer,
                  Limits limits, Duration timeout, Runnable started) {
        PluginWorker w = null;
        try {
            w = acquire();
            started.run();
            w.send(new Messages.Job(scenario, policy.id(), trace, stateLine, limits));
            Object m = w.receive(timeout, "timed out after " + org.mmsim.core.run.Comparison.seconds(timeout));
            if (!(m instanceof Messages.Done done) || done.result() == null) {
                w.kill();
                return RunResult.error(scenario, policy.id(), "plugin " + pluginId + ": its worker JVM sent no result");
            }
            if (done.threadsLeft()) {
                w.kill(); // the plugin left threads running: they must not slow its next runs
                Isolation.warn("plugin " + pluginId + ": left threads running after a run; each of its runs "
                        + "gets a fresh worker JVM");
            } else {
                release(w);
            }
            if (done.statement() != null) {
                observer.after(done.statement(), done.outcome(), done::state);
            }
            return done.result();
        } catch (PluginWorker.Failed f) {
            return RunResult.error(scenario, policy.id(), f.getMessage().startsWith("timed out") ? f.getMessage()
                    : "plugin " + pluginId + ": " + f.getMessage());
        } catch (InterruptedException e) { // the comparison gave up on this run: so does its worker
            if (w != null) {
                w.kill();
            }
            Thread.currentThread().interrupt();
            return RunResult.error(scenario, policy.id(), "interrupted");
        } catch (IOException e) {
            return RunResult.error(scenario, policy.id(), "plugin " + pluginId + ": its worker JVM cannot start: " + e);
        }
    }

    synchronized void killAll() {
        all.forEach(PluginWorker::kill);
    }
}
