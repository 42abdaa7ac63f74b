package org.mmsim.core.cli;

import java.util.Locale;

/**
 * Start-up timing on stderr when {@code MMSIM_TIMING=1}: each mark prints the milliseconds since
 * {@code main} was entered (the JVM's own start-up before that: compare with an empty program, e.g.
 * {@code java -version}). Costs one environment lookup when off.
 */
final class Timing {
    static final boolean ON = "1".equals(System.getenv("MMSIM_TIMING"));
    private static final long MAIN_NANOS = System.nanoTime();
    /** Standard error itself: plugin loading, which may run at the same time, silences System.err. */
    private static final java.io.PrintStream ERR = ON ? new java.io.PrintStream(
            new java.io.FileOutputStream(java.io.FileDescriptor.err), true) : null;

    private Timing() {
    }

    static void mark(String what) {
        if (ON) {
            ERR.printf(Locale.ROOT, "mmsim: timing: %-20s %8.1f ms after main%n", what,
                    (System.nanoTime() - MAIN_NANOS) / 1e6);
            ERR.flush();
        }
    }
}
