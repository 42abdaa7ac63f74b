package org.mmsim.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.plugin.testplugins.ConstructorThrowingProvider;
import org.mmsim.core.plugin.testplugins.DuplicateProvider;
import org.mmsim.core.plugin.testplugins.FailingStartPlugin;
import org.mmsim.core.plugin.testplugins.GoodProvider;
import org.mmsim.core.plugin.testplugins.ThrowingProvider;
import org.mmsim.testkit.PluginJars;

/** Real PF4J loading of jars written by the test: every kind of broken plugin next to a good one. */
class PluginLoaderTest {
    @TempDir
    Path dir;

    private static String name(Class<?> c) {
        return c.getName();
    }

    @Test
    void brokenPluginsNeverTakeTheGoodOneDown() throws IOException {
        PluginJars.write(dir.resolve("a-good.jar"), PluginJars.descriptor("good"), List.of(GoodProvider.class),
                List.of(name(GoodProvider.class)));
        Files.write(dir.resolve("b-corrupt.jar"), new byte[] {'P', 'K', 3, 4, 'n', 'o', 'p', 'e'});
        PluginJars.write(dir.resolve("c-nodescriptor.jar"), Map.of("Created-By", "hand"), List.of(GoodProvider.class),
                List.of(name(GoodProvider.class)));
        PluginJars.write(dir.resolve("d-nomanifest.jar"), null, List.of(GoodProvider.class),
                List.of(name(GoodProvider.class)));
        Map<String, String> future = new HashMap<>(PluginJars.descriptor("future"));
        future.put("Plugin-Requires", ">=9.0.0");
        PluginJars.write(dir.resolve("e-future.jar"), future, List.of(GoodProvider.class),
                List.of(name(GoodProvider.class)));
        Map<String, String> badStart = new HashMap<>(PluginJars.descriptor("badstart"));
        badStart.put("Plugin-Class", name(FailingStartPlugin.class));
        PluginJars.write(dir.resolve("f-badstart.jar"), badStart,
                List.of(FailingStartPlugin.class, GoodProvider.class), List.of(name(GoodProvider.class)));
        PluginJars.write(dir.resolve("g-throws.jar"), PluginJars.descriptor("throws"), List.of(ThrowingProvider.class),
                List.of(name(ThrowingProvider.class)));
        PluginJars.write(dir.resolve("h-ctor.jar"), PluginJars.descriptor("ctor"),
                List.of(ConstructorThrowingProvider.class), List.of(name(ConstructorThrowingProvider.class)));
        PluginJars.write(dir.resolve("i-dup.jar"), PluginJars.descriptor("zz-dup"), List.of(DuplicateProvider.class),
                List.of(name(DuplicateProvider.class)));
        PluginJars.write(dir.resolve("j-noext.jar"), PluginJars.descriptor("noext"), List.of(), null);
        PluginJars.write(dir.resolve("k-missingclass.jar"), PluginJars.descriptor("missingclass"), List.of(),
                List.of("org.example.DoesNotExist"));
        PluginJars.write(dir.resolve("l-sameid.jar"), PluginJars.descriptor("good"), List.of(DuplicateProvider.class),
                List.of(name(DuplicateProvider.class)));
        PluginJars.write(dir.resolve("m-bundled.jar"), PluginJars.descriptor("bundled"),
                List.of(GoodProvider.class, org.mmsim.api.PolicyProvider.class), List.of(name(GoodProvider.class)));
        Files.writeString(dir.resolve("README.txt"), "not a jar, ignored");
        Files.createDirectory(dir.resolve("n-directory.jar")); // not a file: ignored

        FlagRegistry flags = new FlagRegistry();
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true);
        System.setOut(capture);
        System.setErr(capture);
        PolicyCatalog cat;
        try {
            cat = PluginLoader.load(dir, flags);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }

        assertEquals("", captured.toString(), "nothing reaches the terminal while plugins load");
        // zz-dup's 'good-unshare' clashes with good's: both kept, each named by its qualified id
        assertEquals(List.of("good:good-unshare", "zz-dup:good-unshare", "extra"), List.copyOf(cat.policies().keySet()));
        LoadedPolicy good = cat.get("good:good-unshare").orElseThrow();
        assertEquals("good", good.pluginId());
        assertEquals("1.2.3", good.pluginVersion());
        assertFalse(good.bundled(), "no list of bundled jars here");
        assertEquals("zz-dup", cat.get("extra").orElseThrow().pluginId());
        assertEquals(List.of("plugins good and zz-dup: each declare policy 'good-unshare'; "
                + "name one: good:good-unshare, zz-dup:good-unshare"), cat.clashes());
        assertTrue(flags.lookup("FAULT_FLAG_TEST_PLUGIN").isPresent(), "the plugin registered into the shared registry");
        assertEquals(dir, cat.directory());

        List<String> problems = cat.problems();
        String all = String.join("\n", problems);
        assertProblem(problems, "plugin b-corrupt.jar: not a readable jar file");
        assertProblem(problems, "plugin c-nodescriptor.jar: no plugin descriptor: MANIFEST.MF has no Plugin-Id");
        assertProblem(problems, "plugin d-nomanifest.jar: no plugin descriptor");
        assertProblem(problems, "plugin future (e-future.jar): requires mm-api >=9.0.0 (Plugin-Requires), this mmsim runs mm-api 0.1.0");
        assertProblem(problems, "plugin badstart: failed to start: java.lang.IllegalStateException: start exploded");
        assertProblem(problems, "plugin throws: provider " + name(ThrowingProvider.class) + " failed: "
                + "java.lang.IllegalStateException: provider exploded");
        assertProblem(problems, "plugin ctor: extension " + name(ConstructorThrowingProvider.class)
                + " could not be created");
        assertProblem(problems, "plugin noext: declares no extension");
        assertProblem(problems, "plugin missingclass: extension class org.example.DoesNotExist cannot be loaded");
        assertProblem(problems, "plugin l-sameid.jar: Plugin-Id 'good' is already used by a-good.jar; ignored");
        assertProblem(problems, "plugin bundled: extension " + name(GoodProvider.class)
                + " implements its own copy of org.mmsim.api.PolicyProvider");
        assertEquals(11, problems.size(), all);
        for (String p : problems) {
            assertTrue(p.startsWith("plugin ") && !p.contains("\n"), p);
        }
    }

    @Test
    void aBundledJarKeepsItsPluginIdAgainstAnImpostorThatSortsFirst() throws IOException {
        PluginJars.write(dir.resolve("a-impostor.jar"), PluginJars.descriptor("good"), List.of(DuplicateProvider.class),
                List.of(name(DuplicateProvider.class)));
        Path real = PluginJars.write(dir.resolve("z-good.jar"), PluginJars.descriptor("good"),
                List.of(GoodProvider.class), List.of(name(GoodProvider.class)));

        PolicyCatalog trusting = PluginLoader.load(dir, new FlagRegistry(), BundledPlugins.NONE);
        assertEquals("good", trusting.get("extra").orElseThrow().pluginId(), "without the list, file order decides");

        PolicyCatalog cat = PluginLoader.load(dir, new FlagRegistry(),
                BundledPlugins.of(java.util.Set.of(BundledPlugins.sha256(real))));
        assertEquals(List.of("good-unshare"), List.copyOf(cat.policies().keySet()));
        assertTrue(cat.get("good-unshare").orElseThrow().bundled());
        assertEquals(List.of("plugin a-impostor.jar: Plugin-Id 'good' is already used by z-good.jar; ignored"),
                cat.problems());
    }

    private static void assertProblem(List<String> problems, String prefix) {
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(prefix)),
                () -> "no problem starting with\n  " + prefix + "\nin\n  " + String.join("\n  ", problems));
    }

    @Test
    void emptyDirectoryGivesAnEmptyCatalog() {
        PolicyCatalog cat = PluginLoader.load(dir, new FlagRegistry());
        assertTrue(cat.isEmpty());
        assertTrue(cat.problems().isEmpty());
    }

    @Test
    void onlyJarsDirectlyInTheDirectoryCount() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        PluginJars.write(sub.resolve("good.jar"), PluginJars.descriptor("good"), List.of(GoodProvider.class),
                List.of(name(GoodProvider.class)));
        assertTrue(PluginLoader.listJars(dir).isEmpty());
        assertTrue(PluginLoader.load(dir, new FlagRegistry()).isEmpty());
    }

    @Test
    void directoryResolution() {
        assertEquals(Path.of("opt"), PluginDirectory.resolve("opt", n -> "env", "/home"));
        assertEquals(Path.of("env"), PluginDirectory.resolve(null, n -> n.equals("MMSIM_PLUGINS_DIR") ? "env" : null,
                "/home"));
        assertEquals(Path.of("/home", "plugins"), PluginDirectory.resolve(null, n -> null, "/home"));
        assertEquals(Path.of("/home", "plugins"), PluginDirectory.resolve(null, n -> " ", "/home"));
        assertEquals(Path.of("plugins"), PluginDirectory.resolve(null, n -> null, null));
    }

    @Test
    void directoryCheck() throws IOException {
        assertTrue(PluginDirectory.check(dir).isEmpty());
        assertEquals("plugins directory " + dir.resolve("nope") + " does not exist",
                PluginDirectory.check(dir.resolve("nope")).orElseThrow());
        Path file = Files.writeString(dir.resolve("f"), "x");
        assertEquals("plugins directory " + file + " is not a directory", PluginDirectory.check(file).orElseThrow());
    }
}
