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
 * bundled plugin on every scenario of examples/, counters included (unshare-cow-mapping on base pages). The SPI's own
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
        assertEquals(comparable(now), comparable(old), "the 0.1.0 jar and the bundled plugin differ");
    }

    /**
     * The results the two must share: all of unshare's and fail-pin's, and unshare-cow-mapping's on
     * base pages. unshare-cow-mapping became 6.2-6.14 (on the machine of 6.14, never reusing a page of
     * a large folio that is not exclusive) when mm-id took 6.15 and later: on large folios it is meant
     * to differ from the 0.1.0 one, which ran on 6.18 and knew no folios.
     */
    @SuppressWarnings("unchecked")
    private static List<Object> comparable(List<Object> results) {
        return results.stream().filter(o -> {
            Map<String, Object> r = (Map<String, Object>) o;
            return !r.get("policy").equals("unshare-cow-mapping") || ((List<Object>) r.get("steps")).stream()
                    .map(st -> (String) ((Map<String, Object>) st).get("statement")).noneMatch(PluginCompatIT::large);
        }).toList();
    }

    /** A statement of language 1.1 about large folios. */
    private static boolean large(String statement) {
        return statement.matches("(thp|hugetlb|folio|same|mremap) .*|mmap \\S+ \\S+ hugetlb .*"
                + "|madvise .* (hugepage|collapse)");
    }
}
