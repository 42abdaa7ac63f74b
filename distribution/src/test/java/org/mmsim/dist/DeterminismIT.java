package org.mmsim.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsim.dist.hostile.ForgetfulPolicies;
import org.mmsim.dist.hostile.LikeUnshare;
import org.mmsim.dist.hostile.PinOncePolicy;
import org.mmsim.testkit.MiniJson;
import org.mmsim.testkit.PluginJars;

/**
 * {@code compare --check-determinism} through the real launcher: a policy with hidden state (it pins
 * each content once, then refuses) gets its pinning cell reported, in the report and on stderr, with
 * exit status 1; the bundled policies are never reported and their cells are those of a plain compare.
 */
class DeterminismIT {
    private static final String BASIC = "anon-basic-cow.mms";
    private static final String RO_PIN = "anon-ro-pin-longterm-shared.mms";

    @TempDir
    Path work;

    private Path plugins() throws Exception {
        Path plugins = Mmsim.pluginsWithout(work.resolve("plugins"));
        PluginJars.write(plugins.resolve("mmsim-plugin-forgetful-1.0.0.jar"),
                PluginJars.descriptor("forgetful", "1.0.0", "hidden state"),
                List.of(ForgetfulPolicies.class, PinOncePolicy.class, LikeUnshare.class),
                List.of(ForgetfulPolicies.class.getName()));
        Path dir = Files.createDirectories(work.resolve("scenarios"));
        for (String f : List.of(BASIC, RO_PIN)) {
            Files.copy(Conformance.dir().resolve(f), dir.resolve(f));
        }
        return plugins;
    }

    @Test
    @SuppressWarnings("unchecked")
    void hiddenStateIsReportedAndTheBundledPoliciesAreNot() throws Exception {
        Path plugins = plugins();
        Mmsim.Result checked = Mmsim.run(work, "compare", "scenarios", "--format", "json", "--check-determinism",
                "--plugins-dir", plugins.toString());
        assertEquals(1, checked.exit(), checked.describe());
        // line 10 is the pin: the first run pinned 'old', the second refused it
        String reason = "nondeterministic: line 10 gave ok, then fail";
        assertEquals(List.of("mmsim: nondeterministic: policy " + PinOncePolicy.ID + ", scenario scenarios/" + RO_PIN
                + ": line 10 gave ok, then fail"), checked.errLines(), checked.describe());

        List<Map<String, Object>> cells = results(checked);
        List<Map<String, Object>> flagged = cells.stream().filter(c -> "error".equals(c.get("verdict"))).toList();
        assertEquals(1, flagged.size(), checked.describe());
        assertEquals(PinOncePolicy.ID, flagged.get(0).get("policy"));
        assertEquals(reason, flagged.get(0).get("error"));

        // the bundled policies' cells are a plain compare's
        Mmsim.Result plain = Mmsim.run(work, "compare", "scenarios", "--format", "json", "--plugins-dir",
                plugins.toString());
        assertEquals(0, plain.exit(), plain.describe());
        assertEquals(results(plain).stream().filter(c -> !c.get("policy").equals(PinOncePolicy.ID)).toList(),
                cells.stream().filter(c -> !c.get("policy").equals(PinOncePolicy.ID)).toList());

        Mmsim.Result table = Mmsim.run(work, "compare", "scenarios", "--check-determinism", "--policies",
                "unshare," + PinOncePolicy.ID, "--plugins-dir", plugins.toString());
        assertEquals(1, table.exit(), table.describe());
        assertTrue(table.out().contains(reason), table.describe());
        assertEquals(1, table.errLines().size(), table.describe());
    }

    @Test
    void theBundledPoliciesAreDeterministic() throws Exception {
        Mmsim.Result r = Mmsim.run(work, "compare", Conformance.dir().toString(), "--check-determinism",
                "--format", "json");
        assertEquals(0, r.exit(), r.describe());
        assertEquals("", r.err(), r.describe());
        assertTrue(!r.out().contains("nondeterministic"), r.describe());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(Mmsim.Result r) {
        return (List<Map<String, Object>>) ((Map<String, Object>) MiniJson.parse(r.out())).get("results");
    }
}
