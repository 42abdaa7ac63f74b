package org.mmsim.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsim.dist.hostile.HostilePolicies;
import org.mmsim.dist.hostile.HostilePolicy;
import org.mmsim.testkit.MiniJson;
import org.mmsim.testkit.PluginJars;

/**
 * A plugin whose policies throw, loop forever ignoring interrupts, or return null costs only its own
 * cells: the comparison finishes, exit status 0, those cells are {@code error} with the reason, and
 * the well-behaved policy loaded next to it still passes.
 */
class HostilePluginIT {
    private static final String BASIC = "anon-basic-cow.mms";
    private static final String RO_PIN = "anon-ro-pin-longterm-shared.mms";

    @TempDir
    Path work;

    @Test
    @SuppressWarnings("unchecked")
    void hostilePoliciesCostOnlyTheirOwnCells() throws Exception {
        Path plugins = Mmsim.pluginsWithout(work.resolve("plugins"));
        PluginJars.write(plugins.resolve("mmsim-plugin-hostile-6.6.6.jar"), PluginJars.descriptor("hostile", "6.6.6", "hostile policies for the ITs"),
                List.of(HostilePolicies.class, HostilePolicy.class, org.mmsim.dist.hostile.LikeUnshare.class), List.of(HostilePolicies.class.getName()));
        Path dir = Files.createDirectories(work.resolve("examples/conformance"));
        for (String f : List.of(BASIC, RO_PIN)) {
            Files.copy(Conformance.dir().resolve(f), dir.resolve(f));
        }

        long start = System.nanoTime();
        Mmsim.Result r = Mmsim.run(work, "compare", "examples/conformance/" + BASIC, "examples/conformance/" + RO_PIN,
                "--policies", "unshare,hostile-throw,hostile-loop,hostile-null", "--format", "json", "--timeout", "2",
                "--plugins-dir", plugins.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(0, r.exit(), r.describe());
        assertEquals("", r.err(), "the hostile plugin loads without problems" + r.describe());
        assertTrue(seconds < 30, "took " + seconds + " s" + r.describe());

        Map<String, Object> json = (Map<String, Object>) MiniJson.parse(r.out());
        List<Map<String, Object>> policies = (List<Map<String, Object>>) json.get("policies");
        assertEquals(List.of("unshare", "hostile-throw", "hostile-loop", "hostile-null"),
                policies.stream().map(p -> p.get("id")).toList(), r.describe());
        assertEquals(List.of("unshare", "hostile", "hostile", "hostile"),
                policies.stream().map(p -> p.get("plugin")).toList(), r.describe());
        assertEquals("6.6.6", policies.get(1).get("version"));

        List<Map<String, Object>> results = (List<Map<String, Object>>) json.get("results");
        assertEquals(8, results.size(), r.describe());
        for (Map<String, Object> cell : results) {
            String file = Path.of((String) cell.get("file")).getFileName().toString();
            String policy = (String) cell.get("policy");
            String where = file + " under " + policy + ": " + cell;
            Object error = cell.get("error");
            String reason = error instanceof String s ? s.toLowerCase(Locale.ROOT) : "";
            switch (policy) {
                case "unshare" -> {
                    assertEquals("pass", cell.get("verdict"), where);
                    assertSame(MiniJson.NULL, error, where);
                    assertFalse(((List<?>) cell.get("steps")).isEmpty(), where);
                }
                case "hostile-throw" -> {
                    assertEquals("error", cell.get("verdict"), where);
                    assertTrue(reason.contains("threw") && reason.contains(HostilePolicy.THROW_MESSAGE.toLowerCase(Locale.ROOT)),
                            where);
                }
                case "hostile-loop" -> {
                    assertEquals("error", cell.get("verdict"), where);
                    assertTrue(reason.contains("timed out after 2s"), where);
                }
                case "hostile-null" -> {
                    if (file.equals(RO_PIN)) {
                        assertEquals("error", cell.get("verdict"), where);
                        // "returned nothing in gup_must_unshare" (the kernel name of pinReadOnly)
                        assertTrue((reason.contains("null") || reason.contains("returned nothing"))
                                && (reason.contains("pinreadonly") || reason.contains("gup_must_unshare")), where);
                    } else {
                        // anon-basic-cow never takes a R/O pin: pinReadOnly() is never asked, nothing goes wrong
                        assertEquals("pass", cell.get("verdict"), where);
                        assertSame(MiniJson.NULL, error, where);
                    }
                }
                default -> throw new AssertionError("unexpected policy " + where);
            }
        }
        assertEquals(7, HostilePolicies.IDS.size());
    }
}
