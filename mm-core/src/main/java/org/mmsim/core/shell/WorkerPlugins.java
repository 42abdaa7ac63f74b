package org.mmsim.core.shell;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mmsim.core.plugin.BundledPlugins;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.plugin.PluginDirectory;
import org.mmsim.core.plugin.PluginLoader;
import org.mmsim.core.worker.IsolatedPolicy;
import org.mmsim.core.worker.Isolation;

/**
 * Plugins loaded at run time each get a worker JVM, as third-party jars do at start-up; unloading ends
 * that JVM, so nothing of the plugin (class loader, threads, static state) is left anywhere. Plugins
 * whose policies run in mmsim's own JVM (the bundled ones) stay loaded: PF4J could unload them, but
 * their policies are trusted with the machine's internals and other plugins depend on them.
 */
public final class WorkerPlugins implements PluginHost {
    private final List<Path> bundled = new ArrayList<>();
    /** Third-party jars by Plugin-Id, for the dependencies of a jar loaded later. */
    private final Map<String, Path> foreign = new LinkedHashMap<>();

    /** The plugins of {@code pluginsDir} as start-up loaded them. */
    public WorkerPlugins(Path pluginsDir) {
        BundledPlugins shipped = BundledPlugins.ofHome(System.getProperty(PluginDirectory.HOME_PROPERTY));
        try {
            for (Path jar : PluginLoader.listJars(pluginsDir)) {
                if (shipped.contains(jar)) {
                    bundled.add(jar);
                } else {
                    String id = PluginLoader.declaredId(jar);
                    foreign.putIfAbsent(id == null ? jar.getFileName().toString() : id, jar);
                }
            }
        } catch (IOException | RuntimeException e) {
            // start-up reported it already; jars loaded later then depend on nothing of it
        }
    }

    @Override
    public Loaded load(Path jar) {
        List<Path> others = new ArrayList<>(foreign.values());
        Isolation.Loaded l = Isolation.loadJar(jar, others, bundled);
        if (!l.contributions().isEmpty()) {
            foreign.put(l.contributions().get(0).pluginId(), jar);
        }
        return new Loaded(l.contributions(), l.problems());
    }

    @Override
    public Optional<String> unload(String pluginId, List<LoadedPolicy> policies) {
        if (policies.stream().anyMatch(p -> !(p.policy() instanceof IsolatedPolicy))) {
            return Optional.of("plugin " + pluginId + " runs in mmsim's own JVM (a bundled plugin) and stays "
                    + "loaded; plugins in worker JVMs (third-party ones, and every one loaded with :plugin load) "
                    + "can be unloaded");
        }
        Isolation.unload(pluginId);
        foreign.remove(pluginId);
        return Optional.empty();
    }
}
