package org.mmsim.core.shell;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.plugin.PolicyCatalog;
import org.mmsim.core.run.Comparison;

/**
 * Reads lines until {@code :quit} or the end of input and hands each to the {@link Shell}. Exit status:
 * 0 when every line was taken, 1 when any was rejected (a parse error, a bad command), so that a script
 * fed through a pipe can tell.
 */
public final class ShellLoop {
    private ShellLoop() {
    }

    /** Everything a session needs from the command line. */
    public record Setup(PolicyCatalog catalog, PluginHost host, FlagRegistry flags, Comparison comparison,
                        Duration timeout, String preferred, LoadedPolicy start) {}

    /** A session over {@code setup} printing to {@code out}. */
    public static Shell shell(Setup setup, PrintWriter out) {
        return new Shell(new LivePlugins(setup.catalog(), setup.host(), setup.flags()),
                new Replay(setup.comparison(), setup.timeout()), out, setup.preferred(), setup.start());
    }

    /** The first policy of a session: {@code --policy}, else {@link Shell#DEFAULT_POLICY}, else the first. */
    public static LoadedPolicy startPolicy(PolicyCatalog catalog, String policy) throws IllegalArgumentException {
        if (policy != null) {
            try {
                return Shell.policy(catalog, policy);
            } catch (Shell.Rejected r) {
                throw new IllegalArgumentException(r.getMessage());
            }
        }
        return Shell.fallback(catalog, null).orElse(null);
    }

    /** Runs a session over plain lines ({@code in} not a terminal); its exit status. */
    public static int run(Setup setup, java.io.BufferedReader in, PrintWriter out) throws IOException {
        return run(shell(setup, out), LineSource.plain(in), false, out);
    }

    /** Runs a session on a terminal (JLine), its output on that terminal; its exit status. */
    public static int run(Setup setup, org.jline.terminal.Terminal terminal) throws IOException {
        try (TerminalLines lines = new TerminalLines(terminal)) {
            PrintWriter out = lines.writer();
            return run(shell(setup, out), lines, true, out);
        }
    }

    static int run(Shell shell, LineSource lines, boolean interactive, PrintWriter out) throws IOException {
        if (interactive) {
            out.println("mmsim shell: type a statement, or :help");
            out.flush();
        }
        boolean allTaken = true;
        for (String line; !shell.quit() && (line = lines.next(shell.prompt())) != null; ) {
            allTaken &= shell.handle(line);
        }
        out.flush();
        return allTaken ? 0 : 1;
    }
}
