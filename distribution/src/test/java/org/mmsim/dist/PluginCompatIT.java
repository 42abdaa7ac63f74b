package org.mmsim.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsim.testkit.MiniJson;

/**
 * A plugin jar built against mm-api 0.1.0 keeps working: the unshare plugin as 0.1.0 built it, kept
 * in src/test/resources/compat/, loads into today's mmsim and gives exactly the results of the
 * bundled plugin on every scenario of examples/ (all base pages), counters included. The SPI's own
 * compatibility is checked by japicmp in mm-api's build.
 */
class PluginCompatIT {
    static final String FIXTURE = "mmsim-plugin-unshare-0.1.0.jar";
    static final String POLICIES = "unshare,unshare-cow-mapping,fail-pin";

    @TempDir
    Path work;

    @SuppressWarnings("unchecked")
    private static List<Object> results(Mmsim.Result r) {
        assertEquals(0, r.exit(), r.describe());
        assertEquals("", r.err(), r.describe());
        return (List<Object>) ((Map<String, Object>) MiniJson.parse(r.out())).get("results");
    }

    @Test
    void aPluginBuiltAgainstApi010LoadsAndBehavesAsTheBundledOne() throws IOException {
        Path plugins = Files.createDirectory(work.resolve("plugins-0.1.0"));
        Files.copy(Mmsim.repo().resolve("distribution/src/test/resources/compat").resolve(FIXTURE),
                plugins.resolve(FIXTURE));
        Mmsim.Result list = Mmsim.run(work, "policies", "--plugins-dir", plugins.toString());
        assertEquals(0, list.exit(), list.describe());
        assertEquals("", list.err(), "it loads without a complaint" + list.describe());
        for (String id : POLICIES.split(",")) {
            assertTrue(list.outLines().stream().anyMatch(l -> l.matches(id + " +unshare@0\\.1\\.0 .*")),
                    id + list.describe());
        }
        String examples = Mmsim.repo().resolve("examples").toString();
        List<Object> old = results(Mmsim.run(work, "compare", examples, "--plugins-dir", plugins.toString(),
                "--policies", POLICIES, "--format", "json"));
        List<Object> now = results(Mmsim.run(work, "compare", examples, "--policies", POLICIES, "--format", "json"));
        assertTrue(old.size() >= 150, "scenario x policy results: " + old.size());
        assertEquals(now, old, "the 0.1.0 jar and the bundled plugin differ");
    }
}
