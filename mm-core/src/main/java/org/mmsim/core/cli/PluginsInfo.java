package org.mmsim.core.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mmsim.core.plugin.BundledPlugins;
import org.mmsim.core.plugin.PluginInventory;
import org.mmsim.core.report.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mmsim plugins info ID [--format text|json]}: one plugin in full: every Plugin-* attribute of
 * its manifest, its file and SHA-256, bundled or not, state, dependencies and dependents, the policies
 * it contributes (summary and kernel), the fault flags it registered, and its problem if it has one.
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show one plugin: descriptor, file, SHA-256, state, dependencies and dependents, "
                + "policies with their summaries and kernels, fault flags, invariants and report formats.")
final class PluginsInfo implements Callable<Integer> {
    @ParentCommand
    PluginsCommand plugins;

    @Parameters(paramLabel = "ID", description = "The Plugin-Id.")
    String id;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "text (default) or json.")
    String format;

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("json")) {
            throw CliException.usage("plugins info: --format must be text or json, not '" + format + "'");
        }
        Path dir = plugins.dir();
        PluginInventory inventory = plugins.inventory(dir);
        PluginInventory.Jar jar = PluginsCommand.plugin(inventory, id);
        PluginFacts f = PluginFacts.of(jar, inventory, plugins.catalog(dir));
        String sha;
        try {
            sha = BundledPlugins.sha256(jar.jar());
        } catch (IOException e) {
            throw CliException.usage("cannot read " + jar.jar() + ": " + Output.reason(e));
        }
        var out = plugins.main.out;
        if (format.equals("json")) {
            Map<String, Object> doc = new LinkedHashMap<>(f.json());
            doc.put("path", jar.jar().toAbsolutePath().toString());
            doc.put("sha256", sha);
            doc.put("descriptor", jar.attributes());
            StringBuilder sb = new StringBuilder();
            Json.value(doc, sb);
            out.println(sb);
            return Main.EXIT_OK;
        }
        out.println(f.id() + " " + f.version() + " (" + (f.bundled() ? "bundled" : "third-party") + ", " + f.state() + ")");
        row("file", jar.jar().toAbsolutePath().toString());
        row("sha256", sha);
        boolean first = true;
        for (Map.Entry<String, String> a : jar.attributes().entrySet()) {
            row(first ? "descriptor" : "", a.getKey() + ": " + Main.oneLine(a.getValue()));
            first = false;
        }
        row("requires", f.requiresText());
        row("dependencies", f.dependenciesText());
        row("dependents", f.dependents().isEmpty() ? "none" : String.join(", ", f.dependents()));
        if (f.state().equals("disabled")) {
            row("policies", "none loaded: disabled (mmsim plugins enable " + f.id() + ")");
        } else if (f.policies().isEmpty()) {
            row("policies", "none");
        } else {
            int w = f.policies().stream().mapToInt(p -> p.id().length()).max().orElse(0);
            first = true;
            for (PluginFacts.Policy p : f.policies()) {
                row(first ? "policies" : "", PoliciesCommand.pad(p.id(), w) + "  kernel " + p.kernel() + "  " + p.summary());
                first = false;
            }
        }
        row("fault flags", f.faultFlags().isEmpty() ? "none" : String.join(", ", f.faultFlags()));
        row("invariants", f.invariants().isEmpty() ? "none" : String.join(", ", f.invariants()));
        row("formats", f.formats().isEmpty() ? "none" : String.join(", ", f.formats()));
        if (f.problem() != null) {
            row("problem", Main.oneLine(f.problem()));
        }
        return Main.EXIT_OK;
    }

    private void row(String name, String value) {
        plugins.main.out.println(("  " + PoliciesCommand.pad(name, 13) + value).stripTrailing());
    }

}
