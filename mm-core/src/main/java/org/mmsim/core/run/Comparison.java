package org.mmsim.core.run;

import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.mmsim.core.host.HostColumn;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.worker.IsolatedPolicy;
import org.mmsim.core.scenario.Scenario;

/**
 * Runs every scenario under every policy: independent runs, each on its own machine, in parallel
 * on a fixed pool of daemon threads (by default one per available processor).
 *
 * <p>A run that throws becomes an {@code error} cell. A run that takes longer than the timeout
 * (counted from the moment it starts) becomes {@code error: timed out after Ns}: its thread is
 * interrupted (the runner checks between statements) and abandoned; a policy stuck in an endless
 * loop inside one call ignores the interrupt, so when the thread has not come back shortly after,
 * the pool gets one more thread to take its place. Abandoned threads are daemons and never keep
 * the process alive.
 *
 * <p>Results come back in a deterministic order: scenario order, then policy order.
 */
public final class Comparison {
    /** How long a cancelled run may take to notice the interrupt before its thread is written off. */
    private static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ScenarioRunner runner;
    private final int threads;

    @Inject
    public Comparison(ScenarioRunner runner) {
        this(runner, Runtime.getRuntime().availableProcessors());
    }

    public Comparison(ScenarioRunner runner, int threads) {
        this.runner = Objects.requireNonNull(runner, "runner");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
        this.threads = threads;
    }

    /** {@link #compare(List, List, Duration, boolean, Consumer)} without trace and without a listener. */
    public ComparisonResult compare(List<Scenario> scenarios, List<LoadedPolicy> policies, Duration timeout) {
        return compare(scenarios, policies, timeout, false, r -> { });
    }

    /**
     * Runs the matrix.
     *
     * @param timeout  the longest one run may take
     * @param trace    record each run's trace ({@link RunResult#trace()})
     * @param inOrder  called on the calling thread with each result as soon as it and every result
     *                 before it (in scenario × policy order) are known
     */
    public ComparisonResult compare(List<Scenario> scenarios, List<LoadedPolicy> policies, Duration timeout,
                                    boolean trace, Consumer<RunResult> inOrder) {
        return compare(scenarios, policies, timeout, trace, StepObserver.NONE, inOrder);
    }

    /**
     * As {@link #compare(List, List, Duration, boolean, Consumer)}, showing {@code observer} each
     * run's machine after every statement (on the run's thread; runs go on in parallel).
     */
    public ComparisonResult compare(List<Scenario> scenarios, List<LoadedPolicy> policies, Duration timeout,
                                    boolean trace, StepObserver observer, Consumer<RunResult> inOrder) {
        return compare(scenarios, policies, timeout, trace, (s, p) -> observer, r -> {
            inOrder.accept(r);
            return r;
        });
    }

    /**
     * As above, each run shown to its own observer ({@code observers} gives it one per scenario and
     * policy, in scenario × policy order), and {@code inOrder} returning what the comparison keeps of
     * each result (a report that packed a run's trace need not keep it in memory).
     */
    public ComparisonResult compare(List<Scenario> scenarios, List<LoadedPolicy> policies, Duration timeout,
                                    boolean trace, BiFunction<Scenario, LoadedPolicy, StepObserver> observers,
                                    UnaryOperator<RunResult> inOrder) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        int n = scenarios.size() * policies.size();
        List<Task> tasks = new ArrayList<>(n);
        if (n == 0) {
            return new ComparisonResult(policies, scenarios, List.of());
        }
        long timeoutNanos = timeout.toNanos();
        String timedOut = "timed out after " + seconds(timeout);
        BlockingQueue<Task> finished = new LinkedBlockingQueue<>();
        ConcurrentLinkedQueue<Task> started = new ConcurrentLinkedQueue<>();
        int poolThreads = Math.min(threads, n);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(poolThreads, poolThreads, 0L, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), daemonThreads());
        try {
            for (Scenario s : scenarios) {
                for (LoadedPolicy p : policies) {
                    Task t = new Task(s, p, trace, observers.apply(s, p), timeout, finished, started);
                    tasks.add(t);
                }
            }
            for (Task t : tasks) {
                t.future = pool.submit(t);
            }
            List<Task> running = new ArrayList<>();
            List<Task> cancelled = new ArrayList<>();
            int resolved = 0;
            int emitted = 0;
            while (resolved < n) {
                for (Task t; (t = started.poll()) != null; ) {
                    running.add(t);
                }
                long now = System.nanoTime();
                long wait = TimeUnit.MILLISECONDS.toNanos(100);
                for (Iterator<Task> it = running.iterator(); it.hasNext(); ) {
                    Task t = it.next();
                    if (t.result.get() != null) {
                        it.remove();
                        continue;
                    }
                    long deadline = t.startNanos + timeoutNanos;
                    if (now - deadline >= 0) {
                        if (t.result.compareAndSet(null, t.error(timedOut))) {
                            finished.add(t);
                            t.cancelledAt = now;
                            cancelled.add(t);
                            t.future.cancel(true);
                        }
                        it.remove();
                    } else {
                        wait = Math.min(wait, deadline - now);
                    }
                }
                for (Iterator<Task> it = cancelled.iterator(); it.hasNext(); ) {
                    Task t = it.next();
                    if (!t.running) {
                        it.remove();
                    } else if (now - t.cancelledAt >= GRACE_NANOS) {
                        // the policy ignores interrupts: replace the lost worker
                        pool.setMaximumPoolSize(pool.getMaximumPoolSize() + 1);
                        pool.setCorePoolSize(pool.getCorePoolSize() + 1);
                        it.remove();
                    } else {
                        wait = Math.min(wait, t.cancelledAt + GRACE_NANOS - now);
                    }
                }
                Task done = finished.poll(Math.max(wait, 1_000L), TimeUnit.NANOSECONDS);
                List<Task> batch = new ArrayList<>();
                if (done != null) {
                    batch.add(done);
                    finished.drainTo(batch);
                }
                resolved += batch.size();
                while (emitted < n && tasks.get(emitted).result.get() != null) {
                    AtomicReference<RunResult> next = tasks.get(emitted).result;
                    next.set(inOrder.apply(next.get())); // a run given up on cannot set it any more: it is set
                    emitted++;
                }
            }
            List<RunResult> results = new ArrayList<>(n);
            for (Task t : tasks) {
                results.add(t.result.get());
            }
            return new ComparisonResult(policies, scenarios, results);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("comparison interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code 10s}, {@code 0.5s}: the timeout as the error message names it (here and in worker runs). */
    public static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString() + "s";
    }

    private static ThreadFactory daemonThreads() {
        int pool = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "mmsim-run-" + pool + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** One cell: a scenario under a policy. */
    private final class Task implements Runnable {
        final Scenario scenario;
        final LoadedPolicy policy;
        final boolean trace;
        final StepObserver observer;
        final Duration timeout;
        final BlockingQueue<Task> finished;
        final ConcurrentLinkedQueue<Task> started;
        final AtomicReference<RunResult> result = new AtomicReference<>();
        volatile long startNanos;
        volatile boolean running;
        long cancelledAt; // watchdog thread only
        Future<?> future;

        Task(Scenario scenario, LoadedPolicy policy, boolean trace, StepObserver observer, Duration timeout,
             BlockingQueue<Task> finished, ConcurrentLinkedQueue<Task> started) {
            this.scenario = scenario;
            this.policy = policy;
            this.trace = trace;
            this.observer = observer;
            this.timeout = timeout;
            this.finished = finished;
            this.started = started;
        }

        @Override
        public void run() {
            startNanos = System.nanoTime();
            running = true;
            started.add(this);
            RunResult r;
            try {
                // the host column runs on the kernel; every other column on the simulated machine
                // a third-party policy runs in its plugin's worker JVM, killed at the deadline
                if (policy.policy() instanceof HostColumn host) {
                    r = host.run(scenario, timeout, runner.limits());
                } else if (policy.policy() instanceof IsolatedPolicy isolated) {
                    r = isolated.run(scenario, trace, observer.line(), observer, runner.limits(), timeout,
                            () -> startNanos = System.nanoTime());
                } else {
                    r = runner.run(scenario, policy.policy(), trace, observer);
                }
                if (!policy.id().equals(r.policy())) { // the catalog's id is the one reports use
                    r = r.as(policy.id());
                }
            } catch (Throwable e) { // whatever a bundled plugin does, only this cell is lost
                r = error("internal error: " + e);
            } finally {
                running = false;
            }
            if (result.compareAndSet(null, r)) {
                finished.add(this);
            }
        }

        RunResult error(String reason) {
            return RunResult.error(scenario, policy.id(), reason);
        }
    }
}
