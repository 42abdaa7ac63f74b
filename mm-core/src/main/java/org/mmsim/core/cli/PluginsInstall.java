package org.mmsim.core.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.mmsim.core.plugin.ApiVersion;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.plugin.PluginInventory;
import org.mmsim.core.plugin.PolicyCatalog;
import org.mmsim.core.worker.Isolation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mmsim plugins install JAR}: copies a plugin jar into the plugins folder once it passed what
 * the loader would check: a PF4J descriptor, Plugin-Requires met by the running mm-api, a Plugin-Id no
 * jar there owns, its required dependencies installed, enabled and of the right version, and a real
 * load, as every command loads it (a third-party jar in a worker JVM), in which its providers name at
 * least one policy. Refused (status 1): nothing copied, one line saying why.
 */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = {"Check a plugin jar as the loader would (descriptor, Plugin-Requires, Plugin-Id not taken, "
                + "dependencies, a trial load in a worker JVM) and copy it into the plugins folder.",
            "Refused: nothing copied, status 1."})
final class PluginsInstall implements Callable<Integer> {
    @ParentCommand
    PluginsCommand plugins;

    @Parameters(paramLabel = "JAR", description = "The plugin jar.")
    Path jar;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(jar) || !Files.isReadable(jar)) {
            throw CliException.usage("plugins install: " + jar + (Files.exists(jar) ? " is not a readable file"
                    : ": no such file"));
        }
        Path dir = plugins.dir();
        PluginInventory inventory = plugins.inventory(dir);
        String file = jar.getFileName().toString();
        PluginInventory.Jar candidate = PluginInventory.read(jar, false, null);
        if (candidate.descriptor() == null) {
            throw PluginsCommand.refused(file + ": " + candidate.problem());
        }
        String id = candidate.id();
        String who = "plugin " + id + " (" + file + "): ";
        Optional<String> requires = ApiVersion.unmet(candidate.descriptor().getRequires());
        if (requires.isPresent()) {
            throw PluginsCommand.refused(who + requires.get());
        }
        Optional<PluginInventory.Jar> taken = inventory.plugin(id);
        if (taken.isPresent()) {
            throw PluginsCommand.refused(who + "Plugin-Id '" + id + "' is already used by "
                    + (taken.get().bundled() ? "bundled jar " + taken.get().file()
                    : taken.get().file() + " (mmsim plugins remove " + id + " first)"));
        }
        if (!file.endsWith(".jar")) {
            throw PluginsCommand.refused(who + "its file name must end in .jar, or the loader never sees it");
        }
        if (Files.exists(dir.resolve(file))) {
            throw PluginsCommand.refused(who + dir + " already has a file named " + file);
        }
        Optional<String> deps = inventory.dependencyProblem(candidate);
        if (deps.isPresent()) {
            throw PluginsCommand.refused(who + deps.get());
        }
        PluginsCommand.requireWritable(dir);
        Contributes contributes = trialLoad(candidate, inventory, who);
        try {
            Path part = Files.createTempFile(dir, ".install-", ".part"); // not *.jar: never loaded half-copied
            try {
                Files.copy(jar, part, StandardCopyOption.REPLACE_EXISTING);
                Files.move(part, dir.resolve(file), StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(part);
            }
        } catch (IOException e) {
            throw PluginsCommand.cannotWrite(dir, e);
        }
        plugins.main.out.println("installed " + id + " " + candidate.version() + " (" + file + "): "
                + contributes.describe());
        if (inventory.isDisabled(id)) {
            plugins.main.err.println("mmsim: warning: " + id + " is disabled in " + dir
                    + "; enable it with: mmsim plugins enable " + id);
        }
        return Main.EXIT_OK;
    }

    /**
     * Loads the candidate with the jars it needs and the bundled ones, as every command would (in its
     * worker when mmsim runs from a distribution), and returns what it contributes; refused when it
     * does not load or contributes nothing.
     */
    private Contributes trialLoad(PluginInventory.Jar candidate, PluginInventory inventory, String who) {
        List<Path> jars = new ArrayList<>(List.of(candidate.jar()));
        for (PluginInventory.Jar j : inventory.jars()) {
            boolean needed = candidate.dependencies().stream().anyMatch(d -> d.getPluginId().equals(j.id()));
            if (j.owner() == null && j.descriptor() != null && !inventory.isDisabled(j.id()) && (j.bundled() || needed)) {
                inventory.withDependencies(j).forEach(d -> jars.add(d.jar()));
            }
        }
        PolicyCatalog catalog;
        try {
            catalog = plugins.catalog(Isolation.links(jars));
        } catch (IOException e) {
            throw CliException.usage("cannot prepare a trial load of " + candidate.file() + ": " + Output.reason(e));
        }
        String id = candidate.id();
        for (String p : catalog.problems()) {
            if (p.startsWith("plugin " + id + ":") || p.startsWith("plugin " + id + " (")
                    || p.startsWith("plugin " + candidate.file() + ":")) {
                throw PluginsCommand.refused(p.startsWith("plugin " + id) ? p : who + p.substring(p.indexOf(':') + 2));
            }
        }
        Contributes contributes = new Contributes(catalog.list().stream().filter(p -> p.pluginId().equals(id))
                .map(LoadedPolicy::policyId).toList(), catalog.extensions().invariantsOf(id),
                catalog.extensions().formatsOf(id));
        if (contributes.nothing()) {
            throw PluginsCommand.refused(who + "it loads but contributes no policy, invariant or report format");
        }
        return contributes;
    }

    /** What a trial load found the plugin contributes. */
    private record Contributes(List<String> policies, List<String> invariants, List<String> formats) {
        boolean nothing() {
            return policies.isEmpty() && invariants.isEmpty() && formats.isEmpty();
        }

        /** {@code policies a, b, invariant c, format d}. */
        String describe() {
            List<String> parts = new ArrayList<>();
            if (!policies.isEmpty()) {
                parts.add((policies.size() == 1 ? "policy " : "policies ") + String.join(", ", policies));
            }
            invariants.forEach(i -> parts.add("invariant " + i));
            formats.forEach(f -> parts.add("format " + f));
            return String.join(", ", parts);
        }
    }
}
