package org.mmsim.core.cli;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.host.HostColumn;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.plugin.PluginDirectory;
import org.mmsim.core.plugin.PluginLoader;
import org.mmsim.core.worker.Isolation;
import org.mmsim.core.plugin.PolicyCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code mmsim} command line: {@code policies}, {@code run}, {@code compare}, {@code explore},
 * {@code diff}, {@code bench}, {@code export}, {@code shell}, {@code plugins}, {@code completion}.
 *
 * <p>Exit status: 0 success; 1 a run failed ({@code run}) or a search found something ({@code explore},
 * {@code diff}); 2 a usage, parse or plugin-loading error, output that could not be written, or an
 * internal error. Nothing but one-line messages ({@code mmsim: ...}) ever reaches stderr: no stack
 * traces, no logging.
 */
@Command(name = "mmsim",
        mixinStandardHelpOptions = true,
        version = "mmsim " + PolicyCatalog.API_VERSION,
        description = "Simulates Linux COW / GUP-pin semantics under pluggable policies.",
        footer = {"", "Exit status: 0 ok; 1 a run failed (run), a search found something (explore, diff) or "
                + "plugins refused a change; 2 usage, parse or plugin-loading error, or output that could not be written."})
public final class Main implements Callable<Integer> {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    @Option(names = "--plugins-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Load plugin jars from DIR (default: $MMSIM_PLUGINS_DIR, else the distribution's plugins/).")
    Path pluginsDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    InputStream in;
    PrintWriter out;
    PrintWriter err;
    UnaryOperator<String> env;
    BiFunction<Path, FlagRegistry, PolicyCatalog> loader;
    /** When this invocation began (epoch ms): whole-command deadlines count from here. */
    long started;
    /** The command line as given: a command whose policy runs in a worker JVM hands it over whole. */
    List<String> args = List.of();
    /** The session opened while the command line was parsed, or null. */
    private EarlySession early;

    /** picocli's no-argument constructor; {@link #execute} fills in the rest. */
    public Main() {
    }

    public static void main(String[] args) {
        Timing.mark("main");
        // no method interception here: spare Guice its class generation at start-up (about 30 ms)
        if (System.getProperty("guice_bytecode_gen_option") == null) {
            System.setProperty("guice_bytecode_gen_option", "DISABLED");
        }
        Writer out = new BufferedWriter(new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        int status;
        try {
            status = execute(args, System.in, out, err, System::getenv, Isolation::load);
        } catch (Throwable t) { // last resort: never a stack trace
            err.println("mmsim: internal error: " + oneLine(String.valueOf(t)));
            status = EXIT_USAGE;
        }
        err.flush();
        Timing.mark("exit");
        System.exit(status);
    }

    /**
     * Runs one command line and returns its exit status. {@code in} is standard input (a scenario
     * named {@code -}); output goes to {@code stdout} and {@code err} (flushed before returning), and
     * output that could not be written is status 2; {@code env} stands for the environment;
     * {@code loader} builds the policy catalog from the plugins directory (normally
     * {@link PluginLoader#load}).
     */
    public static int execute(String[] args, InputStream in, Writer stdout, PrintWriter err,
                              UnaryOperator<String> env, BiFunction<Path, FlagRegistry, PolicyCatalog> loader) {
        CheckedWriter checked = new CheckedWriter(Objects.requireNonNull(stdout, "stdout"));
        PrintWriter out = new PrintWriter(checked);
        Main main = new Main();
        main.started = System.currentTimeMillis();
        main.in = Objects.requireNonNull(in, "in");
        main.out = out;
        main.err = Objects.requireNonNull(err, "err");
        main.env = Objects.requireNonNull(env, "env");
        main.loader = Objects.requireNonNull(loader, "loader");
        main.args = List.of(args);
        main.early = EarlySession.start(args, env, loader);
        CommandLine cl = commandLine(main, args);
        Timing.mark("picocli model");
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("mmsim: " + UsageError.message(ex));
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            Throwable t = unwrap(ex);
            out.flush();
            if (t instanceof CliException ce) {
                if (ce.getMessage() != null) {
                    err.println("mmsim: " + oneLine(ce.getMessage()));
                }
                return ce.exitCode();
            }
            err.println("mmsim: internal error: " + oneLine(String.valueOf(t)));
            return EXIT_USAGE;
        });
        int status;
        try {
            status = cl.execute(args);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            out.flush();
            err.println("mmsim: internal error: " + oneLine(String.valueOf(e)));
            status = EXIT_USAGE;
        }
        out.flush();
        Isolation.drainWarnings().forEach(w -> err.println("mmsim: warning: " + w));
        if (checked.failure() != null) { // whatever the command said, its output is lost
            err.println("mmsim: cannot write to standard output: " + Output.reason(checked.failure()));
            status = EXIT_USAGE;
        }
        err.flush();
        return status;
    }

    /** The subcommands, in the order the usage lists them ({@link #commandLine}). */
    private static final List<Class<?>> COMMANDS = List.of(PoliciesCommand.class, RunCommand.class,
            CompareCommand.class, ExploreCommand.class, DiffCommand.class, MemberCommand.class, BenchCommand.class,
            ExportCommand.class, ShellCommand.class, PluginsCommand.class, CompletionCommand.class,
            CommandLine.HelpCommand.class);

    /**
     * mmsim's command line, with the model of only the subcommand {@code args} names when it names
     * one: picocli reads every option of every command it is given, a fifth of a second for all of
     * them. The usage, {@code help}, {@code completion} and an unknown command get them all.
     */
    static CommandLine commandLine(Main main, String[] args) {
        CommandLine cl = new CommandLine(main);
        String named = commandNamed(args);
        Class<?> only = null;
        for (Class<?> c : COMMANDS) {
            String name = c.getAnnotation(Command.class).name();
            if (name.equals(named) && !name.equals("help") && !name.equals("completion")) {
                only = c;
            }
        }
        for (Class<?> c : COMMANDS) {
            if (only == null || c == only) {
                cl.addSubcommand(c);
            }
        }
        return cl;
    }

    /** The first argument that is not one of mmsim's own options (or the value of one): the command's name, or null. */
    static String commandNamed(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--plugins-dir")) {
                i++;
            } else if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }

    /** The subcommand being run ({@code explore}, ...), for messages. */
    String commandName() {
        for (String a : args) {
            if (spec.subcommands().containsKey(a)) {
                return a;
            }
        }
        return "mmsim";
    }

    /** {@code mmsim} alone: the usage, on stderr, and status 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(err);
        return EXIT_USAGE;
    }

    /**
     * The policy catalog of this invocation: resolves and checks the plugins directory (exit 2 when
     * it is missing or unreadable), creates the injector, loads the plugins and prints each loading
     * problem on stderr.
     */
    Session session() {
        return session(Limits.DEFAULT);
    }

    /** As {@link #session()}, the runs limited by {@code limits}. */
    Session session(Limits limits) {
        Path dir;
        try {
            dir = pluginsDirectory(pluginsDir == null ? null : pluginsDir.toString(), env);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        PluginDirectory.check(dir).ifPresent(problem -> {
            throw CliException.usage(problem);
        });
        Timing.mark("command parsed");
        Session session = early == null ? null : early.take(dir, limits);
        if (session == null) {
            session = open(dir, loader, limits);
        }
        Timing.mark("session open");
        for (String p : session.catalog().problems()) {
            err.println("mmsim: " + oneLine(p));
        }
        for (String c : session.catalog().clashes()) {
            err.println("mmsim: " + oneLine(c));
        }
        err.flush();
        return session;
    }

    /** The plugins directory: a worker JVM's as its parent chose it (Delegation), else the option's, the environment's or the distribution's. */
    static Path pluginsDirectory(String option, UnaryOperator<String> env) {
        String chosen = System.getProperty(Delegation.PLUGINS_PROPERTY);
        return chosen != null ? Path.of(chosen)
                : PluginDirectory.resolve(option, env, System.getProperty(PluginDirectory.HOME_PROPERTY));
    }

    /** Creates the injector and loads the plugins of {@code dir}. */
    static Session open(Path dir, BiFunction<Path, FlagRegistry, PolicyCatalog> loader, Limits limits) {
        Injector injector = Guice.createInjector(new CoreModule(dir, loader, limits));
        return new Session(dir, injector, injector.getInstance(PolicyCatalog.class));
    }

    /** What a command works with once plugins are loaded. */
    record Session(Path pluginsDir, Injector injector, PolicyCatalog catalog) {
        <T> T get(Class<T> type) {
            return injector.getInstance(type);
        }

        /** The column of the live kernel (built in, not a plugin); its summary says if it is unavailable. */
        LoadedPolicy host() {
            HostColumn column = HostColumn.find(System.getProperty(PluginDirectory.HOME_PROPERTY));
            return new LoadedPolicy(column.id(), column, "builtin", PolicyCatalog.API_VERSION, column.summary(), true);
        }

        /** Status 2 when a plugin failed to load (its one-line problem is on stderr already), else 0. */
        int loadingStatus() {
            return catalog.problems().isEmpty() ? EXIT_OK : EXIT_USAGE;
        }

        /** "unshare, legacy, ..." or "none". */
        String loadedIds() {
            List<String> ids = List.copyOf(catalog.policies().keySet());
            return ids.isEmpty() ? "none" : String.join(", ", ids);
        }
    }

    private static Throwable unwrap(Throwable t) {
        Throwable u = t;
        for (int i = 0; i < 5; i++) {
            if ((u instanceof ProvisionException || u instanceof CreationException) && u.getCause() != null) {
                u = u.getCause();
            } else {
                break;
            }
        }
        return u;
    }

    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        return s.replaceAll("[\\r\\n\\t]+", " ").strip();
    }
}
