package org.mmsim.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsim.dist.hostile.Impostor;
import org.mmsim.dist.hostile.ImpostorPolicy;
import org.mmsim.dist.hostile.LikeUnshare;
import org.mmsim.testkit.PluginJars;

/**
 * {@code mmsim plugins ...} through the launcher, on a copy of the distribution's plugins folder:
 * list, disable (refused while others depend, then honoured by {@code run}), enable, install (its
 * refusals, then a third-party jar checked in its worker), info, remove (refused for a bundled jar).
 */
class PluginsIT {
    @TempDir
    Path work;

    private Mmsim.Result mmsim(Path plugins, String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--plugins-dir";
        all[args.length + 1] = plugins.toString();
        return Mmsim.run(work, all);
    }

    private Path impostor(String file, String id, Map<String, String> extra) throws IOException {
        Map<String, String> d = new HashMap<>(PluginJars.descriptor(id, "6.6.6", "an unshare that pins as it is"));
        d.putAll(extra);
        return PluginJars.write(Files.createDirectories(work.resolve("downloads")).resolve(file), d,
                List.of(Impostor.class, ImpostorPolicy.class, LikeUnshare.class), List.of(Impostor.class.getName()));
    }

    /** One line on stderr and exit status 1: refused, nothing changed. */
    private static String refused(Mmsim.Result r) {
        assertEquals(1, r.exit(), r.describe());
        assertEquals(1, r.errLines().size(), r.describe());
        return r.errLines().get(0);
    }

    @Test
    void listDisableEnableInstallInfoRemove() throws IOException {
        Path plugins = Mmsim.pluginsWithout(work.resolve("plugins"));
        List<String> before = names(plugins);

        Mmsim.Result list = mmsim(plugins, "plugins", "list");
        assertEquals(0, list.exit(), list.describe());
        assertEquals(5, list.outLines().size(), "a header and the 4 bundled plugins" + list.describe());
        assertTrue(list.outLines().stream().skip(1).allMatch(l -> l.matches("\\S+ +0\\.1\\.0 +mmsim +bundled +enabled "
                + "+>=0\\.1\\.0 \\(met\\) .*")), list.describe());
        assertTrue(list.outLines().stream().anyMatch(l -> l.matches("make-anon-exclusive .* unshare \\(enabled\\) "
                + "+make-anon-exclusive")), list.describe());

        assertEquals("mmsim: plugin unshare is needed by enabled plugins make-anon-exclusive and mm-id; disable them "
                + "first, or add --force to disable them too", refused(mmsim(plugins, "plugins", "disable", "unshare")));
        Mmsim.Result disable = mmsim(plugins, "plugins", "disable", "legacy");
        assertEquals(List.of("disabled legacy"), disable.outLines(), disable.describe());
        assertEquals(List.of("legacy"), Files.readAllLines(plugins.resolve("disabled.txt")));
        String scenario = Conformance.dir().resolve("anon-basic-cow.mms").toString();
        Mmsim.Result run = mmsim(plugins, "run", scenario, "--policy", "mapcount");
        assertEquals("mmsim: policy 'mapcount' is in plugin legacy, which is disabled; enable it with: "
                + "mmsim plugins enable legacy", Mmsim.assertOneLineError(run));
        assertEquals(0, mmsim(plugins, "plugins", "enable", "legacy").exit());
        assertEquals(List.of(), Files.readAllLines(plugins.resolve("disabled.txt")));

        // refusals: nothing copied
        assertEquals("mmsim: plugin future (future.jar): requires mm-api >=9.0.0 (Plugin-Requires), this mmsim runs "
                + "mm-api 0.1.0", refused(mmsim(plugins, "plugins", "install",
                impostor("future.jar", "future", Map.of("Plugin-Requires", ">=9.0.0")).toString())));
        assertEquals("mmsim: plugin unshare (taken.jar): Plugin-Id 'unshare' is already used by bundled jar "
                + "mmsim-plugin-unshare-0.1.0.jar", refused(mmsim(plugins, "plugins", "install",
                impostor("taken.jar", "unshare", Map.of()).toString())));
        assertEquals("mmsim: plugin needy (needy.jar): depends on absent, which is not installed",
                refused(mmsim(plugins, "plugins", "install",
                        impostor("needy.jar", "needy", Map.of("Plugin-Dependencies", "absent")).toString())));
        assertEquals(before, names(plugins));

        // a third-party jar, loaded in its worker before it is copied
        Mmsim.Result install = mmsim(plugins, "plugins", "install",
                impostor("evil.jar", "evil", Map.of("Plugin-Dependencies", "unshare@>=0.1.0")).toString());
        assertEquals(0, install.exit(), install.describe());
        assertEquals(List.of("installed evil 6.6.6 (evil.jar): policy unshare"), install.outLines(), install.describe());
        assertTrue(Files.isRegularFile(plugins.resolve("evil.jar")));

        Mmsim.Result info = mmsim(plugins, "plugins", "info", "evil");
        assertEquals(0, info.exit(), info.describe());
        assertEquals("evil 6.6.6 (third-party, enabled)", info.outLines().get(0), info.describe());
        assertTrue(info.out().contains("  dependencies unshare@>=0.1.0 (enabled)\n")
                && info.out().matches("(?s).*  policies     evil:unshare  kernel \\d+\\.\\d+  .*"), info.describe());

        assertTrue(refused(mmsim(plugins, "plugins", "disable", "unshare")).contains("enabled plugins evil, "),
                "the new dependent is named too");
        assertEquals("mmsim: plugin unshare is bundled with mmsim and cannot be removed; disable it instead: "
                + "mmsim plugins disable unshare", refused(mmsim(plugins, "plugins", "remove", "unshare")));
        Mmsim.Result remove = mmsim(plugins, "plugins", "remove", "evil");
        assertEquals(List.of("removed evil 6.6.6 (evil.jar)"), remove.outLines(), remove.describe());
        assertFalse(Files.exists(plugins.resolve("evil.jar")));
        assertEquals(before, names(plugins));
    }

    /** The jars of {@code dir}, by name. */
    private static List<String> names(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).sorted().toList();
        }
    }
}
