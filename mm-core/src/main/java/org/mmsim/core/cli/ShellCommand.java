package org.mmsim.core.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.run.Comparison;
import org.mmsim.core.shell.ShellLoop;
import org.mmsim.core.shell.WorkerPlugins;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mmsim shell [--policy ID]}: an interactive session (see {@link org.mmsim.core.shell.Shell}); on a
 * terminal through JLine, else reading plain lines from standard input, which is how scripts drive it.
 */
@Command(name = "shell", mixinStandardHelpOptions = true,
        description = {"An interactive session: each line a statement, run at once, the machine shown after it;",
            ":help lists the commands (:policy, :undo, :diff, :save, :plugin load/unload, ...)."},
        footer = {"", "Exit status: 0 every line was taken; 1 a line was rejected (parse error, bad command); "
                + "2 usage or plugin-loading error at start."})
final class ShellCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--policy", paramLabel = "ID", description = "The policy to start with (default: "
            + "mm-id, else the first loaded).")
    String policy;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = Options.DEFAULT_TIMEOUT,
            description = "Longest time one run of the session may take (default: ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Override
    public Integer call() throws IOException {
        Duration timeout = Options.timeout(timeoutSeconds);
        Main.Session session = main.session();
        LoadedPolicy start;
        try {
            start = ShellLoop.startPolicy(session.catalog(), policy);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        ShellLoop.Setup setup = new ShellLoop.Setup(session.catalog(), new WorkerPlugins(session.pluginsDir()),
                session.get(FlagRegistry.class), session.get(Comparison.class), timeout, policy, start);
        // a terminal on both ends gets line editing; anything else (a pipe, a file, a test) plain lines
        if (main.in == System.in && System.console() != null) {
            Terminal terminal;
            try {
                terminal = TerminalBuilder.builder().system(true).dumb(true).build();
            } catch (IOException | UncheckedIOException e) {
                throw CliException.usage("shell: cannot open the terminal: " + e.getMessage());
            }
            return ShellLoop.run(setup, terminal);
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(main.in, StandardCharsets.UTF_8));
        return ShellLoop.run(setup, in, main.out);
    }
}
