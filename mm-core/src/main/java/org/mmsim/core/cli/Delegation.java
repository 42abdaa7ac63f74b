package org.mmsim.core.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.mmsim.core.plugin.Extensions;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.run.Comparison;
import org.mmsim.core.worker.IsolatedPolicy;
import org.mmsim.core.worker.Isolation;

/**
 * {@code compare}, {@code run} and {@code diff FILE...} that use a third-party invariant or report
 * format run whole in a worker JVM that loads its plugin, as its code never runs in mmsim's own.
 * {@code explore}, {@code diff} and {@code bench} ask a policy millions of questions, too many to
 * send to a worker one by one: when one of their policies is a third-party one, the whole command
 * runs in a worker JVM that loads its plugin (and the bundled ones), with this JVM relaying its
 * output, killing it {@link Deadline#GRACE} past the deadline (plus half a second), and naming the
 * plugin when the worker dies.
 */
final class Delegation {
    /** The plugins directory a command's worker JVM loads, chosen by its parent. */
    static final String PLUGINS_PROPERTY = "mmsim.worker.plugins";

    private Delegation() {
    }

    /** What a command whose runs are each bounded by their own {@code --timeout} gives its worker JVM: no deadline of its own. */
    static final Duration NO_DEADLINE = Duration.ofDays(365);

    /** The exit status of running the command in a worker, when one of {@code policies} needs it; else empty. */
    static OptionalInt ifIsolated(Main main, Duration deadline, List<LoadedPolicy> policies) {
        List<IsolatedPolicy> isolated = isolated(policies);
        return isolated.isEmpty() ? OptionalInt.empty() : run(main, deadline, isolated, List.of(), false);
    }

    /**
     * The exit status of running the command in a worker, when one of the {@code extensions} it uses
     * (a third-party invariant or report format) lives in one: a plugin's invariant is checked, and its
     * format written, where its plugin runs. The worker loads the plugins of {@code policies} too.
     */
    static OptionalInt forExtensions(Main main, List<LoadedPolicy> policies, List<? extends Extensions.Entry<?>> extensions) {
        List<? extends Extensions.Entry<?>> elsewhere = extensions.stream().filter(e -> !e.here()).toList();
        // scenarios are short: C1 only and the serial collector, as bin/mmsim runs compare and run
        return elsewhere.isEmpty() ? OptionalInt.empty() : run(main, NO_DEADLINE, isolated(policies), elsewhere, true);
    }

    private static List<IsolatedPolicy> isolated(List<LoadedPolicy> policies) {
        List<IsolatedPolicy> isolated = new ArrayList<>();
        for (LoadedPolicy p : policies) {
            if (p.policy() instanceof IsolatedPolicy i) {
                isolated.add(i);
            }
        }
        return isolated;
    }

    private static OptionalInt run(Main main, Duration deadline, List<IsolatedPolicy> isolated,
                                   List<? extends Extensions.Entry<?>> elsewhere, boolean shortRuns) {
        List<String> ids = new ArrayList<>();
        isolated.forEach(i -> ids.add(i.pluginId()));
        elsewhere.forEach(e -> ids.add(e.pluginId()));
        String plugins = ids.stream().distinct().collect(Collectors.joining(", "));
        String who = "mmsim: " + main.commandName() + ": the worker JVM of plugin " + plugins;
        Process child;
        try {
            List<Path> dirs = new ArrayList<>();
            isolated.forEach(i -> dirs.add(i.pluginsDir()));
            elsewhere.forEach(e -> dirs.add(e.elsewhere()));
            Path dir = Isolation.pluginsFor(dirs);
            List<String> cmd = new ArrayList<>(Isolation.command(Main.class.getName(), shortRuns));
            int before = cmd.size() - (cmd.contains("-m") ? 2 : 1); // JVM options go before -m or the main class
            cmd.add(before, "-D" + PLUGINS_PROPERTY + "=" + dir);
            cmd.add(before, "-D" + Deadline.AT_PROPERTY + "=" + Deadline.at(main, deadline));
            cmd.addAll(main.args);
            child = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            main.err.println(who + " cannot start: " + e.getMessage());
            return OptionalInt.of(Main.EXIT_USAGE);
        }
        Thread out = relay(child.getInputStream(), main.out);
        Thread err = relay(child.getErrorStream(), main.err);
        int status;
        try {
            long killAt = Deadline.at(main, deadline) + Deadline.GRACE.toMillis() + 300;
            if (!child.waitFor(Math.max(0, killAt - System.currentTimeMillis()), TimeUnit.MILLISECONDS)) {
                child.descendants().forEach(ProcessHandle::destroyForcibly);
                child.destroyForcibly();
                out.join(1000);
                err.join(1000);
                main.err.println(who + " did not end within its --timeout of " + Comparison.seconds(deadline)
                        + "; killed");
                return OptionalInt.of(Main.EXIT_USAGE);
            }
            out.join(2000);
            err.join(2000);
            status = child.exitValue();
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
            return OptionalInt.of(Main.EXIT_USAGE);
        }
        if (status == 3) { // -XX:+ExitOnOutOfMemoryError
            main.err.println(who + " ran out of memory");
            return OptionalInt.of(Main.EXIT_USAGE);
        }
        if (status > Main.EXIT_USAGE) {
            main.err.println(who + " exited with status " + status + " (System.exit or halt in plugin code?)");
            return OptionalInt.of(Main.EXIT_USAGE);
        }
        return OptionalInt.of(status);
    }

    /** Copies what the child writes, as it comes (a progress line included), to {@code to}. */
    private static Thread relay(InputStream from, PrintWriter to) {
        Thread t = new Thread(() -> {
            try (Reader r = new InputStreamReader(from, StandardCharsets.UTF_8)) {
                char[] buf = new char[8192];
                for (int n; (n = r.read(buf)) > 0; ) {
                    synchronized (to) {
                        to.write(buf, 0, n);
                        to.flush();
                    }
                }
            } catch (IOException e) {
                // the child is gone
            }
        }, "mmsim-relay");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
