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
 * {@code mmsim plugins enable ID [--force]}: takes ID off disabled.txt (and onto enabled.txt when that
 * lists plugins). Refused (status 1) while plugins it needs are disabled; {@code --force} enables them
 * too. A plugin that still cannot load (Plugin-Requires, a missing dependency) is enabled with a warning.
 */
@Command(name = "enable", mixinStandardHelpOptions = true,
        description = {"Enable a disabled plugin.",
            "Refused while plugins it depends on are disabled, unless --force, which enables them too."})
final class PluginsEnable implements Callable<Integer> {
    @ParentCommand
    PluginsCommand plugins;

    @Parameters(paramLabel = "ID", description = "The Plugin-Id.")
    String id;

    @Option(names = "--force", description = "Also enable the disabled plugins it depends on.")
    boolean force;

    @Override
    public Integer call() {
        Path dir = plugins.dir();
        PluginInventory inventory = plugins.inventory(dir);
        PluginInventory.Jar jar = PluginsCommand.plugin(inventory, id);
        if (!inventory.isDisabled(id)) {
            plugins.main.out.println("plugin " + id + " is already enabled");
            return Main.EXIT_OK;
        }
        List<String> needed = inventory.disabledDependencies(jar).stream().map(PluginInventory.Jar::id).toList();
        if (!needed.isEmpty() && !force) {
            throw PluginsCommand.refused("plugin " + id + " depends on disabled plugin" + (needed.size() > 1 ? "s " : " ")
                    + PluginsCommand.and(needed) + "; enable " + (needed.size() > 1 ? "them" : "it")
                    + " first, or add --force to enable " + (needed.size() > 1 ? "them" : "it") + " too");
        }
        List<String> all = new java.util.ArrayList<>(needed);
        all.add(id);
        PluginsCommand.changeStates(dir, all, inventory.states()::enable);
        plugins.main.out.println("enabled " + id + (needed.isEmpty() ? ""
                : ", and the plugin" + (needed.size() > 1 ? "s" : "") + " it needs: " + String.join(", ", needed)));
        PluginInventory after = plugins.inventory(dir);
        after.plugin(id).flatMap(after::problemLine)
                .ifPresent(p -> plugins.main.err.println("mmsim: warning: it will not load: " + Main.oneLine(p)));
        return Main.EXIT_OK;
    }
}
