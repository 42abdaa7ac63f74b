package org.mmsim.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.run.RunResult;
import org.mmsim.core.run.ScenarioRunner;
import org.mmsim.core.scenario.Scenario;
import org.mmsim.core.scenario.ScenarioParser;
import org.mmsim.dist.hostile.ReflectingPolicies;
import org.mmsim.dist.hostile.ReflectingPolicy;
import org.mmsim.testkit.MiniJson;
import org.mmsim.testkit.PluginJars;

/**
 * A plugin cannot reach mm-core's internals: the distribution runs org.mmsim.core as a named module
 * that does not export or open org.mmsim.core.mm, so {@link ReflectingPolicy}'s attempts (a private
 * field of the page view, Machine's constructor, a private lookup) all fail and the policy answers
 * normally: its cell passes. Run in this JVM instead, where mm-core sits on the class path (an
 * unnamed module, everything open), the very same policy does get in and its run ends in error,
 * so the IT would notice if the distribution stopped enforcing the boundary.
 */
class EncapsulationIT {
    /** A COW copy (the child writes a shared page) and a reuse (the parent, alone again, writes): two write faults. */
    static final String SCENARIO = """
            scenario "a policy that reflects into mm-core on every write fault"
            spawn parent
            mmap parent buf anon private pages=2
            write parent buf[0] a
            write parent buf[1] b
            fork parent child
            write child buf[0] c
            read parent buf[0] expect a
            exit child
            write parent buf[1] d
            read parent buf[1] expect d
            exit parent
            """;

    @TempDir
    Path work;

    @Test
    @SuppressWarnings("unchecked")
    void aPluginCannotReflectIntoTheCore() throws Exception {
        Path plugins = Mmsim.pluginsWithout(work.resolve("plugins"));
        PluginJars.write(plugins.resolve("mmsim-plugin-reflecting-1.0.0.jar"),
                PluginJars.descriptor("reflecting", "1.0.0", "tries to reflect into mm-core"),
                List.of(ReflectingPolicies.class, ReflectingPolicy.class, org.mmsim.dist.hostile.LikeUnshare.class), List.of(ReflectingPolicies.class.getName()));
        Files.writeString(work.resolve("reflect.mms"), SCENARIO, StandardCharsets.UTF_8);

        Mmsim.Result r = Mmsim.run(work, "compare", "reflect.mms", "--policies", "reflecting,unshare", "--format", "json",
                "--plugins-dir", plugins.toString());
        assertEquals(0, r.exit(), r.describe());
        assertEquals("", r.err(), "the reflecting plugin loads without problems" + r.describe());
        Map<String, Object> json = (Map<String, Object>) MiniJson.parse(r.out());
        List<Map<String, Object>> results = (List<Map<String, Object>>) json.get("results");
        assertEquals(2, results.size(), r.describe());
        for (Map<String, Object> cell : results) {
            String where = cell.get("policy") + ": " + cell + r.describe();
            assertEquals("pass", cell.get("verdict"), where);
            assertSame(MiniJson.NULL, cell.get("error"), where);
            Map<String, Object> counters = (Map<String, Object>) cell.get("counters");
            // both write faults reached doWpPage (where the policy reflects): one copy, one reuse
            assertTrue(((Number) counters.get("copies")).longValue() >= 1, where);
            assertTrue(((Number) counters.get("reuses")).longValue() >= 1, where);
        }
    }

    /** The control: on the class path nothing stops the same reflection, so the IT above can fail. */
    @Test
    void onTheClassPathTheSamePolicyGetsIn() throws Exception {
        assertFalse(ScenarioRunner.class.getModule().isNamed(), "this JVM runs mm-core on the class path");
        Scenario s = ScenarioParser.parse("reflect.mms", SCENARIO.getBytes(StandardCharsets.UTF_8));
        RunResult r = new ScenarioRunner(new FlagRegistry(), Limits.DEFAULT).run(s, new ReflectingPolicy(), false);
        assertEquals(RunResult.Verdict.ERROR, r.verdict(), r.toString());
        assertTrue(r.error().contains(ReflectingPolicy.REACHED), r.error());
        for (String way : List.of("field org.mmsim.core.mm.Views$Page.frame", "constructor",
                "private lookup in org.mmsim.core.mm.Machine")) {
            assertTrue(r.error().contains(way), way + " not reached: " + r.error());
        }
    }
}
