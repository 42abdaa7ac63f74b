package org.mmsim.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.plugin.PluginLoader;
import org.mmsim.core.plugin.PolicyCatalog;
import org.mmsim.core.testing.KernelUnsharePolicy;

/** The session opened while the command line is parsed: taken when it is the command's, else opened again. */
class EarlySessionTest {
    @TempDir
    Path plugins;

    /** Which thread loaded which directory, in order. */
    private final List<String> loads = new CopyOnWriteArrayList<>();

    private final BiFunction<Path, FlagRegistry, PolicyCatalog> loader = (dir, flags) ->
            PluginLoader.quietly(() -> { // as the real loader: System.out and System.err silenced meanwhile
                loads.add(Thread.currentThread().getName() + " " + dir.getFileName());
                return PolicyCatalog.of(dir, List.of(new PolicyCatalog.Contribution("test", "1.0", true,
                        host -> List.of(new KernelUnsharePolicy()))), flags, List.of());
            });

    private int mmsim(String... args) {
        StringWriter o = new StringWriter();
        return Main.execute(args, new ByteArrayInputStream(new byte[0]), o, new PrintWriter(new StringWriter()),
                n -> null, loader);
    }

    @Test
    void theCommandTakesTheSessionOpenedWhileItsLineWasParsed() {
        assertEquals(0, mmsim("--plugins-dir", plugins.toString(), "policies"));
        assertEquals(List.of("mmsim-start " + plugins.getFileName()), loads);
        loads.clear();
        assertEquals(0, mmsim("policies", "--plugins-dir=" + plugins));
        assertEquals(List.of("mmsim-start " + plugins.getFileName()), loads);
    }

    @Test
    void otherLimitsOpenTheirOwnAfterTheEarlyOneAndLeaveTheStandardStreamsAsTheyWere() throws IOException {
        Path scenario = Files.writeString(plugins.resolve("s.mms"), MainTest.FORK_COW);
        PrintStream err = System.err;
        PrintStream out = System.out;
        mmsim("--plugins-dir", plugins.toString(), "run", scenario.toString(), "--policy", "unshare",
                "--max-processes", "8");
        assertEquals(2, loads.size(), loads.toString());
        assertEquals("mmsim-start " + plugins.getFileName(), loads.get(0));
        assertEquals(Thread.currentThread().getName() + " " + plugins.getFileName(), loads.get(1));
        assertSame(err, System.err);
        assertSame(out, System.out);
    }

    @Test
    void itIsTakenOnceASecondSessionIsTheCommandsOwn() {
        EarlySession early = EarlySession.start(new String[] {"--plugins-dir", plugins.toString(), "policies"},
                n -> null, loader);
        Main.Session first = early.take(plugins, org.mmsim.core.mm.Limits.DEFAULT);
        assertEquals(List.of("mmsim-start " + plugins.getFileName()), loads);
        assertEquals(null, early.take(plugins, org.mmsim.core.mm.Limits.DEFAULT), "taken already");
        assertTrue(first.catalog().get("unshare").isPresent(), "the early one is a whole session");
    }

    @Test
    void helpAVersionOrTwoDirectoriesOpenNothingEarly() {
        String dir = plugins.toString();
        assertEquals(0, mmsim("--plugins-dir", dir, "explore", "--help"));
        assertEquals(0, mmsim("--version"));
        assertEquals(List.of(), loads);
        mmsim("--plugins-dir", dir, "policies", "--plugins-dir", dir);
        assertTrue(loads.stream().noneMatch(l -> l.startsWith("mmsim-start")), loads.toString());
    }

    @Test
    void aDirectoryThatCannotBeUsedIsLeftToTheCommandToReport() {
        assertEquals(2, mmsim("--plugins-dir", plugins.resolve("missing").toString(), "policies"));
        assertEquals(List.of(), loads);
    }
}
