package org.mmsim.core.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.plugin.PluginInventory;
import org.mmsim.core.plugin.PolicyCatalog;
import org.mmsim.core.worker.Isolation;

/**
 * The one line for a policy name that names nothing loaded because its plugin is disabled: {@code
 * policy 'fail-pin' is in plugin unshare, which is disabled; enable it with: mmsim plugins enable
 * unshare}. A qualified name says so from the manifests; a bare one costs a trial load of the disabled
 * plugins (a third-party one in its worker), paid only on this error path.
 */
final class DisabledPolicy {
    private DisabledPolicy() {
    }

    static Optional<String> hint(String name, Path dir) {
        PluginInventory inventory;
        try {
            inventory = PluginInventory.of(dir, PluginsCommand.bundled());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        List<PluginInventory.Jar> disabled = new ArrayList<>();
        inventory.ids().stream().filter(inventory::isDisabled).forEach(id -> disabled.add(inventory.plugin(id).get()));
        if (disabled.isEmpty()) {
            return Optional.empty();
        }
        int colon = name.indexOf(':');
        if (colon >= 0) {
            String plugin = name.substring(0, colon);
            return disabled.stream().filter(j -> j.id().equals(plugin)).findFirst().map(j -> say(name, plugin));
        }
        List<Path> jars = new ArrayList<>();
        disabled.forEach(j -> inventory.withDependencies(j).forEach(d -> jars.add(d.jar())));
        PolicyCatalog catalog;
        try {
            catalog = Isolation.load(Isolation.links(jars), new FlagRegistry());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        for (LoadedPolicy p : catalog.list()) {
            if (p.policyId().equals(name) && inventory.isDisabled(p.pluginId())) {
                return Optional.of(say(name, p.pluginId()));
            }
        }
        return Optional.empty();
    }

    private static String say(String name, String plugin) {
        return "policy '" + name + "' is in plugin " + plugin + ", which is disabled; enable it with: mmsim plugins enable "
                + plugin;
    }
}
