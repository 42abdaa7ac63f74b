package org.mmsim.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third party with nothing but the distribution: installs its sdk/ as the README says
 * ({@code cp -R sdk/org ~/.m2/repository/}), builds examples/plugin-template offline with Maven, then
 * loads the jar with the launcher and runs a scenario under its policy; then builds the example invariant and
 * report-format plugins of examples/plugins/ the same way and uses them. The local repository holds the
 * third-party artifacts of this build's own and, of org.mmsim, only what sdk/ brought.
 */
class PluginTemplateIT {
    private static final String JAR = "my-policies-1.0.0.jar";

    @TempDir
    Path tmp;

    @Test
    void theTemplateBuildsFromTheShippedSdkAloneAndItsPolicyLoadsAndRuns() throws Exception {
        assumeTrue(onPath("mvn"), "mvn is not on PATH: the plugin template is not built");
        Path repo = thirdPartyOnly(Path.of(System.getProperty("mmsim.m2")), tmp.resolve("m2"));
        try {
            buildAndLoad(repo);
        } finally {
            unlink(repo); // so that cleaning up the temporary directory never follows them
        }
    }

    private void buildAndLoad(Path repo) throws Exception {
        exec(tmp, "cp", "-R", Mmsim.dist().resolve("sdk").resolve("org").toString(), repo.toString());
        Path project = Mmsim.copyTree(Mmsim.dist().resolve("examples").resolve("plugin-template"), tmp.resolve("my-plugin"));

        String build = exec(project, "mvn", "-B", "-o", "-q", "-Dstyle.color=never", "-Dmaven.repo.local=" + repo,
                "package");
        Path jar = project.resolve("target").resolve(JAR);
        assertTrue(Files.isRegularFile(jar), "no " + JAR + " after the build:\n" + build);

        try (JarFile jf = new JarFile(jar.toFile())) {
            Attributes a = jf.getManifest().getMainAttributes();
            assertEquals("my-policies", a.getValue("Plugin-Id"));
            assertEquals("1.0.0", a.getValue("Plugin-Version"), "the plugin's own version, not mmsim's");
            assertEquals(">=0.1.0", a.getValue("Plugin-Requires"));
            assertEquals("Example Corp", a.getValue("Plugin-Provider"));
            String index = new String(jf.getInputStream(jf.getEntry("META-INF/extensions.idx")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(index.lines().anyMatch("com.example.mmsim.MyPolicies"::equals), index);
            assertFalse(jf.stream().anyMatch(e -> e.getName().startsWith("org/")),
                    "mm-api and PF4J are provided, never bundled");
        }

        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Files.copy(jar, plugins.resolve(JAR));
        Mmsim.Result list = Mmsim.run(tmp, "policies", "--plugins-dir", plugins.toString());
        assertEquals(0, list.exit(), list.describe());
        assertEquals("", list.err(), list.describe());
        assertTrue(list.outLines().stream().anyMatch(l -> l.matches("my-unshare +my-policies@1\\.0\\.0 +Template: .*")),
                list.describe());

        // a R/O pin of a page fork shared: the policy unshares it with the flag it registered
        String scenario = Mmsim.dist().resolve("examples/conformance/anon-ro-pin-longterm-shared.mms").toString();
        Mmsim.Result run = Mmsim.run(tmp, "run", scenario, "--policy", "my-unshare", "--trace", "--plugins-dir",
                plugins.toString());
        assertEquals(0, run.exit(), run.describe());
        assertTrue(run.out().contains("FAULT_FLAG_MY_UNSHARE"), run.describe());

        extensionExamples(repo, plugins);
    }

    /**
     * The example plugins of the other two extension points, built the same way (both at once, through
     * examples/plugins/pom.xml) and installed with {@code mmsim plugins install}, which trial-loads each
     * in a worker; ExtensionPluginsIT runs them.
     */
    private void extensionExamples(Path repo, Path plugins) throws Exception {
        Path examples = Mmsim.copyTree(Mmsim.dist().resolve("examples/plugins"), tmp.resolve("example-plugins"));
        exec(examples, "mvn", "-B", "-o", "-q", "-Dstyle.color=never", "-Dmaven.repo.local=" + repo, "package");
        for (String example : List.of("longterm-pin-invariant", "tap-format")) {
            Mmsim.Result installed = Mmsim.run(tmp, "plugins", "install", examples.resolve(example).resolve("target")
                    .resolve(example + "-1.0.0.jar").toString(), "--plugins-dir", plugins.toString());
            assertEquals(0, installed.exit(), installed.describe());
            assertEquals(example.equals("tap-format") ? "format tap" : "invariant longterm-pin-copied",
                    installed.out().strip().replaceAll(".*\\): ", ""), installed.describe());
        }
    }

    /** A local repository of links to everything in {@code from} but org/mmsim. */
    private static Path thirdPartyOnly(Path from, Path to) throws IOException {
        Files.createDirectories(to.resolve("org"));
        link(from, to, "org");
        link(from.resolve("org"), to.resolve("org"), "mmsim");
        return to;
    }

    private static void unlink(Path repo) throws IOException {
        for (Path dir : List.of(repo, repo.resolve("org"))) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path e : entries) {
                    if (Files.isSymbolicLink(e)) {
                        Files.delete(e);
                    }
                }
            }
        }
    }

    private static void link(Path from, Path to, String except) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(from)) {
            for (Path e : entries) {
                String name = e.getFileName().toString();
                if (!name.equals(except)) {
                    Files.createSymbolicLink(to.resolve(name), e.toAbsolutePath());
                }
            }
        }
    }

    /** Runs a command; its output when it succeeds, else the test fails with the output. */
    private static String exec(Path dir, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir.getParent() == null ? dir : dir.getParent(), "exec", ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!p.waitFor(Mmsim.TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), String.join(" ", command) + " in " + dir + ":\n" + out);
        return out;
    }

    private static boolean onPath(String program) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        return dirs.stream().anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, program)));
    }
}
