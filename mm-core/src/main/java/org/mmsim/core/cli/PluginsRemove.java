package org.mmsim.core.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.mmsim.core.plugin.PluginInventory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mmsim plugins remove ID}: deletes a third-party plugin's jar, and its line in disabled.txt.
 * Refused (status 1) for a bundled plugin (disable it instead) and while enabled plugins need it.
 */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = {"Delete a third-party plugin's jar from the plugins folder.",
            "Refused for a bundled plugin (disable it instead) and while enabled plugins depend on it."})
final class PluginsRemove implements Callable<Integer> {
    @ParentCommand
    PluginsCommand plugins;

    @Parameters(paramLabel = "ID", description = "The Plugin-Id.")
    String id;

    @Override
    public Integer call() {
        Path dir = plugins.dir();
        PluginInventory inventory = plugins.inventory(dir);
        PluginInventory.Jar jar = PluginsCommand.plugin(inventory, id);
        if (jar.bundled()) {
            throw PluginsCommand.refused("plugin " + id + " is bundled with mmsim and cannot be removed; "
                    + "disable it instead: mmsim plugins disable " + id);
        }
        List<String> dependents = inventory.dependents(id, false).stream().map(PluginInventory.Jar::id)
                .filter(d -> !inventory.isDisabled(d)).toList();
        if (!dependents.isEmpty()) {
            throw PluginsCommand.refused("plugin " + id + " is needed by enabled plugin" + (dependents.size() > 1 ? "s " : " ")
                    + PluginsCommand.and(dependents) + "; disable or remove " + (dependents.size() > 1 ? "them" : "it")
                    + " first");
        }
        PluginsCommand.requireWritable(dir);
        try {
            Files.delete(jar.jar());
            inventory.states().forget(id);
        } catch (IOException e) {
            throw PluginsCommand.cannotWrite(dir, e);
        }
        plugins.main.out.println("removed " + id + " " + jar.version() + " (" + jar.file() + ")");
        return Main.EXIT_OK;
    }
}
