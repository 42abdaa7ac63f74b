package org.mmsim.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsim.core.plugin.PluginLoader;
import org.mmsim.core.plugin.PluginStates;
import org.mmsim.core.plugin.testplugins.DuplicateProvider;
import org.mmsim.core.plugin.testplugins.GoodProvider;
import org.mmsim.testkit.MiniJson;
import org.mmsim.testkit.PluginJars;

/** {@code mmsim plugins ...} in this JVM, on real PF4J jars (no distribution: nothing is bundled, no worker). */
class PluginsCommandTest {
    @TempDir
    Path work;

    String out;
    String err;

    private int mmsim(Path plugins, String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--plugins-dir";
        all[args.length + 1] = plugins.toString();
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int status = Main.execute(all, InputStream.nullInputStream(), o, new PrintWriter(e), k -> null,
                PluginLoader::load);
        out = o.toString();
        err = e.toString();
        return status;
    }

    private static Path jar(Path where, String id, String deps, Class<?> provider) throws IOException {
        Map<String, String> d = new HashMap<>(PluginJars.descriptor(id));
        if (deps != null) {
            d.put("Plugin-Dependencies", deps);
        }
        return PluginJars.write(where, d, List.of(provider), List.of(provider.getName()));
    }

    @Test
    void disableIsRefusedWhileOthersNeedItAndForceTakesThemAlong() throws IOException {
        Path plugins = Files.createDirectory(work.resolve("plugins"));
        jar(plugins.resolve("base.jar"), "base", null, GoodProvider.class);
        jar(plugins.resolve("dep.jar"), "dep", "base", DuplicateProvider.class);

        assertEquals(1, mmsim(plugins, "plugins", "disable", "base"));
        assertEquals("mmsim: plugin base is needed by enabled plugin dep; disable it first, or add --force to disable "
                + "it too\n", err);
        assertFalse(Files.exists(plugins.resolve(PluginStates.DISABLED)), "nothing changed");

        assertEquals(0, mmsim(plugins, "plugins", "disable", "base", "--force"), err);
        assertEquals("disabled base, and the plugin that needs it: dep\n", out);
        assertEquals(List.of("dep", "base"), Files.readAllLines(plugins.resolve(PluginStates.DISABLED)));

        // nothing of theirs is offered, and naming a policy says why and how
        assertEquals(0, mmsim(plugins, "policies"), err);
        assertEquals("mmsim: no policies loaded from " + plugins + "\n", err, "disabled is no loading problem");
        assertEquals(List.of("host"), out.lines().map(l -> l.split(" +")[0]).toList());
        assertEquals(2, mmsim(plugins, "run", "-", "--policy", "good-unshare"));
        assertEquals("mmsim: policy 'good-unshare' is in plugin base, which is disabled; enable it with: "
                + "mmsim plugins enable base\n", err);
        assertEquals(2, mmsim(plugins, "run", "-", "--policy", "dep:extra"));
        assertEquals("mmsim: policy 'dep:extra' is in plugin dep, which is disabled; enable it with: "
                + "mmsim plugins enable dep\n", err);

        assertEquals(1, mmsim(plugins, "plugins", "enable", "dep"));
        assertEquals("mmsim: plugin dep depends on disabled plugin base; enable it first, or add --force to enable "
                + "it too\n", err);
        assertEquals(0, mmsim(plugins, "plugins", "enable", "dep", "--force"), err);
        assertEquals("enabled dep, and the plugin it needs: base\n", out);
        assertEquals(0, mmsim(plugins, "policies"), err);
        assertTrue(out.contains("base:good-unshare") && out.contains("extra"), out);
    }

    @Test
    void listAndInfoShowStateDependenciesPoliciesAndProblems() throws IOException {
        Path plugins = Files.createDirectory(work.resolve("plugins"));
        jar(plugins.resolve("base.jar"), "base", null, GoodProvider.class);
        jar(plugins.resolve("dep.jar"), "dep", "base@>=1.0.0", DuplicateProvider.class);
        Map<String, String> future = new HashMap<>(PluginJars.descriptor("future"));
        future.put("Plugin-Requires", ">=9.0.0");
        PluginJars.write(plugins.resolve("future.jar"), future, List.of(GoodProvider.class),
                List.of(GoodProvider.class.getName()));

        assertEquals(2, mmsim(plugins, "plugins", "list"), "an enabled plugin does not load");
        List<String> lines = out.lines().toList();
        assertTrue(lines.get(0).matches("ID +VERSION +PROVIDER +ORIGIN +STATE +REQUIRES +DEPENDENCIES +CONTRIBUTES"), out);
        assertTrue(lines.get(1).matches("base +1\\.2\\.3 +tests +third-party +enabled +>=0\\.1\\.0 \\(met\\) +none +base:good-unshare"),
                out);
        assertTrue(lines.get(2).matches("dep +1\\.2\\.3 +tests +third-party +enabled +>=0\\.1\\.0 \\(met\\) +"
                + "base@>=1\\.0\\.0 \\(enabled\\) +dep:good-unshare, extra"), out);
        assertTrue(lines.get(3).matches("future +.* +>=9\\.0\\.0 \\(not met by mm-api 0\\.1\\.0\\) +none +-"), out);
        assertEquals("  problem: plugin future (future.jar): requires mm-api >=9.0.0 (Plugin-Requires), this mmsim "
                + "runs mm-api 0.1.0", lines.get(4));
        assertEquals(5, lines.size(), out);
        assertEquals("", err, "the problems are in the listing, not repeated");

        assertEquals(2, mmsim(plugins, "plugins", "list", "--format", "json"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> json = (List<Map<String, Object>>) ((Map<String, Object>) MiniJson.parse(out)).get("plugins");
        assertEquals(List.of("base", "dep", "future"), json.stream().map(p -> p.get("id")).toList());
        assertEquals(false, json.get(2).get("requiresMet"));
        assertEquals(List.of("dep"), json.get(0).get("dependents"));

        assertEquals(0, mmsim(plugins, "plugins", "info", "base"), err);
        assertTrue(out.startsWith("base 1.2.3 (third-party, enabled)\n"), out);
        assertTrue(out.contains("  descriptor   Plugin-Id: base\n"), out);
        assertTrue(out.contains("  dependents   dep\n"), out);
        assertTrue(out.matches("(?s).*  policies     base:good-unshare  kernel 5\\.18  .*"), out);
        assertTrue(out.contains("  fault flags  FAULT_FLAG_TEST_PLUGIN\n"), out);
        assertTrue(out.contains("  sha256       " + org.mmsim.core.plugin.BundledPlugins.sha256(plugins.resolve("base.jar"))),
                out);

        assertEquals(2, mmsim(plugins, "plugins", "info", "nope"));
        assertEquals("mmsim: no plugin 'nope' in " + plugins + " (plugins: base, dep, future)\n", err);
    }

    @Test
    void installChecksAsTheLoaderWouldAndRemoveMindsDependents() throws IOException {
        Path plugins = Files.createDirectory(work.resolve("plugins"));
        Path elsewhere = Files.createDirectory(work.resolve("downloads"));
        jar(plugins.resolve("base.jar"), "base", null, GoodProvider.class);

        Map<String, String> future = new HashMap<>(PluginJars.descriptor("future"));
        future.put("Plugin-Requires", ">=9.0.0");
        PluginJars.write(elsewhere.resolve("future.jar"), future, List.of(GoodProvider.class),
                List.of(GoodProvider.class.getName()));
        assertEquals(1, mmsim(plugins, "plugins", "install", elsewhere.resolve("future.jar").toString()));
        assertEquals("mmsim: plugin future (future.jar): requires mm-api >=9.0.0 (Plugin-Requires), this mmsim runs "
                + "mm-api 0.1.0\n", err);
        jar(elsewhere.resolve("again.jar"), "base", null, DuplicateProvider.class);
        assertEquals(1, mmsim(plugins, "plugins", "install", elsewhere.resolve("again.jar").toString()));
        assertEquals("mmsim: plugin base (again.jar): Plugin-Id 'base' is already used by base.jar "
                + "(mmsim plugins remove base first)\n", err);
        jar(elsewhere.resolve("needy.jar"), "needy", "absent", DuplicateProvider.class);
        assertEquals(1, mmsim(plugins, "plugins", "install", elsewhere.resolve("needy.jar").toString()));
        assertEquals("mmsim: plugin needy (needy.jar): depends on absent, which is not installed\n", err);
        PluginJars.write(elsewhere.resolve("empty.jar"), PluginJars.descriptor("empty"), List.of(), null);
        assertEquals(1, mmsim(plugins, "plugins", "install", elsewhere.resolve("empty.jar").toString()));
        assertTrue(err.startsWith("mmsim: plugin empty: declares no extension"), err);
        assertEquals(List.of("base.jar"), fileNames(plugins), "nothing copied");

        jar(elsewhere.resolve("dep.jar"), "dep", "base", DuplicateProvider.class);
        assertEquals(0, mmsim(plugins, "plugins", "install", elsewhere.resolve("dep.jar").toString()), err);
        assertEquals("installed dep 1.2.3 (dep.jar): policies good-unshare, extra\n", out);
        assertEquals(List.of("base.jar", "dep.jar"), fileNames(plugins));

        assertEquals(1, mmsim(plugins, "plugins", "remove", "base"));
        assertEquals("mmsim: plugin base is needed by enabled plugin dep; disable or remove it first\n", err);
        assertEquals(0, mmsim(plugins, "plugins", "remove", "dep"), err);
        assertEquals(0, mmsim(plugins, "plugins", "remove", "base"), err);
        assertEquals("removed base 1.2.3 (base.jar)\n", out);
        assertEquals(List.of(), fileNames(plugins));
        assertEquals(2, mmsim(plugins, "plugins", "remove", "base"));
        assertEquals("mmsim: no plugin 'base' in " + plugins + " (plugins: none)\n", err);
    }

    @Test
    void aWriteProtectedFolderIsOneLine() throws IOException {
        Path plugins = Files.createDirectory(work.resolve("plugins"));
        jar(plugins.resolve("base.jar"), "base", null, GoodProvider.class);
        assertTrue(plugins.toFile().setWritable(false));
        try {
            if (Files.isWritable(plugins)) {
                return; // root ignores permissions: nothing to test here
            }
            assertEquals(2, mmsim(plugins, "plugins", "disable", "base"));
            assertEquals("mmsim: plugins directory " + plugins + " is not writable\n", err);
        } finally {
            plugins.toFile().setWritable(true);
        }
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
