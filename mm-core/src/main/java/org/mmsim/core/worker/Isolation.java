package org.mmsim.core.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mmsim.api.KernelRelease;
import org.mmsim.api.Policy;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.plugin.BundledPlugins;
import org.mmsim.core.plugin.Extensions;
import org.mmsim.core.plugin.PluginDirectory;
import org.mmsim.core.plugin.PluginInventory;
import org.mmsim.core.plugin.PluginLoader;
import org.mmsim.core.plugin.PolicyCatalog;

/**
 * How mmsim loads plugins: the bundled ones ({@link BundledPlugins}: the jars the distribution
 * ships, recognised by their SHA-256) in this JVM, as fast as ever; every other jar in a
 * worker JVM of its own, which loads it, names its policies and then runs their scenarios, so that
 * nothing the plugin does (exit, crash, hang, exhaust the heap, start threads) reaches this JVM or
 * the other plugins. Workers die with mmsim.
 */
public final class Isolation {
    /** In a command's own worker JVM: load every jar here, none in a further worker. */
    public static final String IN_WORKER_PROPERTY = "mmsim.worker";
    /** Extra JVM options for workers, split on white space (e.g. {@code -Xmx256m}). */
    public static final String WORKER_OPTS_ENV = "MMSIM_WORKER_JAVA_OPTS";

    private static final List<WorkerPool> POOLS = new ArrayList<>();
    private static final Set<String> WARNINGS = new java.util.LinkedHashSet<>();
    private static final List<Path> TEMP_DIRS = new ArrayList<>();
    private static boolean hooked;

    private Isolation() {
    }

    /** The catalog of {@code dir}: bundled jars in-process, the rest each behind its worker. */
    public static PolicyCatalog load(Path dir, FlagRegistry flags) {
        BundledPlugins shipped = BundledPlugins.ofHome(System.getProperty(PluginDirectory.HOME_PROPERTY));
        if (shipped == BundledPlugins.NONE || Boolean.getBoolean(IN_WORKER_PROPERTY)) {
            return PluginLoader.load(dir, flags); // not a distribution (tests), or already isolated
        }
        PluginInventory inventory;
        try {
            inventory = PluginInventory.of(dir, shipped);
        } catch (IOException | RuntimeException e) {
            return PluginLoader.load(dir, flags); // which reports why the directory cannot be listed
        }
        List<Path> bundled = new ArrayList<>();
        List<Path> foreign = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<PolicyCatalog.Contribution> contributions = new ArrayList<>();
        List<Extensions.Offered> offered = new ArrayList<>();
        for (PluginInventory.Jar j : inventory.jars()) {
            if (j.descriptor() != null && j.owner() == null && inventory.isDisabled(j.id())) {
                continue; // disabled: no worker, no link in any worker's directory
            }
            if (j.bundled()) {
                bundled.add(j.jar());
                continue;
            }
            // what can be told from the manifests (bad descriptor, id taken, Plugin-Requires, dependencies)
            // costs no worker; the wording is the in-process loader's
            Optional<String> problem = inventory.problemLine(j);
            if (problem.isPresent()) {
                problems.add(problem.get());
            } else {
                foreign.add(j.jar());
            }
        }
        // start every worker first, so that their JVMs start in parallel with the bundled plugins' loading
        Map<Path, WorkerPool> pools = new LinkedHashMap<>();
        Map<Path, PluginWorker> first = new HashMap<>();
        long start = System.nanoTime();
        for (Path jar : foreign) {
            try {
                WorkerPool pool = new WorkerPool(command(), workerDir(jar, foreign, bundled),
                        jar.getFileName().toString(), PluginJar.id(jar));
                register(pool);
                first.put(jar, pool.start());
                pools.put(jar, pool);
            } catch (IOException e) {
                problems.add("plugin " + jar.getFileName() + ": its worker JVM cannot start: " + e);
            }
        }
        PluginLoader.Loaded here = PluginLoader.load(dir, bundled, shipped);
        problems.addAll(0, here.problems());
        contributions.addAll(here.contributions());
        for (Map.Entry<Path, WorkerPool> e : pools.entrySet()) {
            greet(e.getKey(), e.getValue(), first.get(e.getKey()), start, contributions, offered, problems);
        }
        return PluginLoader.quietly(() -> PolicyCatalog.of(dir, contributions, flags, problems)
                .withExtensions(Extensions.of(here.invariants(), here.formats(), offered)));
    }

    /**
     * Waits for a new worker's hello: its policies become stubs in {@code contributions}, its invariants
     * and formats names in {@code offered}, its problems lines.
     */
    private static void greet(Path jar, WorkerPool pool, PluginWorker w, long start,
                              List<PolicyCatalog.Contribution> contributions, List<Extensions.Offered> offered,
                              List<String> problems) {
        try {
            Messages.Hello hello = WorkerPool.hello(w, start);
            problems.addAll(hello.problems());
            if (!hello.policies().isEmpty()) {
                List<Policy> stubs = new ArrayList<>();
                hello.policies().forEach(o -> stubs.add(new IsolatedPolicy(o.id(), o.summary(),
                        KernelRelease.of(o.kernelMajor(), o.kernelMinor()), pool)));
                contributions.add(new PolicyCatalog.Contribution(hello.pluginId(), hello.version(), false,
                        host -> stubs, hello.faultFlags()));
            }
            hello.invariants().forEach(o -> offered.add(new Extensions.Offered(hello.pluginId(), "invariant", o.name(),
                    o.description(), pool.dir())));
            hello.formats().forEach(o -> offered.add(new Extensions.Offered(hello.pluginId(), "format", o.name(),
                    o.description(), pool.dir())));
            if (hello.threadsLeft()) {
                w.kill(); // its threads would spin through the whole command: start workers when runs need them
            } else {
                pool.release(w);
            }
        } catch (PluginWorker.Failed f) {
            problems.add("plugin " + jar.getFileName() + ": " + f.getMessage());
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            problems.add("plugin " + jar.getFileName() + ": interrupted while it loaded");
        }
    }

    /** What one jar loaded while mmsim runs gave: its policies (as stubs of its worker) and its problem lines. */
    public record Loaded(List<PolicyCatalog.Contribution> contributions, List<String> problems) {}

    /**
     * Loads one third-party jar while mmsim runs ({@code mmsim shell}): a copy of it, taken now (a jar rebuilt
     * at the same path is a new plugin at its next load), in a worker JVM of its own with the jars of
     * {@code others} it depends on and the {@code bundled} jars. {@link #unload} ends that worker. A jar that
     * gives no policy has its worker ended at once.
     */
    public static Loaded loadJar(Path jar, List<Path> others, List<Path> bundled) {
        String file = jar.getFileName().toString();
        List<String> problems = new ArrayList<>();
        List<PolicyCatalog.Contribution> contributions = new ArrayList<>();
        WorkerPool pool;
        PluginWorker w;
        long start = System.nanoTime();
        try {
            Path copyDir = Files.createTempDirectory("mmsim-jar-");
            synchronized (Isolation.class) {
                TEMP_DIRS.add(copyDir);
            }
            Path copy = Files.copy(jar, copyDir.resolve(file));
            List<Path> foreign = new ArrayList<>(List.of(copy));
            foreign.addAll(others);
            pool = new WorkerPool(command(), workerDir(copy, foreign, bundled), file, PluginJar.id(copy));
            register(pool);
            w = pool.start();
        } catch (IOException e) {
            problems.add("plugin " + file + ": its worker JVM cannot start: " + e);
            return new Loaded(contributions, problems);
        }
        // the shell runs policies only: a jar's invariants and formats serve compare, run and diff
        greet(jar, pool, w, start, contributions, new ArrayList<>(), problems);
        if (contributions.isEmpty()) {
            end(pool);
        }
        return new Loaded(contributions, problems);
    }

    /**
     * Ends every worker JVM of plugin {@code pluginId} and waits (a second at most) until they are gone: nothing
     * of the plugin is left in any JVM. Whether it had a worker.
     */
    public static boolean unload(String pluginId) {
        List<WorkerPool> ended = new ArrayList<>();
        synchronized (Isolation.class) {
            for (java.util.Iterator<WorkerPool> it = POOLS.iterator(); it.hasNext(); ) {
                WorkerPool p = it.next();
                if (p.pluginId().equals(pluginId)) {
                    it.remove();
                    ended.add(p);
                }
            }
        }
        ended.forEach(WorkerPool::killAndWait);
        return !ended.isEmpty();
    }

    private static void end(WorkerPool pool) {
        synchronized (Isolation.class) {
            POOLS.remove(pool);
        }
        pool.killAndWait();
    }

    /**
     * A directory of links for one worker: the plugin's jar, the third-party jars it depends on
     * (by Plugin-Dependencies, transitively), and every bundled jar.
     */
    private static Path workerDir(Path jar, List<Path> foreign, List<Path> bundled) throws IOException {
        Map<String, Path> byId = new HashMap<>();
        foreign.forEach(j -> byId.putIfAbsent(PluginJar.id(j), j));
        Set<Path> wanted = new java.util.LinkedHashSet<>(bundled);
        List<Path> todo = new ArrayList<>(List.of(jar));
        while (!todo.isEmpty()) {
            Path j = todo.remove(todo.size() - 1);
            if (wanted.add(j)) {
                PluginJar.dependencies(j).stream().map(byId::get).filter(d -> d != null).forEach(todo::add);
            }
        }
        Path dir = Files.createTempDirectory("mmsim-worker-");
        synchronized (Isolation.class) {
            TEMP_DIRS.add(dir);
        }
        for (Path j : wanted) {
            Files.createSymbolicLink(dir.resolve(j.getFileName()), j.toAbsolutePath());
        }
        return dir;
    }

    /**
     * A directory of links to {@code jars} (the first of several with one file name), with no
     * enabled.txt or disabled.txt: loaded with {@link #load}, every one of them loads as it would in
     * the plugins folder. What {@code plugins install} checks a new jar in, and what names a disabled
     * plugin's policies. Removed at exit.
     */
    public static Path links(List<Path> jars) throws IOException {
        Path dir = Files.createTempDirectory("mmsim-probe-");
        synchronized (Isolation.class) {
            TEMP_DIRS.add(dir);
        }
        for (Path j : jars) {
            Path link = dir.resolve(j.getFileName());
            if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, j.toAbsolutePath());
            }
        }
        return dir;
    }

    /** The java command line of a scenario worker, up to its arguments. */
    static List<String> command() {
        return command(WorkerMain.class.getName(), true);
    }

    /**
     * The java command line of a worker JVM running {@code mainClass} of org.mmsim.core, up to its
     * arguments; {@code shortRuns}: C1 only and the serial collector, as for scenarios.
     */
    public static List<String> command(String mainClass, boolean shortRuns) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"));
        cmd.add(ownHeap());
        cmd.add("-XX:+ExitOnOutOfMemoryError"); // an exhausted heap ends the worker, with status 3
        if (shortRuns) {
            cmd.add("-XX:TieredStopAtLevel=1"); // scenarios are short: C1 only, as bin/mmsim does for compare
            cmd.add("-XX:+UseSerialGC");
        }
        cmd.add("-D" + IN_WORKER_PROPERTY + "=true");
        String home = System.getProperty("mmsim.home");
        if (home != null) {
            cmd.add("-Dmmsim.home=" + home);
        }
        String opts = System.getenv(WORKER_OPTS_ENV);
        if (opts != null && !opts.isBlank()) {
            cmd.addAll(List.of(opts.strip().split("\\s+")));
        }
        String modulePath = System.getProperty("jdk.module.path");
        if (modulePath != null) {
            cmd.addAll(List.of("--module-path", modulePath, "--add-modules", "jdk.unsupported"));
            String classPath = System.getProperty("java.class.path", "");
            if (!classPath.isEmpty()) { // Hazelcast's jar (bin/mmsim), as this JVM has it
                cmd.addAll(List.of("-cp", classPath, "--add-reads", "org.mmsim.core=ALL-UNNAMED"));
            }
            cmd.addAll(List.of("-m", "org.mmsim.core/" + mainClass));
        } else {
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        }
        return cmd;
    }

    /** One directory of links holding every jar of the given worker directories. */
    public static Path pluginsFor(List<Path> workerDirs) throws IOException {
        Set<Path> dirs = new java.util.LinkedHashSet<>(workerDirs);
        if (dirs.size() == 1) {
            return dirs.iterator().next();
        }
        Path dir = Files.createTempDirectory("mmsim-worker-");
        synchronized (Isolation.class) {
            TEMP_DIRS.add(dir);
        }
        for (Path d : dirs) {
            try (var links = Files.list(d)) {
                for (Path l : (Iterable<Path>) links::iterator) {
                    if (!Files.exists(dir.resolve(l.getFileName()))) {
                        Files.createSymbolicLink(dir.resolve(l.getFileName()), Files.readSymbolicLink(l));
                    }
                }
            }
        }
        return dir;
    }

    /** Notes a warning about a plugin, said once at the end of the command. */
    static synchronized void warn(String warning) {
        WARNINGS.add(warning);
    }

    /** The warnings noted so far, each once; they are forgotten. */
    public static synchronized List<String> drainWarnings() {
        List<String> w = List.copyOf(WARNINGS);
        WARNINGS.clear();
        return w;
    }

    /** The workers' heap limit as given in {@link #WORKER_OPTS_ENV}, else mmsim's own ({@code -Xmx...}). */
    static String heap() {
        String opts = System.getenv(WORKER_OPTS_ENV);
        String last = null;
        for (String o : opts == null ? new String[0] : opts.strip().split("\\s+")) {
            if (o.startsWith("-Xmx")) {
                last = o;
            }
        }
        return last != null ? last : ownHeap();
    }

    /** mmsim's own heap limit as a JVM option, which workers get too. */
    private static String ownHeap() {
        return "-Xmx" + Math.max(64, Runtime.getRuntime().maxMemory() >> 20) + "m";
    }

    private static synchronized void register(WorkerPool pool) {
        POOLS.add(pool);
        if (!hooked) {
            hooked = true;
            Runtime.getRuntime().addShutdownHook(new Thread(Isolation::shutdown, "mmsim-workers-shutdown"));
        }
    }

    /** Kills every worker and removes their directories (also run at JVM exit). */
    public static synchronized void shutdown() {
        POOLS.forEach(WorkerPool::killAll);
        POOLS.clear();
        for (Path d : TEMP_DIRS) {
            try (var files = Files.list(d)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(f);
                }
                Files.deleteIfExists(d);
            } catch (IOException e) {
                // best effort: a temp dir of links
            }
        }
        TEMP_DIRS.clear();
    }
}
