package org.mmsim.core.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.plugin.BundledPlugins;
import org.mmsim.core.plugin.PluginDirectory;
import org.mmsim.core.plugin.PluginInventory;
import org.mmsim.core.plugin.PolicyCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mmsim plugins list|info|enable|disable|install|remove}: the plugin jars of the plugins folder
 * and their state, kept in {@code enabled.txt}/{@code disabled.txt} as PF4J keeps it.
 *
 * <p>Exit status: 0 done (or nothing to do); 1 refused for a reason about the plugins (a jar that
 * would not load, a Plugin-Id taken, dependents or dependencies in the way, a bundled jar to remove),
 * with nothing changed; 2 usage (unknown id, missing file) or a plugins folder that cannot be read or
 * written; {@code list} 2 after the listing when an enabled plugin does not load, as {@code policies}.
 */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "Manage the plugin jars of the plugins folder: list, info, enable, disable, install, remove.",
        subcommands = {PluginsList.class, PluginsInfo.class, PluginsEnable.class, PluginsDisable.class,
            PluginsInstall.class, PluginsRemove.class},
        footer = {"", "Exit status: 0 ok; 1 refused (nothing changed); 2 usage error, or a plugins folder that "
                + "cannot be read or written; list: 2 when an enabled plugin does not load."})
final class PluginsCommand implements java.util.concurrent.Callable<Integer> {
    static final int EXIT_REFUSED = 1;

    @ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** {@code mmsim plugins} alone: the usage, status 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(main.err);
        return Main.EXIT_USAGE;
    }

    /** The plugins folder, as every command resolves it; status 2 when it is missing or unreadable. */
    Path dir() {
        Path dir;
        try {
            dir = PluginDirectory.resolve(main.pluginsDir == null ? null : main.pluginsDir.toString(), main.env,
                    System.getProperty(PluginDirectory.HOME_PROPERTY));
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        PluginDirectory.check(dir).ifPresent(problem -> {
            throw CliException.usage(problem);
        });
        return dir;
    }

    static BundledPlugins bundled() {
        return BundledPlugins.ofHome(System.getProperty(PluginDirectory.HOME_PROPERTY));
    }

    PluginInventory inventory(Path dir) {
        try {
            return PluginInventory.of(dir, bundled());
        } catch (IOException e) {
            throw CliException.usage("plugins directory " + dir + " cannot be listed: " + Output.reason(e));
        }
    }

    /** The plugins as every command loads them (third-party ones in their workers). */
    PolicyCatalog catalog(Path dir) {
        return main.loader.apply(dir, new FlagRegistry());
    }

    /** The plugin {@code id} owns, or status 2 naming the plugins there are. */
    static PluginInventory.Jar plugin(PluginInventory inventory, String id) {
        return inventory.plugin(id).orElseThrow(() -> CliException.usage("no plugin '" + id + "' in "
                + inventory.dir() + " (plugins: " + (inventory.ids().isEmpty() ? "none"
                : String.join(", ", inventory.ids())) + ")"));
    }

    /** Status 2 unless {@code dir} can be written (checked before anything changes). */
    static void requireWritable(Path dir) {
        if (!Files.isWritable(dir)) {
            throw CliException.usage("plugins directory " + dir + " is not writable");
        }
    }

    /** A change of state that may fail to write the plugins folder's state files. */
    interface StateChange {
        void apply(String id) throws IOException;
    }

    /**
     * Applies {@code change} to the plugins {@code ids}, in order, after checking that dir is
     * writable; a failed write is one line and status 2.
     */
    static void changeStates(Path dir, List<String> ids, StateChange change) {
        requireWritable(dir);
        try {
            for (String id : ids) {
                change.apply(id);
            }
        } catch (IOException e) {
            throw cannotWrite(dir, e);
        }
    }

    static CliException refused(String message) {
        return new CliException(message, EXIT_REFUSED);
    }

    static CliException cannotWrite(Path dir, IOException e) {
        return CliException.usage("cannot change plugins directory " + dir + ": " + Output.reason(e));
    }

    /** {@code a}, {@code a and b}, {@code a, b and c}. */
    static String and(List<String> ids) {
        return ids.size() <= 1 ? String.join("", ids)
                : String.join(", ", ids.subList(0, ids.size() - 1)) + " and " + ids.get(ids.size() - 1);
    }
}
