package org.mmsim.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsim.api.InvariantProvider;
import org.mmsim.api.ReportFormat;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.mm.Violation;
import org.mmsim.core.plugin.testplugins.ExtraExtensions;
import org.mmsim.core.plugin.testplugins.GoodProvider;
import org.mmsim.core.report.ResultView;
import org.mmsim.core.report.ReportOptions;
import org.mmsim.core.run.ComparisonResult;
import org.mmsim.testkit.PluginJars;

/** Invariants and report formats: the core's first, then the plugins', each name taken once. */
class ExtensionsTest {
    @TempDir
    Path dir;

    @Test
    void theCoreContributesItsInvariantsAndFormatsThroughTheExtensionPoints() {
        Extensions e = Extensions.BUILTIN;
        assertEquals(Violation.INVARIANTS, e.invariants().stream().map(Extensions.Entry::name).toList());
        assertEquals(List.of("table", "json", "markdown", "junit", "html"),
                e.formats().stream().map(Extensions.Entry::name).toList());
        assertTrue(e.invariants().stream().allMatch(i -> i.pluginId().equals("core") && i.here()));
        assertEquals(List.of(), e.problems());
    }

    @Test
    void aNameIsTakenByItsFirstContributorAndMalformedOrFailingOnesAreLeftOutInOneLine() {
        InvariantProvider failing = () -> {
            throw new IllegalStateException("no");
        };
        Extensions e = Extensions.of(List.of(new Extensions.Source<>("zz", new ExtraExtensions.Invariants()),
                        new Extensions.Source<>("aa", failing)),
                List.of(new Extensions.Source<>("fmt", new ExtraExtensions.Formats())),
                List.of(new Extensions.Offered("far", "invariant", "no-shared-anon", "elsewhere", dir),
                        new Extensions.Offered("far", "format", "far-format", "elsewhere", dir)));
        assertEquals(List.of(
                        "plugin aa: its invariant provider failed: java.lang.IllegalStateException: no",
                        "plugin zz: invariant 'leak' is already contributed by mmsim itself; ignored",
                        "plugin far: invariant 'no-shared-anon' is already contributed by plugin zz; ignored",
                        "plugin fmt: format name 'Bad Name' is not lower-case words joined by '-'; ignored"),
                e.problems());
        Extensions.Entry<?> mine = e.invariants().get(e.invariants().size() - 1);
        assertEquals("no-shared-anon zz true", mine.name() + " " + mine.pluginId() + " " + mine.here());
        assertEquals(9, e.invariantsHere().size());
        assertEquals(List.of(), e.invariantsElsewhere());
        Extensions.Entry<ReportFormat> far = e.format("far-format").orElseThrow();
        assertFalse(far.here());
        assertEquals(dir, far.elsewhere());
        assertTrue(e.format("count").orElseThrow().here());
    }

    @Test
    void aPluginJarWithOnlyAnInvariantAndAFormatLoadsAndItsFormatWritesTheComparison() throws IOException {
        PluginJars.write(dir.resolve("extra.jar"), PluginJars.descriptor("extra"), List.of(ExtraExtensions.class,
                ExtraExtensions.Invariants.class, ExtraExtensions.Formats.class, classOf("ExtraExtensions$1"),
                classOf("ExtraExtensions$2")), List.of(ExtraExtensions.Invariants.class.getName(),
                ExtraExtensions.Formats.class.getName()));
        PluginJars.write(dir.resolve("good.jar"), PluginJars.descriptor("good"), List.of(GoodProvider.class),
                List.of(GoodProvider.class.getName()));
        PolicyCatalog cat = PluginLoader.load(dir, new FlagRegistry());
        assertEquals(List.of("plugin extra: invariant 'leak' is already contributed by mmsim itself; ignored",
                "plugin extra: format name 'Bad Name' is not lower-case words joined by '-'; ignored"), cat.problems());
        assertEquals(List.of("good-unshare"), List.copyOf(cat.policies().keySet()));
        assertEquals("extra", cat.extensions().invariants().get(8).pluginId());
        ReportFormat count = cat.extensions().format("count").orElseThrow().extension();
        StringWriter out = new StringWriter();
        count.write(new ResultView(new ComparisonResult(cat.list(), List.of(), List.of()), ReportOptions.PLAIN), out);
        assertEquals("0 runs\n", out.toString());
    }

    private static Class<?> classOf(String simple) {
        try {
            return Class.forName(ExtraExtensions.class.getPackageName() + "." + simple);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

}
