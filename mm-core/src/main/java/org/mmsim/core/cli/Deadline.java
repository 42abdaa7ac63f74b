package org.mmsim.core.cli;

import java.time.Duration;

/**
 * A command's {@code --timeout}, counted from the start of the invocation (of the parent's, in a
 * command's worker JVM): at the deadline, {@code stop} asks the work to stop and report what it has;
 * if it has not ended {@link #GRACE} later (a policy call that never returns), the command says so
 * and the JVM halts with status 2, so that no command outlives its deadline by more than that.
 */
final class Deadline implements AutoCloseable {
    /** How long the work has, after being asked to stop, to print what it has and end. */
    static final Duration GRACE = Duration.ofMillis(1000);
    /** In a command's worker JVM: when its parent's deadline falls, in epoch milliseconds. */
    static final String AT_PROPERTY = "mmsim.deadline";

    private final Thread watch;

    private Deadline(Thread watch) {
        this.watch = watch;
    }

    /**
     * When {@code timeout} after this command started falls, in epoch milliseconds: after {@link
     * Main#started} (the JVM's own start-up, about 0.3 s, is not counted), or the parent's deadline.
     */
    static long at(Main main, Duration timeout) {
        String given = System.getProperty(AT_PROPERTY);
        return given != null ? Long.parseLong(given) : main.started + timeout.toMillis();
    }

    static Deadline start(Duration deadline, Runnable stop, Main main) {
        String command = main.commandName();
        long at = at(main, deadline);
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(Math.max(0, at - System.currentTimeMillis()));
                stop.run();
                Thread.sleep(GRACE.toMillis());
            } catch (InterruptedException e) {
                return; // the work ended in time
            }
            main.out.flush();
            main.err.println("mmsim: " + command + ": still running " + GRACE.toMillis() / 1000.0
                    + " s after its --timeout of " + org.mmsim.core.run.Comparison.seconds(deadline)
                    + " (a policy call that does not return?); stopped");
            main.err.flush();
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly); // forks and workers too
            Runtime.getRuntime().halt(Main.EXIT_USAGE);
        }, "mmsim-deadline");
        t.setDaemon(true);
        t.start();
        return new Deadline(t);
    }

    @Override
    public void close() {
        watch.interrupt();
    }
}
