package org.mmsim.core.cli;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.plugin.PluginDirectory;
import org.mmsim.core.plugin.PolicyCatalog;

/**
 * The injector made and the plugins loaded on a thread of their own while picocli builds its model
 * and parses the command line (each about a tenth of a second at start-up, on a second core), for
 * the plugins directory the arguments name. {@link Main#session} takes it only if the parsed
 * command asks for that directory with the default limits; otherwise it makes its own, and the
 * early one is dropped.
 */
final class EarlySession {
    /** The commands that open a session. */
    private static final Set<String> OPENING = Set.of("explore", "diff", "compare", "run", "policies", "bench",
            "shell", "member");

    private final Path dir;
    private final FutureTask<Main.Session> session;
    /** Whether a command took it already: a second session of the same command is its own. */
    private boolean taken;

    private EarlySession(Path dir, FutureTask<Main.Session> session) {
        this.dir = dir;
        this.session = session;
    }

    /** Starts one for {@code args}, or returns null: no command that opens a session, help asked, an unusable directory. */
    static EarlySession start(String[] args, UnaryOperator<String> env,
                              BiFunction<Path, FlagRegistry, PolicyCatalog> loader) {
        if (!OPENING.contains(String.valueOf(Main.commandNamed(args)))) {
            return null;
        }
        String option = null;
        int given = 0;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
                return null;
            }
            if (a.equals("--plugins-dir") && i + 1 < args.length) {
                option = args[++i];
                given++;
            } else if (a.startsWith("--plugins-dir=")) {
                option = a.substring("--plugins-dir=".length());
                given++;
            }
        }
        if (given > 1) {
            return null;
        }
        Path dir;
        try {
            dir = Main.pluginsDirectory(option, env);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (PluginDirectory.check(dir).isPresent()) {
            return null;
        }
        FutureTask<Main.Session> task = new FutureTask<>(() -> Main.open(dir, loader, Limits.DEFAULT));
        Thread t = new Thread(task, "mmsim-start");
        t.setDaemon(true);
        t.start();
        return new EarlySession(dir, task);
    }

    /**
     * The session for {@code dir} and {@code limits} if this is it, it opened and no one took it
     * before, else null. Waits for it either way: loading silences {@code System.out} and
     * {@code System.err} while it runs, and two loads at once would leave them silenced.
     */
    Main.Session take(Path dir, Limits limits) {
        Main.Session opened;
        try {
            opened = session.get();
        } catch (ExecutionException e) {
            return null; // opened again on the command's thread, which reports what went wrong
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        if (taken || !this.dir.equals(dir) || !Limits.DEFAULT.equals(limits)) {
            return null;
        }
        taken = true;
        return opened;
    }
}
