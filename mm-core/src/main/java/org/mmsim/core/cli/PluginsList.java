package org.mmsim.core.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mmsim.core.plugin.ApiVersion;
import org.mmsim.core.plugin.PluginInventory;
import org.mmsim.core.plugin.PolicyCatalog;
import org.mmsim.core.report.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mmsim plugins list [--format text|json]}: every jar of the plugins folder, one row each (id,
 * version, provider, bundled or third-party, state, Plugin-Requires, dependencies, policies), and under
 * a jar that does not load its one-line problem. Status 2 after the list when an enabled plugin does
 * not load.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the plugin jars: id, version, provider, bundled or third-party, enabled or disabled, "
                + "Plugin-Requires, dependencies, what it contributes (policies, invariants, report formats); the problem of a jar that does not load.")
final class PluginsList implements Callable<Integer> {
    @ParentCommand
    PluginsCommand plugins;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "text (default) or json.")
    String format;

    @Override
    public Integer call() {
        boolean json = switch (format) {
            case "text" -> false;
            case "json" -> true;
            default -> throw CliException.usage("plugins list: --format must be text or json, not '" + format + "'");
        };
        Path dir = plugins.dir();
        PluginInventory inventory = plugins.inventory(dir);
        PolicyCatalog catalog = plugins.catalog(dir);
        List<PluginFacts> facts = new ArrayList<>();
        for (PluginInventory.Jar j : inventory.jars()) {
            facts.add(PluginFacts.of(j, inventory, catalog));
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("pluginsDir", dir.toString());
            doc.put("apiVersion", ApiVersion.running());
            doc.put("plugins", facts.stream().map(PluginFacts::json).toList());
            StringBuilder sb = new StringBuilder();
            Json.value(doc, sb);
            plugins.main.out.println(sb);
        } else {
            text(facts, dir);
        }
        return facts.stream().anyMatch(PluginFacts::failed) ? Main.EXIT_USAGE : Main.EXIT_OK;
    }

    private void text(List<PluginFacts> facts, Path dir) {
        if (facts.isEmpty()) {
            plugins.main.err.println("mmsim: no plugin jars in " + dir);
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "VERSION", "PROVIDER", "ORIGIN", "STATE", "REQUIRES", "DEPENDENCIES", "CONTRIBUTES"});
        for (PluginFacts f : facts) {
            rows.add(new String[] {f.id(), f.version(), f.provider().isEmpty() ? "-" : f.provider(),
                f.bundled() ? "bundled" : "third-party", f.state(), f.requiresText(), f.dependenciesText(),
                f.contributions()});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < widths.length; c++) {
                line.append(c == 0 ? "" : "  ").append(PoliciesCommand.pad(rows.get(i)[c], widths[c]));
            }
            plugins.main.out.println(line.toString().stripTrailing());
            if (i > 0 && facts.get(i - 1).problem() != null) {
                plugins.main.out.println("  problem: " + Main.oneLine(facts.get(i - 1).problem()));
            }
        }
    }
}
