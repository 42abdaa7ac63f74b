package org.mmsim.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mmsim policies} and plugin loading, end to end: which policies the distribution's plugins/
 * provides, {@code --plugins-dir} and {@code MMSIM_PLUGINS_DIR}, and how an empty or missing plugins
 * directory and a plugin with an unresolved dependency are reported (one line, never a stack trace).
 */
class PoliciesIT {
    private static final Pattern LINE = Pattern.compile("(\\S+) +(\\S+)@(\\S+) +(\\S.*)");
    private static final Pattern JAR = Pattern.compile("mmsim-plugin-(.+)-([0-9][^-]*)\\.jar");
    private static final String LEGACY = "mmsim-plugin-legacy-";
    private static final String UNSHARE = "mmsim-plugin-unshare-";

    @TempDir
    Path work;

    /** The plugin jar file names of plugins/ give each plugin's id and version: id -> version. */
    private static Map<String, String> pluginVersions() throws IOException {
        Map<String, String> versions = new LinkedHashMap<>();
        try (Stream<Path> jars = Files.list(Mmsim.dist().resolve("plugins"))) {
            for (Path jar : (Iterable<Path>) jars.sorted()::iterator) {
                Matcher m = JAR.matcher(jar.getFileName().toString());
                assertTrue(m.matches(), "unexpected file in plugins/: " + jar);
                versions.put(m.group(1), m.group(2));
            }
        }
        assertEquals(List.of("legacy", "make-anon-exclusive", "mm-id", "unshare"), List.copyOf(versions.keySet()),
                "the distribution's plugins/");
        return versions;
    }

    /**
     * The plugins' policies of the listing as policy id -> plugin@version, in the order printed; checks
     * each line's shape, and that the built-in host column comes last, whatever the plugins.
     */
    private static Map<String, String> listing(Mmsim.Result r) {
        return listing(r, 0);
    }

    /** As {@link #listing(Mmsim.Result)}, {@code policies} having exited with {@code status}. */
    private static Map<String, String> listing(Mmsim.Result r, int status) {
        assertEquals(status, r.exit(), r.describe());
        List<String> lines = r.outLines();
        assertTrue(!lines.isEmpty() && lines.get(lines.size() - 1).matches("host +builtin@\\S+ +the live kernel.*"),
                "the host column last" + r.describe());
        Map<String, String> policies = new LinkedHashMap<>();
        for (String line : lines.subList(0, lines.size() - 1)) {
            Matcher m = LINE.matcher(line);
            assertTrue(m.matches(), "not 'id  plugin@version  summary': '" + line + "'" + r.describe());
            assertTrue(policies.put(m.group(1), m.group(2) + "@" + m.group(3)) == null,
                    "policy " + m.group(1) + " listed twice" + r.describe());
        }
        return policies;
    }

    private static Path cve() {
        return Mmsim.dist().resolve("examples/cve-2020-29374.mms");
    }

    @Test
    void distributionPluginsProvideTheSevenPolicies() throws IOException {
        Map<String, String> v = pluginVersions();
        Mmsim.Result r = Mmsim.run(work, "policies");
        Map<String, String> expected = Map.of(
                "mapcount", "legacy@" + v.get("legacy"),
                "page-count", "legacy@" + v.get("legacy"),
                "unshare", "unshare@" + v.get("unshare"),
                "unshare-cow-mapping", "unshare@" + v.get("unshare"),
                "fail-pin", "unshare@" + v.get("unshare"),
                "make-anon-exclusive", "make-anon-exclusive@" + v.get("make-anon-exclusive"),
                "mm-id", "mm-id@" + v.get("mm-id"));
        assertEquals(expected, listing(r), r.describe());
        assertEquals(8, r.outLines().size(), "seven policies and the host column" + r.describe());
        assertEquals("", r.err(), "nothing on stderr when every plugin loads" + r.describe());
        assertTrue(r.out().contains("legacy@0.1.0"), r.describe());
    }

    @Test
    void pluginsDirOptionWithoutTheLegacyJar() throws IOException {
        Mmsim.pluginsWithout(work.resolve("no-legacy"), LEGACY);
        // a relative --plugins-dir resolves against the working directory
        Mmsim.Result list = Mmsim.run(work, "policies", "--plugins-dir", "no-legacy");
        assertEquals(List.of("fail-pin", "make-anon-exclusive", "mm-id", "unshare", "unshare-cow-mapping"),
                listing(list).keySet().stream().sorted().toList(), list.describe());
        assertEquals("", list.err(), list.describe());

        Mmsim.Result run = Mmsim.run(work, "run", cve().toString(), "--policy", "unshare",
                "--plugins-dir", "no-legacy");
        assertEquals(0, run.exit(), run.describe());
        assertTrue(run.out().startsWith("PASS ") && run.out().contains("[unshare]"), run.describe());
        assertEquals("", run.err(), run.describe());
    }

    @Test
    void pluginsDirEnvironmentVariableWithoutTheLegacyJar() throws IOException {
        Path dir = Mmsim.pluginsWithout(work.resolve("no-legacy"), LEGACY);
        Map<String, String> env = Map.of("MMSIM_PLUGINS_DIR", dir.toString());
        Mmsim.Result list = Mmsim.run(work, env, "policies");
        assertEquals(List.of("fail-pin", "make-anon-exclusive", "mm-id", "unshare", "unshare-cow-mapping"),
                listing(list).keySet().stream().sorted().toList(), list.describe());
        assertEquals("", list.err(), list.describe());

        // the variable governs run too: mapcount is gone, unshare still runs
        Mmsim.Result gone = Mmsim.run(work, env, "run", cve().toString(), "--policy", "mapcount");
        String line = Mmsim.assertOneLineError(gone);
        assertTrue(line.contains("no policy 'mapcount'") && !line.contains("mapcount,"), gone.describe());
        assertEquals("", gone.out(), gone.describe());
        Mmsim.Result run = Mmsim.run(work, env, "run", cve().toString(), "--policy", "unshare");
        assertEquals(0, run.exit(), run.describe());
        assertTrue(run.out().startsWith("PASS "), run.describe());
    }

    @Test
    void emptyPluginsDir() throws IOException {
        Path empty = Files.createDirectory(work.resolve("empty-plugins"));
        Mmsim.Result list = Mmsim.run(work, "policies", "--plugins-dir", empty.toString());
        assertEquals(Map.of(), listing(list), "only the host column" + list.describe());
        assertEquals(List.of("mmsim: no policies loaded from " + empty), list.errLines(), list.describe());

        Mmsim.Result run = Mmsim.run(work, "run", cve().toString(), "--policy", "unshare",
                "--plugins-dir", empty.toString());
        String line = Mmsim.assertOneLineError(run);
        assertTrue(line.contains("no policy 'unshare'") && line.contains("no policies loaded from " + empty),
                run.describe());
        assertEquals("", run.out(), run.describe());
    }

    @Test
    void missingPluginsDir() {
        Path missing = work.resolve("no-such-plugins");
        Mmsim.Result list = Mmsim.run(work, "policies", "--plugins-dir", missing.toString());
        String line = Mmsim.assertOneLineError(list);
        assertTrue(line.contains(missing.toString()) && line.contains("does not exist"), list.describe());
        assertEquals("", list.out(), list.describe());

        Mmsim.Result run = Mmsim.run(work, Map.of("MMSIM_PLUGINS_DIR", missing.toString()),
                "run", cve().toString(), "--policy", "unshare");
        line = Mmsim.assertOneLineError(run);
        assertTrue(line.contains(missing.toString()), run.describe());
        assertEquals("", run.out(), run.describe());
    }

    @Test
    void dependentPluginWithoutItsDependency() throws IOException {
        Path dir = Mmsim.pluginsWithout(work.resolve("no-unshare"), UNSHARE);
        Mmsim.Result list = Mmsim.run(work, "policies", "--plugins-dir", dir.toString());
        // status 2: two plugins failed to load (after the list of what did)
        assertEquals(List.of("mapcount", "page-count"), listing(list, 2).keySet().stream().sorted().toList(),
                list.describe());
        assertProblemLine(list);

        // the legacy policies still work
        Mmsim.Result run = Mmsim.run(work, "run", cve().toString(), "--policy", "page-count",
                "--plugins-dir", dir.toString());
        assertEquals(0, run.exit(), run.describe());
        assertTrue(run.out().startsWith("PASS ") && run.out().contains("[page-count]"), run.describe());
        assertProblemLine(run);
    }

    /** make-anon-exclusive and mm-id are each reported, in one line, as a plugin whose dependency is unresolved. */
    private static void assertProblemLine(Mmsim.Result r) {
        List<String> err = r.errLines();
        if (err.size() != 2) {
            fail("expected exactly two problem lines on stderr:" + r.describe());
        }
        for (String plugin : List.of("make-anon-exclusive", "mm-id")) {
            assertTrue(err.stream().anyMatch(l -> l.startsWith("mmsim: plugin " + plugin + ":")
                    && l.contains("depends on")), "not a one-line dependency problem of plugin " + plugin + ": "
                    + r.describe());
        }
    }
}
