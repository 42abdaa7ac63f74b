package org.mmsim.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.plugin.testplugins.DuplicateProvider;
import org.mmsim.core.plugin.testplugins.GoodProvider;
import org.mmsim.testkit.PluginJars;

/** Ownership of ids, dependencies and dependents, read from the manifests; and the loader acting on them. */
class PluginInventoryTest {
    @TempDir
    Path dir;

    private Path jar(String file, String id, String deps) throws IOException {
        Map<String, String> d = new HashMap<>(PluginJars.descriptor(id));
        if (deps != null) {
            d.put("Plugin-Dependencies", deps);
        }
        Class<?> provider = id.equals("base") ? GoodProvider.class : DuplicateProvider.class;
        return PluginJars.write(dir.resolve(file), d, List.of(provider), List.of(provider.getName()));
    }

    @Test
    void dependenciesAndDependentsAreReadAndJudged() throws IOException {
        jar("a.jar", "base", null);
        jar("b.jar", "mid", "base");
        jar("c.jar", "top", "mid, extra?");
        jar("d.jar", "picky", "base@>=2.0.0");
        jar("e.jar", "orphan", "nowhere");
        PluginInventory inv = PluginInventory.of(dir, BundledPlugins.NONE);
        assertEquals(List.of("base", "mid", "orphan", "picky", "top"), inv.ids());
        assertEquals(List.of("mid", "picky"), inv.dependents("base", false).stream().map(PluginInventory.Jar::id).toList());
        assertEquals(List.of("top", "mid", "picky"), inv.enabledDependents("base").stream().map(PluginInventory.Jar::id).toList(),
                "dependents of dependents first");
        assertEquals(Optional.empty(), inv.whyNot(inv.plugin("top").orElseThrow()), "the optional one may be missing");
        assertEquals(Optional.of("depends on base@>=2.0.0, but base is 1.2.3"), inv.whyNot(inv.plugin("picky").orElseThrow()));
        assertEquals(Optional.of("plugin orphan: depends on nowhere, which is not installed; not loaded"),
                inv.problemLine(inv.plugin("orphan").orElseThrow()));

        PluginStates.read(dir).disable("base");
        inv = PluginInventory.of(dir, BundledPlugins.NONE);
        assertEquals(Optional.of("depends on base, which is disabled (mmsim plugins enable base)"),
                inv.whyNot(inv.plugin("mid").orElseThrow()));
        assertEquals(Optional.of("depends on mid, which cannot load: depends on base, which is disabled "
                + "(mmsim plugins enable base)"), inv.whyNot(inv.plugin("top").orElseThrow()));
        assertEquals(List.of("base"), inv.disabledDependencies(inv.plugin("top").orElseThrow()).stream()
                .map(PluginInventory.Jar::id).toList());

        // the loader: the disabled plugin is left out without a word, its dependents with the reason
        PolicyCatalog cat = PluginLoader.load(dir, new FlagRegistry());
        assertEquals(List.of(), cat.list().stream().filter(p -> p.pluginId().equals("base")).toList());
        assertEquals(List.of(
                "plugin mid: depends on base, which is disabled (mmsim plugins enable base); not loaded",
                "plugin orphan: depends on nowhere, which is not installed; not loaded",
                "plugin picky: depends on base@>=2.0.0, which is disabled (mmsim plugins enable base); not loaded",
                "plugin top: depends on mid, which cannot load: depends on base, which is disabled "
                        + "(mmsim plugins enable base); not loaded"), cat.problems());
    }

    @Test
    void aBundledJarOwnsItsIdWhateverItsName() throws IOException {
        PluginJars.write(dir.resolve("a.jar"), PluginJars.descriptor("base"), List.of(DuplicateProvider.class),
                List.of(DuplicateProvider.class.getName())); // other bytes than z.jar's
        Path real = jar("z.jar", "base", null);
        PluginInventory inv = PluginInventory.of(dir, BundledPlugins.of(Set.of(BundledPlugins.sha256(real))));
        assertEquals("z.jar", inv.plugin("base").orElseThrow().file());
        assertEquals("z.jar", inv.jars().get(0).owner());
        assertNull(inv.jars().get(1).owner());
        assertEquals(Optional.of("plugin a.jar: Plugin-Id 'base' is already used by z.jar; ignored"),
                inv.problemLine(inv.jars().get(0)));
    }
}
