package org.mmsim.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers, {@code bin/mmsim} and the checkout's {@code ./mmsim}, from a directory whose path has a
 * space in it (the module path and {@code mmsim.home} included), and when {@code ./mmsim} rebuilds.
 */
class LauncherIT {
    @TempDir
    static Path tmp;
    /** A checkout-like tree at a path with spaces: ./mmsim and a copy of the distribution in place. */
    static Path repo;

    @BeforeAll
    static void copyTheDistribution() throws IOException {
        repo = Files.createDirectories(tmp.resolve("with space").resolve("my repo"));
        Mmsim.copyTree(Mmsim.dist(), repo.resolve("distribution/target/mmsim"));
        Files.copy(Mmsim.repo().resolve("mmsim"), repo.resolve("mmsim"), StandardCopyOption.COPY_ATTRIBUTES);
    }

    private static String cve() {
        return repo.resolve("distribution/target/mmsim/examples/cve-2020-29374.mms").toString();
    }

    @Test
    void distributionLauncherFromAPathWithASpace() throws IOException {
        Path launcher = repo.resolve("distribution/target/mmsim/bin/mmsim");
        Mmsim.Result r = Mmsim.run(tmp, launcher, Map.of(), "run", cve(), "--policy", "unshare");
        assertEquals(0, r.exit(), r.describe());
        assertTrue(r.out().startsWith("PASS "), r.describe());
        assertEquals("", r.err(), r.describe());

        // through a symbolic link whose own name has a space: the home is found through it
        Path link = Files.createSymbolicLink(tmp.resolve("my mmsim"), launcher);
        Mmsim.Result viaLink = Mmsim.run(tmp, link, Map.of(), "policies");
        assertEquals(0, viaLink.exit(), viaLink.describe());
        assertEquals(8, viaLink.outLines().size(), "seven policies and the host column" + viaLink.describe());
        assertTrue(viaLink.out().contains("the live kernel of this machine: Linux "), "its helper found through it too"
                + viaLink.describe());
    }

    /**
     * C1 only, the serial collector with conditional card marks, a 32 MB young generation, the heap
     * on huge pages and the build's class-data archive, but for bench's loops (bench explore: the
     * parallel collector and the heap on huge pages); MMSIM_JAVA_OPTS wins.
     */
    @Test
    void jvmChosenByCommand() {
        Map<String, String> flags = Map.of("MMSIM_JAVA_OPTS", "-XX:+PrintCommandLineFlags");
        String plugins = Mmsim.dist().resolve("plugins").toString();
        boolean thp = Files.isReadable(Path.of("/sys/kernel/mm/transparent_hugepage/enabled"));
        assertTrue(Files.isRegularFile(Mmsim.dist().resolve("lib/mmsim.jsa")), "the build wrote the archive");
        for (String[] args : new String[][] {{"policies"}, {"--plugins-dir", plugins, "policies"},
                {"compare", "--help"}, {"help", "explore"}, {"explore", "--help"}, {"diff", "--help"},
                {"--plugins-dir=" + plugins, "explore", "--help"}, {"help", "bench"}}) {
            Mmsim.Result r = Mmsim.run(tmp, flags, args);
            assertEquals(0, r.exit(), r.describe());
            for (String flag : List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:+UseCondCardMark", "-XX:NewSize=33554432",
                    "-XX:PretenureSizeThreshold=1048576", "-XX:SharedArchiveFile=" + Mmsim.dist().resolve("lib/mmsim.jsa"))) {
                assertTrue(r.out().contains(flag + " "), flag + " for " + String.join(" ", args) + r.describe());
            }
            assertEquals(thp, r.out().contains("-XX:+UseTransparentHugePages"), String.join(" ", args) + r.describe());
            assertFalse(r.out().contains("[cds"), "the archive is used silently" + r.describe());
        }
        for (String[] args : new String[][] {{"bench", "--help"}, {"--plugins-dir", plugins, "bench", "--help"}}) {
            Mmsim.Result r = Mmsim.run(tmp, flags, args);
            assertEquals(0, r.exit(), r.describe());
            for (String flag : List.of("TieredStopAtLevel", "UseSerialGC", "UseCondCardMark", "NewSize=33554432", "PretenureSizeThreshold", "SharedArchiveFile",
                    "UseTransparentHugePages")) {
                assertFalse(r.out().contains(flag), flag + " for " + String.join(" ", args) + r.describe());
            }
        }
        // bench explore: C2 still, with the throughput collector instead of G1 and the heap on huge pages;
        // explore as the workload, wherever the options put it, and not as an option's value
        for (String[] args : new String[][] {{"bench", "explore", "--help"}, {"bench", "--iterations", "1", "--no-fork",
                "explore", "--help"}, {"--plugins-dir", plugins, "bench", "--policy=unshare", "explore", "--help"}}) {
            Mmsim.Result explore = Mmsim.run(tmp, flags, args);
            assertEquals(0, explore.exit(), explore.describe());
            assertTrue(explore.out().contains("-XX:+UseParallelGC ") && explore.out().contains("-XX:+UseCondCardMark "),
                    String.join(" ", args) + explore.describe());
            assertEquals(thp, explore.out().contains("-XX:+UseTransparentHugePages"), explore.describe());
            for (String flag : List.of("TieredStopAtLevel", "UseSerialGC", "NewSize=33554432", "PretenureSizeThreshold",
                    "SharedArchiveFile")) {
                assertFalse(explore.out().contains(flag), flag + " for bench explore" + explore.describe());
            }
        }
        // C2 for an HTML report, and for a 2M THP universe at depth 6 or more (minutes of search)
        for (String[] args : new String[][] {{"explore", "--thp", "2M", "--help"}, {"explore", "--thp=2M", "--depth=7",
                "--help"}, {"compare", "--format=html", "--help"}, {"run", "--format", "html", "--help"}}) {
            Mmsim.Result r = Mmsim.run(tmp, flags, args);
            assertEquals(0, r.exit(), r.describe());
            assertFalse(r.out().contains("TieredStopAtLevel"), String.join(" ", args) + r.describe());
            assertTrue(r.out().contains("-XX:+UseSerialGC "), String.join(" ", args) + r.describe());
        }
        for (String[] args : new String[][] {{"explore", "--thp", "2M", "--depth", "4", "--help"}, {"explore", "--thp",
                "1M", "--help"}, {"explore", "--depth", "8", "--help"}}) {
            Mmsim.Result r = Mmsim.run(tmp, flags, args);
            assertEquals(0, r.exit(), r.describe());
            assertTrue(r.out().contains("-XX:TieredStopAtLevel=1 "), String.join(" ", args) + r.describe());
        }
        Mmsim.Result scenarios = Mmsim.run(tmp, flags, "bench", "--policy", "explore", "scenarios", "--help");
        assertEquals(0, scenarios.exit(), scenarios.describe());
        assertFalse(scenarios.out().contains("UseParallelGC"), "explore as --policy's value" + scenarios.describe());
        Mmsim.Result mine = Mmsim.run(tmp, Map.of("MMSIM_JAVA_OPTS",
                "-XX:+PrintCommandLineFlags -XX:TieredStopAtLevel=4 -Xmx64m"), "policies");
        assertEquals(0, mine.exit(), mine.describe());
        assertTrue(mine.out().contains("-XX:TieredStopAtLevel=4 "), mine.describe());
        assertFalse(mine.out().contains("-XX:NewSize=33554432"), "a heap sized by the user keeps the JVM's young generation"
                + mine.describe());
        // an archive this JVM cannot use (here: not one at all) is ignored without a word
        Mmsim.Result other = Mmsim.run(tmp, Map.of("MMSIM_JAVA_OPTS", "-XX:SharedArchiveFile=" + Mmsim.dist()
                .resolve("lib/bundled-plugins.sha256")), "policies");
        assertEquals(0, other.exit(), other.describe());
        assertEquals("", other.err(), other.describe());
    }

    @Test
    void checkoutScriptFromAPathWithASpace() {
        Mmsim.Result r = Mmsim.run(tmp, repo.resolve("mmsim"), Map.of("MMSIM_NO_BUILD", "1"),
                "run", cve(), "--policy", "unshare");
        assertEquals(0, r.exit(), r.describe());
        assertTrue(r.out().startsWith("PASS "), r.describe());
        assertEquals("", r.err(), r.describe());
    }

    /**
     * A new scenario under examples/ does not make ./mmsim rebuild; a newer source does (the control: a
     * stand-in mvn that only leaves a mark and fails).
     */
    @Test
    void checkoutScriptRebuildsForSourcesNotForExamples() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("fake bin"));
        Path mark = tmp.resolve("mvn ran");
        Path mvn = Files.writeString(bin.resolve("mvn"), "#!/bin/sh\ntouch \"" + mark + "\"\nexit 1\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = Map.of("PATH", bin + ":" + System.getenv("PATH"));
        Path stamp = repo.resolve("distribution/target/mmsim.stamp");
        Files.writeString(stamp, "built\n");
        Files.setLastModifiedTime(stamp, FileTime.from(Instant.now().minusSeconds(3600)));

        Path example = repo.resolve("examples/new.mms");
        Files.createDirectories(example.getParent());
        Files.writeString(example, "spawn p\nmmap p buf anon private\nwrite p buf[0] A\nread p buf[0] expect A\n");
        Mmsim.Result r = Mmsim.run(repo, repo.resolve("mmsim"), env, "run", "examples/new.mms", "--policy", "unshare");
        assertEquals(0, r.exit(), r.describe());
        assertEquals("", r.err(), "no build for a new example" + r.describe());
        assertFalse(Files.exists(mark), "mvn ran" + r.describe());

        Path source = repo.resolve("mm-core/src/main/java/New.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class New {}\n");
        Mmsim.Result stale = Mmsim.run(repo, repo.resolve("mmsim"), env, "policies");
        assertEquals(2, stale.exit(), stale.describe());
        assertTrue(stale.err().contains("mmsim: build FAILED"), stale.describe());
        assertTrue(Files.exists(mark), "a newer source starts a build" + stale.describe());
    }
}
