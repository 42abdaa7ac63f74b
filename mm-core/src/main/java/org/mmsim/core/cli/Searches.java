package org.mmsim.core.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.util.function.ToIntFunction;
import com.hazelcast.core.HazelcastInstance;
import java.util.List;
import java.util.UUID;
import org.mmsim.core.explore.ClusterSearch;
import org.mmsim.core.explore.ClusterSpec;
import org.mmsim.core.explore.Explorer;
import org.mmsim.core.explore.Search;
import org.mmsim.core.explore.Universe;
import org.mmsim.core.run.Comparison;
import org.mmsim.core.worker.Isolation;

/**
 * What {@code explore} and {@code diff} share: a search with its progress line, stopping cleanly on
 * Ctrl-C, and printing and writing what they found.
 */
final class Searches {
    private Searches() {
    }

    /**
     * Runs a search that tells {@code found} of each finding as soon as its level is complete, then
     * {@code report}s the result; returns the report's exit status.
     */
    static int search(Main main, UniverseOptions options, Universe universe, Explorer.Target target, int maxFindings,
                      Explorer.Listener found, ToIntFunction<Explorer.Result> report, Duration deadline,
                      String kind, List<String> policies, Main.Session session) {
        if (!options.cluster.on()) {
            if (options.cluster.members != null) {
                throw CliException.usage("--members needs --cluster or --cluster-config");
            }
            return search(main, options, new Explorer(universe, options.maxStates, options.threads()), target,
                    maxFindings, found, report, deadline);
        }
        int members = options.cluster.expected();
        HazelcastInstance hz = Clusters.join(session, options.cluster);
        try {
            Clusters.await(hz, members);
            ClusterSpec spec = new ClusterSpec(UUID.randomUUID().toString(), kind, policies, universe,
                    options.reductions(), maxFindings);
            ClusterSearch search = new ClusterSearch(hz, spec, options.maxStates);
            if (options.progress(main.env)) {
                search.onExchange((depth, successors, bytes) -> main.err.println(String.format(java.util.Locale.ROOT,
                        "mmsim: cluster: depth %d: %d successors sent between %d members (about %.1f MB)", depth,
                        successors, members, bytes / 1e6)));
            }
            return search(main, options, search, target, maxFindings, found, report, deadline);
        } finally {
            ClusterSearch.leave(hz);
        }
    }

    private static int search(Main main, UniverseOptions options, Search explorer, Explorer.Target target,
                              int maxFindings, Explorer.Listener found, ToIntFunction<Explorer.Result> report,
                              Duration deadline) {
        try (CtrlC ctrlC = new CtrlC(explorer, main.out);
             Deadline d = Deadline.start(deadline, () -> explorer.stop("--timeout reached after "
                     + Comparison.seconds(deadline)), main)) {
            Explorer.Result r;
            try (ProgressLine line = ProgressLine.start(explorer, main.err, options.progress(main.env));
                 Printer printer = new Printer(found, explorer)) {
                r = explorer.run(target, maxFindings, printer);
            }
            return report.applyAsInt(r);
        }
    }

    /**
     * Prints a finding (its header, then the scenario without comments, indented), writes it as
     * {@code name} into dir when given, and flushes: a finding shows while the search goes on.
     */
    static void print(PrintWriter out, String header, String text, Path dir, String name) {
        out.println(header);
        text.lines().filter(l -> !l.startsWith("#")).forEach(l -> out.println("  " + l));
        write(dir, name, text, out);
        out.flush();
    }

    /**
     * Tells the command of each finding on a thread of its own, in the order found, so that the
     * search's next level does not wait while a counterexample is replayed and printed (cold code:
     * about 50 ms of the default exploration). Closing waits for the last one; the first failure
     * stops the search and is thrown there.
     */
    static final class Printer implements Explorer.Listener, AutoCloseable {
        private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mmsim-findings");
            t.setDaemon(true);
            return t;
        });
        private final Explorer.Listener print;
        private final Search search;
        private volatile Throwable failure;

        Printer(Explorer.Listener print, Search search) {
            this.print = print;
            this.search = search;
        }

        @Override
        public void found(Explorer.Finding finding) {
            thread.execute(() -> {
                if (failure != null) {
                    return;
                }
                try {
                    print.found(finding);
                } catch (RuntimeException | LinkageError | StackOverflowError e) {
                    failure = e;
                    search.stop("a finding could not be printed");
                }
            });
        }

        @Override
        public void close() {
            thread.shutdown();
            boolean interrupted = false;
            while (true) {
                try {
                    if (thread.awaitTermination(1, TimeUnit.DAYS)) {
                        break;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
        }
    }

    /**
     * Ctrl-C handling for a search: the shutdown hook stops the search after the moves in flight
     * and waits (up to 30 s) until the command has printed what it found and closed this.
     */
    static final class CtrlC implements AutoCloseable {
        private final CountDownLatch reported = new CountDownLatch(1);
        private final Thread hook;
        private final PrintWriter out;

        CtrlC(Search explorer, PrintWriter out) {
            this.out = out;
            hook = new Thread(() -> {
                explorer.stop();
                try {
                    // in a worker JVM this is also how System.exit() in plugin code ends: do not wait long
                    reported.await(Boolean.getBoolean(Isolation.IN_WORKER_PROPERTY) ? 1 : 30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "mmsim-ctrl-c");
            Runtime.getRuntime().addShutdownHook(hook);
        }

        @Override
        public void close() {
            out.flush(); // on Ctrl-C the JVM exits as soon as the hook returns
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and now returns
            }
        }
    }

    /** Writes a found scenario into dir (when given, checked by {@link UniverseOptions#out()}) and says so. */
    private static void write(Path dir, String name, String text, PrintWriter out) {
        if (dir == null) {
            return;
        }
        try {
            Path file = dir.resolve(name);
            Files.writeString(file, text, StandardCharsets.UTF_8);
            out.println("  written to " + file);
        } catch (IOException e) {
            throw CliException.usage("cannot write " + dir.resolve(name) + ": " + Output.reason(e));
        }
    }
}
