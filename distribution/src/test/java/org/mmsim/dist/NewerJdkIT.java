package org.mmsim.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher under every JDK 21 or later installed in {@code /usr/lib/jvm}: a passing command
 * prints nothing on stderr. Newer JDKs warn about {@code sun.misc.Unsafe} (Guava 31 used it).
 */
class NewerJdkIT {
    private static final Path JVMS = Path.of("/usr/lib/jvm");
    private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    @TempDir
    Path work;

    /** Each JDK of {@code /usr/lib/jvm} whose {@code release} file says 21 or later, symlinks resolved. */
    static List<Path> newerJdks() throws IOException {
        Set<Path> found = new LinkedHashSet<>();
        if (!Files.isDirectory(JVMS)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(JVMS)) {
            for (Path dir : (Iterable<Path>) dirs.sorted()::iterator) {
                Path release = dir.resolve("release");
                if (!Files.isExecutable(dir.resolve("bin/java")) || !Files.isRegularFile(release)) {
                    continue;
                }
                Matcher m = VERSION.matcher(Files.readString(release));
                if (m.find() && Integer.parseInt(m.group(1)) >= 21) {
                    found.add(dir.toRealPath());
                }
            }
        }
        return new ArrayList<>(found);
    }

    @Test
    void aPassingCommandPrintsNothingOnStderrUnderEveryNewerJdk() throws IOException {
        List<Path> jdks = newerJdks();
        assumeFalse(jdks.isEmpty(), "no JDK 21 or later in " + JVMS);
        Path conformance = Mmsim.dist().resolve("examples/conformance");
        for (Path jdk : jdks) {
            Map<String, String> env = Map.of("JAVA_HOME", jdk.toString());
            for (String[] args : List.of(StandardStreamsIT.args("compare", Conformance.handWritten(conformance)),
                    new String[] {"run", conformance.resolve("anon-basic-cow.mms").toString(), "--policy", "unshare"},
                    new String[] {"policies"})) {
                Mmsim.Result r = Mmsim.run(work, env, args);
                assertEquals(0, r.exit(), jdk + r.describe());
                assertFalse(r.out().isEmpty(), jdk + r.describe());
                assertEquals("", r.err(), "stderr under " + jdk + r.describe());
            }
        }
    }
}
