package org.mmsim.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsim.dist.hostile.KeepingPolicies;
import org.mmsim.dist.hostile.KeepingPolicy;
import org.mmsim.dist.hostile.LikeUnshare;
import org.mmsim.testkit.MiniJson;
import org.mmsim.testkit.PluginJars;

/**
 * A plugin whose policy keeps a view and uses it in its next call: through the real launcher, its
 * cells are {@code error} with a one-line reason, every other cell is what a run without the plugin
 * gives, and {@code compare} exits 0 as for any error cell.
 */
class EndedViewIT {
    private static final List<String> SCENARIOS = List.of("anon-basic-cow.mms", "anon-ro-pin-longterm-shared.mms",
            "swap-anon-basic-cow.mms");
    private static final String REASON = "policy " + KeepingPolicy.ID + ": (WpFault\\.tryFreeSwap|PageView\\.refCount"
            + "|PinRequest\\.longterm)\\(\\): view used after the call it was passed to \\(in [a-z_]+\\)";

    @TempDir
    Path work;

    @Test
    @SuppressWarnings("unchecked")
    void aKeptViewCostsOnlyItsOwnCells() throws Exception {
        Path bundled = Mmsim.pluginsWithout(work.resolve("bundled"));
        Path plugins = Mmsim.pluginsWithout(work.resolve("plugins"));
        PluginJars.write(plugins.resolve("mmsim-plugin-keeping-1.0.0.jar"),
                PluginJars.descriptor("keeping", "1.0.0", "keeps views"),
                List.of(KeepingPolicies.class, KeepingPolicy.class, LikeUnshare.class),
                List.of(KeepingPolicies.class.getName()));
        Path dir = Files.createDirectories(work.resolve("scenarios"));
        for (String f : SCENARIOS) {
            Files.copy(Conformance.dir().resolve(f), dir.resolve(f));
        }

        Mmsim.Result with = Mmsim.run(work, "compare", "scenarios", "--format", "json", "--plugins-dir",
                plugins.toString());
        Mmsim.Result without = Mmsim.run(work, "compare", "scenarios", "--format", "json", "--plugins-dir",
                bundled.toString());
        assertEquals(0, with.exit(), with.describe());
        assertEquals("", with.err(), with.describe());
        assertEquals(0, without.exit(), without.describe());

        List<Map<String, Object>> cells = (List<Map<String, Object>>) ((Map<String, Object>) MiniJson.parse(with.out()))
                .get("results");
        List<Map<String, Object>> kept = cells.stream().filter(c -> c.get("policy").equals(KeepingPolicy.ID)).toList();
        assertEquals(SCENARIOS.size(), kept.size(), with.describe());
        for (Map<String, Object> cell : kept) {
            assertEquals("error", cell.get("verdict"), cell.toString());
            assertTrue(((String) cell.get("error")).matches(REASON), cell.toString());
        }
        List<Map<String, Object>> others = cells.stream().filter(c -> !c.get("policy").equals(KeepingPolicy.ID))
                .toList();
        assertEquals(((Map<String, Object>) MiniJson.parse(without.out())).get("results"), others,
                "every other cell as without the plugin");

        Mmsim.Result table = Mmsim.run(work, "compare", "scenarios", "--policies", KeepingPolicy.ID, "--plugins-dir",
                plugins.toString());
        assertEquals(0, table.exit(), table.describe());
        assertTrue(table.out().contains("view used after the call it was passed to"), table.describe());
        Mmsim.assertNoStackTrace(table);
    }
}
