package org.mmsim.core.plugin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDependency;
import org.pf4j.PluginDescriptor;

/**
 * The plugin jars of a plugins folder as their manifests describe them, read without running any
 * plugin code: descriptor, bundled or not, enabled or disabled, which jar owns each Plugin-Id (bundled
 * jars first, then file-name order, as {@link PluginLoader} decides), and why a plugin cannot load
 * before its code runs (no descriptor, Plugin-Requires, id taken, dependencies).
 */
public final class PluginInventory {
    /**
     * One jar.
     *
     * @param jar        the file
     * @param descriptor its PF4J descriptor, or null when it has none ({@code problem} says why)
     * @param problem    why the jar has no usable descriptor, or null
     * @param attributes every {@code Plugin-*} attribute of its manifest, in manifest order
     * @param bundled    whether the distribution shipped it ({@link BundledPlugins})
     * @param owner      the file of the jar that owns this jar's Plugin-Id when another one does, else null
     */
    public record Jar(Path jar, PluginDescriptor descriptor, String problem, Map<String, String> attributes,
                      boolean bundled, String owner) {
        /** Its Plugin-Id, or its file name when it has none. */
        public String id() {
            return descriptor != null ? descriptor.getPluginId() : file();
        }

        public String file() {
            return jar.getFileName().toString();
        }

        public String version() {
            return descriptor != null ? descriptor.getVersion() : "?";
        }

        /** The Plugin-Dependencies, optional ones ({@code id?}) included. */
        public List<PluginDependency> dependencies() {
            return descriptor == null || descriptor.getDependencies() == null ? List.of() : descriptor.getDependencies();
        }
    }

    private final Path dir;
    private final List<Jar> jars;
    private final Map<String, Jar> owners;
    private final PluginStates states;

    private PluginInventory(Path dir, List<Jar> jars, PluginStates states) {
        this.dir = dir;
        this.jars = List.copyOf(jars);
        this.states = states;
        Map<String, Jar> byId = new TreeMap<>();
        for (Jar j : jars) {
            if (j.descriptor() != null && j.owner() == null) {
                byId.put(j.id(), j);
            }
        }
        this.owners = byId;
    }

    /** The jars of {@code dir} (see {@link PluginLoader#listJars}); throws when it cannot be listed. */
    public static PluginInventory of(Path dir, BundledPlugins bundled) throws IOException {
        List<Path> files = PluginLoader.listJars(dir);
        List<Path> loadOrder = new ArrayList<>(files);
        Set<Path> shipped = new HashSet<>();
        files.stream().filter(bundled::contains).forEach(shipped::add);
        loadOrder.sort(Comparator.comparing(f -> !shipped.contains(f))); // stable: bundled first, then by name
        Map<String, String> ownerOfId = new LinkedHashMap<>();
        Map<Path, Jar> read = new LinkedHashMap<>();
        for (Path f : loadOrder) {
            Jar j = read(f, shipped.contains(f), null);
            if (j.descriptor() != null) {
                String owner = ownerOfId.putIfAbsent(j.id(), j.file());
                if (owner != null) {
                    j = new Jar(f, j.descriptor(), null, j.attributes(), j.bundled(), owner);
                }
            }
            read.put(f, j);
        }
        List<Jar> byName = files.stream().map(read::get).toList();
        return new PluginInventory(dir, byName, PluginStates.read(dir));
    }

    /** One jar on its own (a jar to install), read as {@link #of} reads each. */
    public static Jar read(Path jar, boolean bundled, String owner) {
        String bad = PluginLoader.checkDescriptor(jar);
        Map<String, String> attributes = attributes(jar);
        if (bad != null) {
            return new Jar(jar, null, bad, attributes, bundled, owner);
        }
        try {
            return new Jar(jar, new ManifestPluginDescriptorFinder().find(jar), null, attributes, bundled, owner);
        } catch (RuntimeException e) {
            return new Jar(jar, null, "unreadable plugin descriptor: " + PolicyCatalog.describe(e), attributes,
                    bundled, owner);
        }
    }

    private static Map<String, String> attributes(Path jar) {
        Map<String, String> out = new LinkedHashMap<>();
        try (JarFile jf = new JarFile(jar.toFile())) {
            Manifest mf = jf.getManifest();
            if (mf != null) {
                for (Map.Entry<Object, Object> e : mf.getMainAttributes().entrySet()) {
                    String name = ((Attributes.Name) e.getKey()).toString();
                    if (name.startsWith("Plugin-")) {
                        out.put(name, String.valueOf(e.getValue()));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // checkDescriptor says what is wrong with the jar
        }
        // a manifest's attributes come unordered: PF4J's fields in their usual order, then the rest by name
        List<String> order = List.of("Plugin-Id", "Plugin-Version", "Plugin-Provider", "Plugin-Description",
                "Plugin-Class", "Plugin-Requires", "Plugin-Dependencies", "Plugin-License");
        Map<String, String> sorted = new LinkedHashMap<>();
        order.stream().filter(out::containsKey).forEach(k -> sorted.put(k, out.get(k)));
        new TreeMap<>(out).forEach(sorted::putIfAbsent);
        return sorted;
    }

    public Path dir() {
        return dir;
    }

    /** Every jar, in file-name order. */
    public List<Jar> jars() {
        return jars;
    }

    public PluginStates states() {
        return states;
    }

    /** The jar that owns Plugin-Id {@code id}. */
    public Optional<Jar> plugin(String id) {
        return Optional.ofNullable(owners.get(id));
    }

    /** The Plugin-Ids owned by a jar, sorted. */
    public List<String> ids() {
        return List.copyOf(owners.keySet());
    }

    public boolean isDisabled(String id) {
        return states.isDisabled(id);
    }

    /** The plugins that name {@code id} in their Plugin-Dependencies ({@code optional}: also those with {@code id?}). */
    public List<Jar> dependents(String id, boolean optional) {
        List<Jar> out = new ArrayList<>();
        for (Jar j : owners.values()) {
            if (j.dependencies().stream().anyMatch(d -> d.getPluginId().equals(id) && (optional || !d.isOptional()))) {
                out.add(j);
            }
        }
        return out;
    }

    /**
     * The enabled plugins that cannot load without {@code id}, transitively (required dependencies
     * only), in the order they must be disabled: dependents first.
     */
    public List<Jar> enabledDependents(String id) {
        List<Jar> out = new ArrayList<>();
        collectDependents(id, new HashSet<>(Set.of(id)), out);
        return out;
    }

    private void collectDependents(String id, Set<String> seen, List<Jar> out) {
        for (Jar d : dependents(id, false)) {
            if (!isDisabled(d.id()) && seen.add(d.id())) {
                collectDependents(d.id(), seen, out);
                out.add(d);
            }
        }
    }

    /** The disabled plugins {@code j} needs (required dependencies, transitively), dependencies first. */
    public List<Jar> disabledDependencies(Jar j) {
        List<Jar> out = new ArrayList<>();
        collectDependencies(j, new HashSet<>(Set.of(j.id())), out);
        return out;
    }

    private void collectDependencies(Jar j, Set<String> seen, List<Jar> out) {
        for (PluginDependency d : j.dependencies()) {
            Jar dep = owners.get(d.getPluginId());
            if (!d.isOptional() && dep != null && seen.add(dep.id())) {
                collectDependencies(dep, seen, out);
                if (isDisabled(dep.id())) {
                    out.add(dep);
                }
            }
        }
    }

    /**
     * Why {@code j} cannot load, known before any of its code runs: no descriptor, its Plugin-Id
     * owned by another jar, Plugin-Requires not met, a required dependency missing, disabled, of the
     * wrong version or unable to load itself. Being disabled is not a reason: it is a choice.
     */
    public Optional<String> whyNot(Jar j) {
        return whyNot(j, new HashSet<>());
    }

    private Optional<String> whyNot(Jar j, Set<String> visiting) {
        if (j.descriptor() == null) {
            return Optional.of(j.problem());
        }
        if (j.owner() != null) {
            return Optional.of("Plugin-Id '" + j.id() + "' is already used by " + j.owner() + "; ignored");
        }
        Optional<String> requires = ApiVersion.unmet(j.descriptor().getRequires());
        if (requires.isPresent()) {
            return requires;
        }
        visiting.add(j.id());
        try {
            return dependencyProblem(j, visiting);
        } finally {
            visiting.remove(j.id());
        }
    }

    /**
     * {@link #whyNot} as the one line the loader prints: {@code plugin FILE: ...} when the jar has no
     * usable descriptor or id, {@code plugin ID (FILE): ...} for Plugin-Requires, {@code plugin ID: ...}
     * for a dependency.
     */
    public Optional<String> problemLine(Jar j) {
        return whyNot(j).map(why -> {
            if (j.descriptor() == null || j.owner() != null) {
                return "plugin " + j.file() + ": " + why;
            }
            if (ApiVersion.unmet(j.descriptor().getRequires()).isPresent()) {
                return "plugin " + j.id() + " (" + j.file() + "): " + why;
            }
            return "plugin " + j.id() + ": " + why + "; not loaded";
        });
    }

    /** The first reason one of {@code j}'s dependencies keeps it from loading, or empty. */
    public Optional<String> dependencyProblem(Jar j) {
        return dependencyProblem(j, new HashSet<>(Set.of(j.id())));
    }

    private Optional<String> dependencyProblem(Jar j, Set<String> visiting) {
        for (PluginDependency d : j.dependencies()) {
            String id = d.getPluginId();
            Jar dep = owners.get(id);
            String wanted = d.getPluginVersionSupport();
            String named = wanted == null || wanted.isBlank() || wanted.equals("*") ? id : id + "@" + wanted;
            if (dep == null || isDisabled(id)) {
                if (d.isOptional()) {
                    continue; // PF4J loads the plugin without it
                }
                return Optional.of(dep == null ? "depends on " + named + ", which is not installed"
                        : "depends on " + named + ", which is disabled (mmsim plugins enable " + id + ")");
            }
            if (!ApiVersion.satisfies(dep.version(), wanted)) {
                return Optional.of("depends on " + named + ", but " + id + " is " + dep.version());
            }
            if (!d.isOptional()) {
                if (visiting.contains(id)) {
                    return Optional.of("its dependencies form a cycle through " + id);
                }
                Optional<String> deeper = whyNot(dep, visiting);
                if (deeper.isPresent()) {
                    return Optional.of("depends on " + id + ", which cannot load: " + deeper.get());
                }
            }
        }
        return Optional.empty();
    }

    /** {@code j} and the installed jars it names as dependencies, transitively (optional ones too). */
    public List<Jar> withDependencies(Jar j) {
        Map<String, Jar> out = new LinkedHashMap<>();
        List<Jar> todo = new ArrayList<>(List.of(j));
        while (!todo.isEmpty()) {
            Jar next = todo.remove(todo.size() - 1);
            if (out.putIfAbsent(next.id(), next) == null) {
                next.dependencies().stream().map(d -> owners.get(d.getPluginId())).filter(x -> x != null)
                        .forEach(todo::add);
            }
        }
        return List.copyOf(out.values());
    }
}
