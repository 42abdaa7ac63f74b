package org.mmsim.core.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.mmsim.core.explore.Explorer;

/** What {@code explore} and {@code diff} share: stopping cleanly on Ctrl-C, and writing what they found. */
final class Searches {
    private Searches() {
    }

    /**
     * Ctrl-C handling for a search: the shutdown hook stops the search after the moves in flight
     * and waits (up to 30 s) until the command has printed what it found and closed this.
     */
    static final class CtrlC implements AutoCloseable {
        private final CountDownLatch reported = new CountDownLatch(1);
        private final Thread hook;
        private final PrintWriter out;

        CtrlC(Explorer explorer, PrintWriter out) {
            this.out = out;
            hook = new Thread(() -> {
                explorer.stop();
                try {
                    reported.await(30, TimeUnit.SECONDS);
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

    /** Writes a found scenario into dir (when given) and says so. */
    static void write(Path dir, String name, String text, PrintWriter out) {
        if (dir == null) {
            return;
        }
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name);
            Files.writeString(file, text, StandardCharsets.UTF_8);
            out.println("  written to " + file);
        } catch (IOException e) {
            throw CliException.usage("cannot write " + dir.resolve(name) + ": " + e.getMessage());
        }
    }
}
