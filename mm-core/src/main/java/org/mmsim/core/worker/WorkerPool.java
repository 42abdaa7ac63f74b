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
 * The worker JVM of one third-party plugin: one at a time, reused for the next run until it dies or
 * is killed at a deadline, then replaced. One, so that the plugin's policies keep one instance each
 * as in-process (hidden state carries over from run to run, as {@code --check-determinism} expects);
 * its runs take turns while other policies' runs go on in parallel.
 */
final class WorkerPool {
    /** How long a worker may take to start and load its plugin. */
    static final Duration LOAD_DEADLINE = Duration.ofSeconds(10);
    /** How often a run waiting for its turn or for its worker to start says it has not started yet. */
    private static final Duration SLICE = Duration.ofMillis(100);

    private final List<String> command;
    private final Path dir;
    private final String jarFile;
    private final String pluginId;
    private final java.util.concurrent.Semaphore turn = new java.util.concurrent.Semaphore(1, true);
    private PluginWorker idle;
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
        return hello(w, startNanos, () -> { });
    }

    /** The same, calling {@code waiting} every 100 ms while it waits (a run's clock does not start before). */
    private static Messages.Hello hello(PluginWorker w, long startNanos, Runnable waiting)
            throws PluginWorker.Failed, InterruptedException {
        String slow = "its worker JVM did not load it within " + LOAD_DEADLINE.toSeconds() + " s";
        for (;;) {
            waiting.run();
            Duration left = LOAD_DEADLINE.minusNanos(System.nanoTime() - startNanos);
            if (left.isNegative()) {
                w.kill();
                throw new PluginWorker.Failed(slow);
            }
            Object m = w.poll(left.compareTo(SLICE) < 0 ? left : SLICE);
            if (m == null) {
                continue;
            }
            if (!(m instanceof Messages.Hello h)) {
                w.kill();
                throw new PluginWorker.Failed("its worker JVM said something else than hello");
            }
            return h;
        }
    }

    /** Keeps {@code w} for the next run. */
    synchronized void release(PluginWorker w) {
        idle = w;
    }

    /** The worker, started if there is none alive; the caller has the turn. */
    private PluginWorker acquire(Runnable waiting) throws IOException, PluginWorker.Failed, InterruptedException {
        synchronized (this) {
            PluginWorker w = idle;
            idle = null;
            if (w != null && w.alive()) {
                return w;
            }
        }
        long start = System.nanoTime();
        PluginWorker w = start();
        hello(w, start, waiting);
        return w;
    }

    RunResult run(IsolatedPolicy policy, Scenario scenario, boolean trace, int stateLine, StepObserver observer,
                  Limits limits, Duration timeout, Runnable started) {
        PluginWorker w = null;
        try {
            while (!turn.tryAcquire(SLICE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                started.run(); // waiting for the plugin's other run is not this run's time
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RunResult.error(scenario, policy.id(), "interrupted");
        }
        try {
            w = acquire(started);
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
            done.seen().forEach(seen -> observer.after(seen.statement(), seen.outcome(), seen::state));
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
        } finally {
            turn.release();
        }
    }

    synchronized void killAll() {
        all.forEach(PluginWorker::kill);
    }

    /** Kills every worker and waits (a second at most) until their processes are gone. */
    void killAndWait() {
        List<PluginWorker> workers;
        synchronized (this) {
            workers = List.copyOf(all);
            all.clear();
            idle = null;
        }
        workers.forEach(PluginWorker::kill);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(1);
        for (PluginWorker w : workers) {
            w.awaitExit(Math.max(0, deadline - System.nanoTime()));
        }
    }
}
