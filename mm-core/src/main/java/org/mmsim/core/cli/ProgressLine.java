package org.mmsim.core.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mmsim.core.explore.Explorer;

/**
 * A running search's progress on stderr, one line per interval, printed by a daemon thread that
 * only reads the explorer's counters: the workers never wait for it.
 */
final class ProgressLine implements AutoCloseable {
    /** The launcher sets it to 1 when stderr is a terminal (Java 17 cannot ask). */
    static final String TERMINAL_VARIABLE = "MMSIM_STDERR_TTY";
    /** Milliseconds between lines, 5000 unless this system property says otherwise (tests). */
    static final String INTERVAL_PROPERTY = "mmsim.progress.millis";

    private final ScheduledExecutorService timer;

    private ProgressLine(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Starts printing explorer's progress on err, or does nothing when off. */
    static ProgressLine start(org.mmsim.core.explore.Search explorer, PrintWriter err, boolean on) {
        if (!on) {
            return new ProgressLine(null);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mmsim-progress");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(1, Long.getLong(INTERVAL_PROPERTY, 5000));
        timer.scheduleAtFixedRate(() -> err.println(format(explorer.progress())), millis, millis,
                TimeUnit.MILLISECONDS);
        return new ProgressLine(timer);
    }

    /** {@code mmsim: depth 6/6: 51234 of 190112 frontier states expanded (26%), 812345 distinct states (104000/s), 1 finding, 8 s}. */
    static String format(Explorer.Progress p) {
        return String.format(Locale.ROOT,
                "mmsim: depth %d/%d: %d of %d frontier states expanded (%d%%), %d distinct states (%.0f/s), %d finding%s, %.0f s",
                p.depth(), p.maxDepth(), p.expanded(), p.frontier(),
                p.frontier() == 0 ? 0 : 100L * p.expanded() / p.frontier(), p.distinct(),
                p.seconds() > 0 ? p.distinct() / p.seconds() : 0.0, p.findings(), p.findings() == 1 ? "" : "s",
                p.seconds());
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
