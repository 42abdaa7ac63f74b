package org.mmsim.core.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.mmsim.core.plugin.PluginInventory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mmsim plugins disable ID [--force]}: adds ID to the folder's disabled.txt. Refused (status 1)
 * while enabled plugins need it, naming them; {@code --force} disables them too, and says which.
 */
@Command(name = "disable", mixinStandardHelpOptions = true,
        description = {"Disable a plugin (disabled.txt in the plugins folder): no command offers its policies.",
            "Refused while enabled plugins depend on it, unless --force, which disables them too."})
final class PluginsDisable implements Callable<Integer> {
    @ParentCommand
    PluginsCommand plugins;

    @Parameters(paramLabel = "ID", description = "The Plugin-Id.")
    String id;

    @Option(names = "--force", description = "Also disable the enabled plugins that depend on it.")
    boolean force;

    @Override
    public Integer call() {
        Path dir = plugins.dir();
        PluginInventory inventory = plugins.inventory(dir);
        PluginsCommand.plugin(inventory, id);
        if (inventory.isDisabled(id)) {
            plugins.main.out.println("plugin " + id + " is already disabled");
            return Main.EXIT_OK;
        }
        List<String> dependents = inventory.enabledDependents(id).stream().map(PluginInventory.Jar::id).toList();
        if (!dependents.isEmpty() && !force) {
            throw PluginsCommand.refused("plugin " + id + " is needed by enabled plugin" + (dependents.size() > 1 ? "s " : " ")
                    + PluginsCommand.and(dependents) + "; disable " + (dependents.size() > 1 ? "them" : "it")
                    + " first, or add --force to disable " + (dependents.size() > 1 ? "them" : "it") + " too");
        }
        List<String> all = new java.util.ArrayList<>(dependents);
        all.add(id);
        PluginsCommand.changeStates(dir, all, inventory.states()::disable);
        plugins.main.out.println("disabled " + id + (dependents.isEmpty() ? ""
                : ", and the plugin" + (dependents.size() > 1 ? "s that need" : " that needs") + " it: " + String.join(", ", dependents)));
        return Main.EXIT_OK;
    }
}
