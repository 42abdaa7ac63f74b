package org.mmsim.core.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.plugin.PluginLoader;
import org.mmsim.core.plugin.PolicyCatalog;

/**
 * The shell's catalog of policies as plugins come and go: {@code :plugin load} adds a jar's policies
 * under the rules of start-up (one jar per Plugin-Id, bundled plugins never displaced, a clash of ids
 * reported and both kept under qualified ids); {@code :plugin unload} removes a plugin's policies.
 */
final class LivePlugins {
    private final PluginHost host;
    private final FlagRegistry flags;
    private PolicyCatalog catalog;

    LivePlugins(PolicyCatalog catalog, PluginHost host, FlagRegistry flags) {
        this.catalog = catalog;
        this.host = host;
        this.flags = flags;
    }

    PolicyCatalog catalog() {
        return catalog;
    }

    /** The ids of the plugins that provide a policy, sorted. */
    List<String> pluginIds() {
        return List.copyOf(new TreeSet<>(catalog.list().stream().map(LoadedPolicy::pluginId).toList()));
    }

    /** The policies of plugin {@code id}. */
    List<LoadedPolicy> policiesOf(String id) {
        return catalog.list().stream().filter(p -> p.pluginId().equals(id)).toList();
    }

    /** Why {@code jar} cannot be loaded before anything of it runs: not a readable file, or its Plugin-Id taken. */
    Optional<String> refusal(Path jar) {
        String file = String.valueOf(jar.getFileName());
        if (!Files.isRegularFile(jar) || !Files.isReadable(jar)) {
            return Optional.of("plugin " + file + ": no such readable file: " + jar);
        }
        String id = PluginLoader.declaredId(jar);
        if (id != null && pluginIds().contains(id)) {
            return Optional.of("plugin " + file + ": Plugin-Id '" + id + "' is already used by loaded plugin " + id
                    + "; ignored (:plugin unload " + id + " first)");
        }
        return Optional.empty();
    }

    /**
     * Loads {@code jar} (which {@link #refusal} let through): its new policies join the catalog. The lines to print: its problems, any new clash
     * of ids; an empty list of contributions means nothing was loaded.
     */
    List<String> load(Path jar) {
        PluginHost.Loaded loaded = host.load(jar);
        List<String> before = catalog.clashes();
        PolicyCatalog next = PluginLoader.quietly(() -> catalog.with(loaded.contributions(), flags, loaded.problems()));
        List<String> lines = new ArrayList<>(next.problems());
        next.clashes().stream().filter(c -> !before.contains(c)).forEach(lines::add);
        catalog = next;
        return lines;
    }

    /** Unloads plugin {@code id}; the reason it stays, if it does. */
    Optional<String> unload(String id) {
        List<LoadedPolicy> policies = policiesOf(id);
        if (policies.isEmpty()) {
            return Optional.of("no plugin '" + id + "' provides a policy (loaded: " + String.join(", ", pluginIds()) + ")");
        }
        Optional<String> refused = host.unload(id, policies);
        if (refused.isEmpty()) {
            catalog = catalog.without(id);
        }
        return refused;
    }
}
