package org.mmsim.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsim.dist.hostile.HostileExtensions;
import org.mmsim.testkit.MiniJson;
import org.mmsim.testkit.PluginJars;

/**
 * The example plugins of examples/plugins/, compiled from their sources against the distribution's
 * lib/ (nothing else), contribute an invariant and a report format that work end to end as third-party
 * jars: the invariant is checked on every run and reported like the built-in ones; {@code --format
 * tap} writes TAP. A hostile format or invariant costs the command one line naming its plugin.
 */
class ExtensionPluginsIT {
    private static final String CVE = "examples/cve-2020-29374.mms";
    private static final String IOURING = "examples/conformance/anon-iouring-fork.mms";

    @TempDir
    static Path work;
    static Path plugins;

    @BeforeAll
    static void buildTheExamples() throws IOException {
        plugins = Mmsim.pluginsWithout(work.resolve("plugins"));
        for (String example : List.of("longterm-pin-invariant", "tap-format")) {
            build(Mmsim.repo().resolve("examples/plugins").resolve(example), plugins.resolve(example + "-1.0.0.jar"),
                    example);
        }
    }

    /** javac with PF4J's processor (which writes META-INF/extensions.idx), then a jar with the PF4J descriptor. */
    private static void build(Path project, Path jar, String id) throws IOException {
        Path classes = Files.createDirectories(work.resolve("classes-" + id));
        List<String> lib = new ArrayList<>();
        try (Stream<Path> jars = Files.list(Mmsim.dist().resolve("lib"))) {
            jars.filter(j -> j.toString().endsWith(".jar")).forEach(j -> lib.add(j.toString()));
        }
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", String.join(":", lib),
                "-processorpath", String.join(":", lib), "-processor", "org.pf4j.processor.ExtensionAnnotationProcessor",
                "--release", "17", "-Xlint:all", "-Werror", "-Xlint:-processing"));
        try (Stream<Path> sources = Files.walk(project.resolve("src/main/java"))) {
            sources.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        int status = ToolProvider.getSystemJavaCompiler().run(null, System.out, System.err, args.toArray(String[]::new));
        assertEquals(0, status, "javac of " + project);
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        Map.of("Plugin-Id", id, "Plugin-Version", "1.0.0", "Plugin-Requires", ">=0.1.0", "Plugin-Provider", "example")
                .forEach((k, v) -> mf.getMainAttributes().putValue(k, v));
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os, mf);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString()));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(Mmsim.Result r) {
        return (List<Map<String, Object>>) ((Map<String, Object>) MiniJson.parse(r.out())).get("results");
    }

    @SuppressWarnings("unchecked")
    private static List<String> violations(Map<String, Object> result, String invariant) {
        return ((List<Map<String, Object>>) result.get("violations")).stream()
                .filter(v -> v.get("invariant").equals(invariant))
                .map(v -> ((Number) v.get("line")).intValue() + " " + v.get("message")).toList();
    }

    @Test
    void aThirdPartyInvariantIsCheckedOnEveryRunAndReportedLikeTheBuiltInOnes() {
        Mmsim.Result r = Mmsim.run(Mmsim.repo(), "compare", IOURING, "--policies", "mapcount,unshare", "--format", "json",
                "--plugins-dir", plugins.toString());
        assertEquals(0, r.exit(), r.describe());
        List<Map<String, Object>> results = results(r);
        // mapcount (4.x-5.7) copies the page io_uring pinned long-term when the parent writes after fork
        List<String> mapcount = violations(results.get(0), "longterm-pin-copied");
        assertEquals(1, mapcount.size(), r.describe());
        assertTrue(mapcount.get(0).matches("\\d+ long-term pin ring holds #\\d+ but parent buf\\[0\\] now maps a copy, "
                + "#\\d+ \\('.*'\\)"), mapcount.get(0));
        assertEquals("fail", results.get(0).get("verdict"));
        assertEquals(List.of(), violations(results.get(1), "longterm-pin-copied"), r.describe());
        assertEquals("pass", results.get(1).get("verdict"));

        Mmsim.Result without = Mmsim.run(Mmsim.repo(), "compare", IOURING, "--policies", "mapcount,unshare",
                "--format", "json", "--plugins-dir", Mmsim.dist().resolve("plugins").toString());
        assertEquals(List.of(), violations(results(without).get(0), "longterm-pin-copied"), "only the plugin checks it");
    }

    @Test
    void aThirdPartyFormatWritesTheComparison() {
        Mmsim.Result r = Mmsim.run(Mmsim.repo(), "compare", CVE, IOURING, "--policies", "mapcount,unshare", "--format",
                "tap", "--plugins-dir", plugins.toString());
        assertEquals(0, r.exit(), r.describe());
        List<String> lines = r.outLines();
        assertEquals(List.of("TAP version 13", "1..4"), lines.subList(0, 2), r.describe());
        List<String> points = lines.stream().filter(l -> l.matches("(not )?ok \\d+ - .*")).toList();
        assertEquals(List.of("not ok 1 - vmsplice() + unmap in child (CVE-2020-29374) [mapcount]",
                "ok 2 - vmsplice() + unmap in child (CVE-2020-29374) [unshare]"), points.subList(0, 2), r.describe());
        assertTrue(points.get(2).startsWith("not ok 3 - ") && points.get(2).endsWith("[mapcount]"), r.describe());
        assertTrue(r.out().contains("      kind: longterm-pin-copied\n"), "the invariant plugin's finding: " + r.describe());
        assertTrue(r.out().contains("      kind: isolation\n"), r.describe());

        Mmsim.Result unknown = Mmsim.run(Mmsim.repo(), "compare", CVE, "--format", "yaml", "--plugins-dir",
                plugins.toString());
        assertEquals(2, unknown.exit(), unknown.describe());
        assertTrue(unknown.err().contains("mmsim: --format: expected one of table, json, markdown, junit, html, tap but "
                + "was 'yaml'"), unknown.describe());
    }

    @Test
    void aHostileFormatOrInvariantCostsTheCommandOneLineNamingItsPlugin(@TempDir Path dir) throws IOException {
        Path hostile = Mmsim.pluginsWithout(dir.resolve("plugins"));
        PluginJars.write(hostile.resolve("broken-format.jar"), PluginJars.descriptor("broken-format"),
                List.of(HostileExtensions.class, HostileExtensions.Formats.class, classOf("HostileExtensions$Formats$1")),
                List.of(HostileExtensions.Formats.class.getName()));
        Mmsim.Result r = Mmsim.run(Mmsim.repo(), "compare", CVE, "--format", "broken", "--plugins-dir", hostile.toString());
        assertEquals(2, r.exit(), r.describe());
        assertEquals("mmsim: format broken of plugin broken-format failed: format bug", Mmsim.assertOneLineError(r));
        assertEquals("", r.out(), "no half report");

        PluginJars.write(hostile.resolve("exits.jar"), PluginJars.descriptor("exits"),
                List.of(HostileExtensions.class, HostileExtensions.Invariants.class,
                        classOf("HostileExtensions$Invariants$1")), List.of(HostileExtensions.Invariants.class.getName()));
        Mmsim.Result e = Mmsim.run(Mmsim.repo(), "compare", CVE, "--plugins-dir", hostile.toString());
        assertEquals(2, e.exit(), e.describe());
        assertTrue(e.err().contains("mmsim: compare: the worker JVM of plugin exits exited with status 9 (System.exit or "
                + "halt in plugin code?)"), e.describe());
    }

    private static Class<?> classOf(String simple) {
        try {
            return Class.forName(HostileExtensions.class.getPackageName() + "." + simple);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }
}
