package org.mmsim.core.worker;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One worker JVM of a third-party plugin, seen from mmsim: started on a directory holding the
 * plugin's jar (and the bundled jars it may need), it answers one message at a time. Every wait has
 * a deadline; past it, or when the worker dies or sends garbage, the JVM is killed and the caller
 * gets a one-line reason. A reader thread turns the blocking stream into a queue that can be polled.
 */
final class PluginWorker {
    /** Only mmsim's own message and result types, and the JDK's plain collections and boxes, may cross. */
    static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(
            "maxdepth=40;maxrefs=10000000;maxarray=10000000;java.lang.*;java.util.*;org.mmsim.core.**;!*");
    private static final Object EOF = new Object();
    private static final int STDERR_LINES = 20;
    /** The status HotSpot exits with under -XX:+ExitOnOutOfMemoryError. */
    private static final int OOM_STATUS = 3;

    private final Process process;
    private final ObjectOutputStream out;
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final Deque<String> stderr = new ArrayDeque<>();
    private volatile String garbage;

    private PluginWorker(Process process) throws IOException {
        this.process = process;
        this.out = new ObjectOutputStream(new BufferedOutputStream(process.getOutputStream()));
        out.flush();
        daemon("mmsim-worker-reader", this::read);
        daemon("mmsim-worker-stderr", this::drainStderr);
    }

    /** Starts {@code WorkerMain dir jar} with {@code command} (the java command line up to the main class). */
    static PluginWorker start(List<String> command, Path dir, String jarFile) throws IOException {
        List<String> cmd = new ArrayList<>(command);
        cmd.add(dir.toString());
        cmd.add(jarFile);
        return new PluginWorker(new ProcessBuilder(cmd).start());
    }

    private static void daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    private void read() {
        try (ObjectInputStream in = new ObjectInputStream(new BufferedInputStream(process.getInputStream()))) {
            in.setObjectInputFilter(FILTER);
            while (true) {
                inbox.add(in.readObject());
            }
        } catch (java.io.EOFException e) {
            // the worker ended
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            garbage = oneLine(String.valueOf(e), 200);
        } finally {
            inbox.add(EOF);
        }
    }

    private void drainStderr() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                synchronized (stderr) {
                    stderr.addLast(line.length() > 300 ? line.substring(0, 300) : line);
                    if (stderr.size() > STDERR_LINES) {
                        stderr.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // the worker is gone
        }
    }

    /** Why a message did not come: {@code why} when known, else what the worker's death says. */
    static final class Failed extends Exception {
        Failed(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The next message within {@code deadline}, or {@link Failed} with the reason (the worker is then killed). */
    Object receive(Duration deadline, String timedOut) throws Failed, InterruptedException {
        Object m = poll(deadline);
        if (m == null) {
            kill();
            throw new Failed(timedOut);
        }
        return m;
    }

    /** The next message if one comes within {@code wait}, else null; {@link Failed} when the worker ended. */
    Object poll(Duration wait) throws Failed, InterruptedException {
        Object m = inbox.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        if (m == EOF) {
            throw new Failed(death());
        }
        return m;
    }

    /** Sends one message; a worker that cannot take it is dead. */
    void send(Object message) throws Failed {
        try {
            out.writeObject(message);
            out.flush();
            out.reset();
        } catch (IOException e) {
            throw new Failed(death());
        }
    }

    /** What ended the worker, in a few words: out of memory, an exit status, or unreadable output. */
    String death() {
        kill();
        int status;
        try {
            status = process.waitFor(2, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = -1;
        }
        String tail;
        synchronized (stderr) {
            tail = String.join(" | ", stderr);
        }
        // -XX:+ExitOnOutOfMemoryError ends the JVM with status 3, its message going to stdout (the protocol)
        if (status == OOM_STATUS || tail.contains("OutOfMemoryError")) {
            return "its worker JVM ran out of memory (" + Isolation.heap() + " heap)";
        }
        if (garbage != null) {
            return "its worker JVM wrote something that is not a result (" + garbage + ")";
        }
        return "its worker JVM exited with status " + status + " (System.exit or halt in plugin code?)"
                + (tail.isBlank() ? "" : "; last stderr: " + oneLine(tail, 200));
    }

    private static String oneLine(String s, int max) {
        String t = s.replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
        return t.length() > max ? t.substring(0, max) + "…" : t;
    }

    boolean alive() {
        return process.isAlive() && !inbox.contains(EOF);
    }

    /** Waits up to {@code nanos} for the JVM to be gone. */
    void awaitExit(long nanos) {
        try {
            process.waitFor(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the JVM and everything it started. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
