package org.mmsim.core.plugin;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.mmsim.api.InvariantProvider;
import org.mmsim.api.PolicyProvider;
import org.mmsim.api.ReportFormatProvider;
import org.mmsim.core.mm.FlagRegistry;
import org.pf4j.ExtensionWrapper;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginDependency;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;

/**
 * Loads the policy plugins of one directory with PF4J 3.14.0 and builds the {@link PolicyCatalog}.
 *
 * <p>Call once, at start-up, on one thread: PF4J is not thread-safe. Plugins are the {@code *.jar}
 * files directly in the directory (JarPluginManager semantics: no directories, no zip expansion, no
 * development mode), taken in file-name order. Every plugin is loaded, resolved, started and asked
 * for its {@link PolicyProvider} extensions on its own, so that a broken or hostile plugin costs only
 * itself: each failure becomes one problem line in the catalog. While plugin code runs, {@code
 * System.out} and {@code System.err} are silenced (PF4J itself logs through slf4j, which the
 * distribution binds to slf4j-nop).
 *
 * <p>Jars the distribution shipped ({@link BundledPlugins}) are loaded first, so that a third-party jar
 * that copies a bundled plugin's Plugin-Id is the one refused, whatever its file name.
 *
 * <p>The plugin manager is kept reachable from the catalog's policies' class loaders only; it is
 * never stopped, since plugins live as long as the process.
 */
public final class PluginLoader {
    private PluginLoader() {
    }

    /**
     * Loads every plugin jar of {@code directory}. The directory must exist and be readable (check
     * with {@link PluginDirectory#check} first); a listing failure is reported as a problem. Bundled
     * jars are those listed in the distribution named by the system property {@code mmsim.home}.
     */
    public static PolicyCatalog load(Path directory, FlagRegistry flags) {
        return load(directory, flags, BundledPlugins.ofHome(System.getProperty(PluginDirectory.HOME_PROPERTY)));
    }

    /** As {@link #load(Path, FlagRegistry)}, with the given list of bundled jars. */
    public static PolicyCatalog load(Path directory, FlagRegistry flags, BundledPlugins bundled) {
        List<Path> jars;
        try {
            jars = listJars(directory);
        } catch (IOException | RuntimeException e) {
            return PolicyCatalog.empty(directory, List.of("plugin directory " + directory + ": cannot list it: "
                    + PolicyCatalog.describe(e)));
        }
        return quietly(() -> {
            Loaded l = loadQuietly(directory, jars, bundled);
            return PolicyCatalog.of(directory, l.contributions(), flags, l.problems())
                    .withExtensions(Extensions.of(l.invariants(), l.formats(), List.of()));
        });
    }

    /** The providers PF4J found in some jars, and the problems met on the way. */
    public record Loaded(List<PolicyCatalog.Contribution> contributions,
                         List<Extensions.Source<InvariantProvider>> invariants,
                         List<Extensions.Source<ReportFormatProvider>> formats, List<String> problems) {
        Loaded(List<String> problems) {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), problems);
        }
    }

    /**
     * Loads the given jars of {@code directory} (all of them, or a chosen few) up to their
     * providers, without asking the providers for policies yet.
     */
    public static Loaded load(Path directory, List<Path> jars, BundledPlugins bundled) {
        return quietly(() -> loadQuietly(directory, new ArrayList<>(jars), bundled));
    }

    /** Runs plugin code with {@code System.out} and {@code System.err} silenced. */
    public static <T> T quietly(java.util.function.Supplier<T> work) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream silent = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(silent);
        System.setErr(silent);
        try {
            return work.get();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static Loaded loadQuietly(Path directory, List<Path> jars, BundledPlugins bundled) {
        Loaded result = new Loaded(new ArrayList<>());
        List<String> problems = result.problems();
        List<PolicyCatalog.Contribution> contributions = result.contributions();
        if (jars.isEmpty()) {
            return result;
        }
        Manager pm;
        try {
            pm = new Manager(directory);
        } catch (RuntimeException | LinkageError e) {
            problems.add("plugin directory " + directory + ": PF4J failed to start: " + PolicyCatalog.describe(e));
            return result;
        }

        // 1. load: descriptor, Plugin-Requires, class loader; bundled jars first
        Set<Path> bundledJars = new HashSet<>();
        for (Path jar : jars) {
            if (bundled.contains(jar)) {
                bundledJars.add(jar);
            }
        }
        jars.sort(Comparator.comparing(jar -> !bundledJars.contains(jar))); // stable: file-name order otherwise
        Map<String, String> fileOfId = new HashMap<>();
        Set<String> bundledIds = new HashSet<>();
        PluginStates states = PluginStates.read(directory);
        for (Path jar : jars) {
            String file = jar.getFileName().toString();
            String bad = checkDescriptor(jar);
            if (bad != null) {
                problems.add("plugin " + file + ": " + bad);
                continue;
            }
            String declared = declaredId(jar);
            if (declared != null && states.isDisabled(declared)) {
                continue; // the user's choice (mmsim plugins disable), not a problem: none of its code is loaded
            }
            if (declared != null && fileOfId.containsKey(declared)) {
                problems.add("plugin " + file + ": Plugin-Id '" + declared + "' is already used by "
                        + fileOfId.get(declared) + "; ignored");
                continue;
            }
            if (declared != null) {
                fileOfId.put(declared, file);
            }
            try {
                PluginWrapper w = pm.loadFrom(jar);
                if (w == null) {
                    problems.add("plugin " + file + ": could not be loaded");
                    continue;
                }
                String id = w.getPluginId();
                if (bundledJars.contains(jar)) {
                    bundledIds.add(id);
                }
                if (w.getPluginState().isDisabled()) { // PF4J found its Plugin-Requires unmet by the system version
                    String requires = w.getDescriptor().getRequires();
                    problems.add("plugin " + id + " (" + file + "): " + ApiVersion.unmet(requires)
                            .orElse("Plugin-Requires " + requires.trim() + " is not met by mm-api " + ApiVersion.running()));
                    pm.unloadQuietly(id);
                }
            } catch (Throwable t) {
                PolicyCatalog.rethrowIfFatal(t);
                problems.add("plugin " + file + ": " + loadReason(t));
            }
        }

        // 2. resolve plugin-to-plugin dependencies (PF4J unloads the plugins it cannot resolve)
        Set<String> loaded = new HashSet<>(pm.ids());
        try {
            pm.resolve();
        } catch (Throwable t) {
            PolicyCatalog.rethrowIfFatal(t);
            // cyclic dependencies (or anything else): drop every plugin that depends on another one
            for (String id : List.copyOf(pm.ids())) {
                List<PluginDependency> deps = pm.getPlugin(id).getDescriptor().getDependencies();
                if (deps != null && !deps.isEmpty()) {
                    problems.add("plugin " + id + ": its plugin dependencies cannot be resolved: "
                            + PolicyCatalog.describe(t));
                    pm.unloadQuietly(id);
                    loaded.remove(id);
                }
            }
            try {
                pm.resolve();
            } catch (Throwable t2) {
                PolicyCatalog.rethrowIfFatal(t2);
                problems.add("plugin directory " + directory + ": plugins cannot be resolved: "
                        + PolicyCatalog.describe(t2));
                return result;
            }
        }
        PluginInventory inventory = null;
        for (String id : sorted(loaded)) {
            if (pm.getPlugin(id) == null) {
                if (inventory == null) {
                    inventory = inventoryOrNull(directory, bundled);
                }
                String why = inventory == null ? null : inventory.plugin(id).flatMap(inventory::dependencyProblem)
                        .orElse(null);
                problems.add("plugin " + id + ": " + (why != null ? why + "; not loaded"
                        : "a plugin it depends on is missing or has the wrong version"));
            }
        }

        // 3. start, in plugin-id order
        for (String id : sorted(pm.ids())) {
            try {
                pm.startPlugin(id);
                if (!pm.getPlugin(id).getPluginState().isStarted()) {
                    problems.add("plugin " + id + ": did not start (state " + pm.getPlugin(id).getPluginState() + ")");
                    pm.unloadQuietly(id);
                }
            } catch (Throwable t) {
                PolicyCatalog.rethrowIfFatal(t);
                problems.add("plugin " + id + ": failed to start: " + PolicyCatalog.describe(unwrap(t)));
                pm.unloadQuietly(id);
            }
        }

        // 4. collect the extensions of the started plugins: policies, invariants, report formats
        for (String id : sorted(pm.ids())) {
            PluginWrapper w = pm.getPlugin(id);
            if (w == null || !w.getPluginState().isStarted()) {
                continue;
            }
            String version = String.valueOf(w.getDescriptor().getVersion());
            Set<String> classNames;
            List<ExtensionWrapper<PolicyProvider>> policies;
            List<ExtensionWrapper<InvariantProvider>> invariants;
            List<ExtensionWrapper<ReportFormatProvider>> formats;
            try {
                classNames = pm.extensionClassNames(id);
                policies = pm.extensions(PolicyProvider.class, id);
                invariants = pm.extensions(InvariantProvider.class, id);
                formats = pm.extensions(ReportFormatProvider.class, id);
            } catch (Throwable t) {
                PolicyCatalog.rethrowIfFatal(t);
                problems.add("plugin " + id + ": cannot read its extensions: " + PolicyCatalog.describe(t));
                continue;
            }
            if (policies.isEmpty() && invariants.isEmpty() && formats.isEmpty()) {
                problems.add("plugin " + id + ": " + (classNames == null || classNames.isEmpty()
                        ? "declares no extension (no META-INF/extensions.idx entry); nothing loaded"
                        : whyNoProvider(pm, id, classNames)));
                continue;
            }
            create(id, policies, problems, p -> contributions.add(
                    new PolicyCatalog.Contribution(id, version, bundledIds.contains(id), p)));
            create(id, invariants, problems, p -> result.invariants().add(new Extensions.Source<>(id, p)));
            create(id, formats, problems, p -> result.formats().add(new Extensions.Source<>(id, p)));
        }
        return result;
    }

    /** Creates a plugin's extensions of one kind, in ordinal then class-name order; a failure is a problem line. */
    private static <T> void create(String id, List<ExtensionWrapper<T>> found, List<String> problems,
                                   java.util.function.Consumer<T> accept) {
        List<ExtensionWrapper<T>> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt((ExtensionWrapper<T> e) -> e.getOrdinal())
                .thenComparing(e -> e.getDescriptor().extensionClass.getName()));
        for (ExtensionWrapper<T> e : sorted) {
            String cls = e.getDescriptor().extensionClass.getName();
            try {
                T p = e.getExtension();
                if (p == null) {
                    problems.add("plugin " + id + ": extension " + cls + " could not be created");
                } else {
                    accept.accept(p);
                }
            } catch (Throwable t) {
                PolicyCatalog.rethrowIfFatal(t);
                problems.add("plugin " + id + ": extension " + cls + " could not be created: "
                        + PolicyCatalog.describe(unwrap(t)));
            }
        }
    }

    private static PluginInventory inventoryOrNull(Path directory, BundledPlugins bundled) {
        try {
            return PluginInventory.of(directory, bundled);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Why none of a plugin's declared extensions is a usable {@link PolicyProvider}. */
    private static String whyNoProvider(Manager pm, String id, Set<String> classNames) {
        List<String> names = sorted(classNames);
        ClassLoader cl = pm.getPluginClassLoader(id);
        for (String name : names) {
            Class<?> c;
            try {
                c = Class.forName(name, false, cl);
            } catch (ClassNotFoundException | LinkageError e) {
                return "extension class " + name + " cannot be loaded (" + PolicyCatalog.describe(e) + ")";
            }
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals(PolicyProvider.class.getName()) && i != PolicyProvider.class) {
                    return "extension " + name + " implements its own copy of " + PolicyProvider.class.getName()
                            + " (mm-api must be a provided dependency, not bundled in the plugin jar)";
                }
            }
        }
        return "none of its extensions " + names + " is a " + PolicyProvider.class.getName() + ", "
                + InvariantProvider.class.getSimpleName() + " or " + ReportFormatProvider.class.getSimpleName();
    }

    /** The regular {@code *.jar} files directly in {@code directory}, by file name. */
    public static List<Path> listJars(Path directory) throws IOException {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(directory, "*.jar")) {
            for (Path p : ds) {
                if (Files.isRegularFile(p)) {
                    jars.add(p);
                }
            }
        }
        jars.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return jars;
    }

    /** Checks that the jar opens and carries a PF4J descriptor; returns the problem, or null. */
    static String checkDescriptor(Path jar) {
        Manifest mf;
        try (JarFile jf = new JarFile(jar.toFile())) {
            mf = jf.getManifest();
        } catch (IOException | RuntimeException e) {
            return "not a readable jar file (" + PolicyCatalog.oneLine(String.valueOf(e.getMessage()), 200) + ")";
        }
        if (mf == null) {
            return "no plugin descriptor: the jar has no META-INF/MANIFEST.MF";
        }
        Attributes a = mf.getMainAttributes();
        String id = a.getValue("Plugin-Id");
        if (id == null || id.isBlank()) {
            return "no plugin descriptor: MANIFEST.MF has no Plugin-Id";
        }
        String version = a.getValue("Plugin-Version");
        if (version == null || version.isBlank()) {
            return "plugin descriptor without Plugin-Version";
        }
        return null;
    }

    /** The jar's Plugin-Id (trimmed), or null when it cannot be read. */
    public static String declaredId(Path jar) {
        try (JarFile jf = new JarFile(jar.toFile())) {
            Manifest mf = jf.getManifest();
            String id = mf == null ? null : mf.getMainAttributes().getValue("Plugin-Id");
            return id == null ? null : id.trim();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String loadReason(Throwable t) {
        Throwable u = unwrap(t);
        String m = u.getMessage();
        if (m != null && m.contains("already loaded plugin")) {
            // PF4J: another jar carries the same Plugin-Id
            return "its Plugin-Id is already used by another jar; ignored";
        }
        return PolicyCatalog.describe(u);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable u = t;
        while (u instanceof PluginRuntimeException && u.getCause() != null && u.getCause() != u) {
            u = u.getCause();
        }
        return u;
    }

    private static List<String> sorted(Set<String> ids) {
        List<String> l = new ArrayList<>(ids);
        l.sort(null);
        return l;
    }

    /** JarPluginManager with the narrow, per-plugin entry points the loader needs. */
    static final class Manager extends JarPluginManager {
        Manager(Path directory) {
            super(directory);
            setSystemVersion(ApiVersion.running()); // PF4J checks each Plugin-Requires against it
            setExactVersionAllowed(false);
            setResolveRecoveryStrategy(ResolveRecoveryStrategy.IGNORE_PLUGIN_AND_CONTINUE);
        }

        /** enabled.txt / disabled.txt read as the plugins commands read them ({@link PluginStates}). */
        @Override
        protected org.pf4j.PluginStatusProvider createPluginStatusProvider() {
            return PluginStates.read(getPluginsRoot()).asProvider();
        }

        /** Always deployment mode, whatever {@code -Dpf4j.mode} says: plugins are jars. */
        @Override
        public RuntimeMode getRuntimeMode() {
            return RuntimeMode.DEPLOYMENT;
        }

        PluginWrapper loadFrom(Path jar) {
            return loadPluginFromPath(jar);
        }

        void resolve() {
            resolvePlugins();
        }

        Set<String> ids() {
            return new HashSet<>(plugins.keySet());
        }

        Set<String> extensionClassNames(String id) {
            return extensionFinder.findClassNames(id);
        }

        <T> List<ExtensionWrapper<T>> extensions(Class<T> type, String id) {
            return extensionFinder.find(type, id);
        }

        void unloadQuietly(String id) {
            try {
                unloadPlugin(id, false, false);
            } catch (Throwable t) {
                PolicyCatalog.rethrowIfFatal(t);
                plugins.remove(id); // at least forget it
                resolvedPlugins.removeIf(w -> w.getPluginId().equals(id));
                unresolvedPlugins.removeIf(w -> w.getPluginId().equals(id));
                startedPlugins.removeIf(w -> w.getPluginId().equals(id));
            }
        }
    }
}
