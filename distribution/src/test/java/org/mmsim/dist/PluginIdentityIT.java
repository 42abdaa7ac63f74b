package org.mmsim.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsim.dist.hostile.GreedyFlags;
import org.mmsim.dist.hostile.HostilePolicy;
import org.mmsim.dist.hostile.Impostor;
import org.mmsim.dist.hostile.ImpostorPolicy;
import org.mmsim.dist.hostile.LikeUnshare;
import org.mmsim.testkit.MiniJson;
import org.mmsim.testkit.PluginJars;

/**
 * Third-party jars that try to take a bundled policy's place, through the real launcher: one that
 * declares a policy {@code unshare}, one that copies a bundled jar's file name or Plugin-Id, and one
 * that registers more fault flags than its quota. The bundled policies keep their names, their
 * results and their flags; the third-party plugin is the one named.
 */
class PluginIdentityIT {
    private static final String RO_PIN = "anon-ro-pin-longterm-shared.mms";
    private static final List<String> SCENARIOS = List.of("anon-basic-cow.mms", RO_PIN, "anon-iouring-fork.mms");
    private static final String CLASH = "mmsim: plugin evil: declares policy 'unshare', as bundled plugin unshare does; "
            + "name one: unshare:unshare, evil:unshare";
    private static final String AMBIGUOUS = "mmsim: policy 'unshare' is provided by plugins unshare and evil; "
            + "name one: unshare:unshare, evil:unshare";

    @TempDir
    Path work;

    private Path impostorJar(Path jar, String pluginId) throws IOException {
        return PluginJars.write(jar, PluginJars.descriptor(pluginId, "6.6.6", "an impostor of unshare"),
                List.of(Impostor.class, ImpostorPolicy.class, LikeUnshare.class), List.of(Impostor.class.getName()));
    }

    private Path scenarios() throws IOException {
        Path dir = Files.createDirectories(work.resolve("scenarios"));
        for (String f : SCENARIOS) {
            Files.copy(Conformance.dir().resolve(f), dir.resolve(f));
        }
        return dir;
    }

    @Test
    void aThirdPartyUnshareNeitherHidesNorReplacesTheBundledOne() throws IOException {
        Path plugins = Mmsim.pluginsWithout(work.resolve("plugins"));
        impostorJar(plugins.resolve("aaa-evil.jar"), "evil"); // its plugin id sorts before "unshare"
        Path dir = scenarios();
        String roPin = dir.resolve(RO_PIN).toString();

        Mmsim.Result bare = Mmsim.run(work, "run", roPin, "--policy", "unshare", "--plugins-dir", plugins.toString());
        assertEquals(2, bare.exit(), bare.describe());
        assertEquals(List.of(CLASH, AMBIGUOUS), bare.errLines(), bare.describe());
        assertEquals("", bare.out(), bare.describe());

        Mmsim.Result bundled = Mmsim.run(work, "run", roPin, "--policy", "unshare:unshare", "--plugins-dir",
                plugins.toString());
        assertEquals(0, bundled.exit(), "the bundled unshare unshares before the R/O pin" + bundled.describe());
        assertTrue(bundled.out().startsWith("PASS ") && bundled.out().contains("[unshare:unshare]"), bundled.describe());
        Mmsim.Result impostor = Mmsim.run(work, "run", roPin, "--policy", "evil:unshare", "--plugins-dir",
                plugins.toString());
        assertEquals(1, impostor.exit(), "the impostor pins the shared page as it is" + impostor.describe());

        Mmsim.Result policies = Mmsim.run(work, "policies", "--plugins-dir", plugins.toString());
        assertEquals(0, policies.exit(), "every plugin loaded" + policies.describe());
        assertEquals(List.of(CLASH), policies.errLines(), "the impostor is blamed, not the bundled plugin"
                + policies.describe());
        assertTrue(policies.outLines().stream().anyMatch(l -> l.matches("evil:unshare +evil@6\\.6\\.6 +test plugin: .*"))
                && policies.outLines().stream().anyMatch(l -> l.matches("unshare:unshare +unshare@0\\.1\\.0 +Linux 5\\.19.*"))
                && policies.outLines().stream().anyMatch(l -> l.matches("unshare-cow-mapping +unshare@0\\.1\\.0 .*")),
                policies.describe());

        // every bundled column of 'all' is what it is without the impostor; only the clashing name changes
        Map<String, List<Object>> with = columns(Mmsim.run(work, "compare", dir.toString(), "--format", "json",
                "--plugins-dir", plugins.toString()));
        Map<String, List<Object>> without = columns(Mmsim.run(work, "compare", dir.toString(), "--format", "json",
                "--plugins-dir", Mmsim.pluginsWithout(work.resolve("clean")).toString()));
        List<Object> impostorColumn = with.remove("evil:unshare");
        assertEquals(without.keySet().stream().map(id -> id.equals("unshare") ? "unshare:unshare" : id).toList(),
                List.copyOf(with.keySet()));
        for (String id : without.keySet()) {
            assertEquals(without.get(id), with.get(id.equals("unshare") ? "unshare:unshare" : id), id);
        }
        assertFalse(impostorColumn.equals(with.get("unshare:unshare")), "the two unshare columns differ");

        // file names made of qualified ids: ':' becomes '_'
        Mmsim.Result explore = Mmsim.run(work, "explore", "--policy", "evil:unshare", "--depth", "3", "--out", "found",
                "--plugins-dir", plugins.toString());
        assertEquals(1, explore.exit(), explore.describe());
        Path finding = work.resolve("found/pin-coherence-evil_unshare.mms");
        assertTrue(Files.readString(finding).startsWith("# Found by `mmsim explore --policy evil:unshare`"),
                explore.describe());
        Mmsim.Result replay = Mmsim.run(work, "run", finding.toString(), "--policy", "evil:unshare",
                "--plugins-dir", plugins.toString());
        assertEquals(1, replay.exit(), "the file replays the impostor's violation" + replay.describe());
        assertTrue(replay.out().contains(": pin-coherence: "), replay.describe());

        Mmsim.Result diff = Mmsim.run(work, "diff", "unshare:unshare", "evil:unshare", "--depth", "5", "--out", "found",
                "--plugins-dir", plugins.toString());
        assertEquals(1, diff.exit(), diff.describe());
        assertTrue(Files.readString(work.resolve("found/diff-unshare_unshare-evil_unshare.mms"))
                .startsWith("# Found by `mmsim diff unshare:unshare evil:unshare`"), diff.describe());
    }

    /** Policy id to its results (file, verdict, steps, violations), from {@code compare --format json}; exit 0. */
    @SuppressWarnings("unchecked")
    private static Map<String, List<Object>> columns(Mmsim.Result r) {
        assertEquals(0, r.exit(), r.describe());
        Map<String, Object> json = (Map<String, Object>) MiniJson.parse(r.out());
        Map<String, List<Object>> byPolicy = new LinkedHashMap<>();
        for (Map<String, Object> p : (List<Map<String, Object>>) json.get("policies")) {
            byPolicy.put((String) p.get("id"), new java.util.ArrayList<>());
        }
        for (Map<String, Object> cell : (List<Map<String, Object>>) json.get("results")) {
            byPolicy.get((String) cell.get("policy")).add(List.of(cell.get("file"), cell.get("verdict"),
                    cell.get("steps"), cell.get("violations")));
        }
        return byPolicy;
    }

    @Test
    void aBundledFileNameOrPluginIdDoesNotMakeAJarBundled() throws IOException {
        // the impostor under the legacy jar's file name: other bytes, so third-party all the same
        Path plugins = Mmsim.pluginsWithout(work.resolve("plugins"), "mmsim-plugin-legacy");
        impostorJar(plugins.resolve("mmsim-plugin-legacy-0.1.0.jar"), "evil");
        Mmsim.Result r = Mmsim.run(work, "policies", "--plugins-dir", plugins.toString());
        assertEquals(List.of(CLASH), r.errLines(), r.describe());

        // the impostor with the bundled plugin's Plugin-Id, in a jar whose name sorts first: the bundled jar wins
        Path sameId = Mmsim.pluginsWithout(work.resolve("same-id"));
        impostorJar(sameId.resolve("aaa.jar"), "unshare");
        Mmsim.Result p = Mmsim.run(work, "policies", "--plugins-dir", sameId.toString());
        assertEquals(2, p.exit(), "a jar failed to load" + p.describe());
        assertEquals(List.of("mmsim: plugin aaa.jar: Plugin-Id 'unshare' is already used by "
                + "mmsim-plugin-unshare-0.1.0.jar; ignored"), p.errLines(), p.describe());
        Path dir = scenarios();
        Mmsim.Result run = Mmsim.run(work, "run", dir.resolve(RO_PIN).toString(), "--policy", "unshare",
                "--plugins-dir", sameId.toString());
        assertEquals(0, run.exit(), "the bundled unshare ran" + run.describe());
    }

    @Test
    void aPluginOverItsFaultFlagQuotaFailsAloneAndTheBundledFlagIsThere() throws IOException {
        Path plugins = Mmsim.pluginsWithout(work.resolve("plugins"));
        PluginJars.write(plugins.resolve("aaa-greedy.jar"), PluginJars.descriptor("greedy", "6.6.6", "takes every flag"),
                List.of(GreedyFlags.class, HostilePolicy.class, LikeUnshare.class), List.of(GreedyFlags.class.getName()));
        String quota = "mmsim: plugin greedy: registers more than 8 fault flags (the per-plugin quota); not loaded";

        Mmsim.Result policies = Mmsim.run(work, "policies", "--plugins-dir", plugins.toString());
        assertEquals(2, policies.exit(), "a plugin failed to load" + policies.describe());
        assertEquals(List.of(quota), policies.errLines(), policies.describe());
        List<String> ids = policies.outLines().stream().map(l -> l.split(" +")[0]).toList();
        assertEquals(List.of("mapcount", "page-count", "make-anon-exclusive", "mm-id", "unshare", "unshare-cow-mapping",
                "fail-pin", "host"), ids, policies.describe());

        Path dir = scenarios();
        Mmsim.Result all = Mmsim.run(work, "compare", dir.toString(), "--plugins-dir", plugins.toString());
        assertEquals(2, all.exit(), "--policies all is missing a plugin" + all.describe());
        assertEquals(List.of(quota), all.errLines(), all.describe());
        assertTrue(all.outLines().get(0).matches("scenario +mapcount +page-count +make-anon-exclusive .*"), all.describe());
        assertEquals(2 + SCENARIOS.size() + 2, all.outLines().size(), "header, rule, rows, rule, passes" + all.describe());

        Mmsim.Result trace = Mmsim.run(work, "run", dir.resolve(RO_PIN).toString(), "--policy", "make-anon-exclusive",
                "--trace", "--plugins-dir", plugins.toString());
        assertEquals(0, trace.exit(), "what was asked for loaded: a warning only" + trace.describe());
        assertEquals(List.of(quota), trace.errLines(), trace.describe());
        assertTrue(trace.out().contains("FAULT_FLAG_MAKE_ANON_EXCLUSIVE"), trace.describe());
    }
}
