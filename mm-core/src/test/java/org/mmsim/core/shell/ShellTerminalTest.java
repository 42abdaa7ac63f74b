package org.mmsim.core.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsim.core.cli.Main;

/** The shell behind JLine (a dumb test terminal over in-memory streams), and {@code mmsim shell} itself. */
class ShellTerminalTest {
    private final ShellFixture f = new ShellFixture();

    @TempDir
    Path dir;

    private String terminal(String typed, int expectedStatus) throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (DumbTerminal t = new DumbTerminal("test", "dumb",
                new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), screen, StandardCharsets.UTF_8)) {
            assertEquals(expectedStatus, ShellLoop.run(f.setup(null), t));
        }
        return screen.toString(StandardCharsets.UTF_8);
    }

    @Test
    void promptsRunsStatementsAndEndsAtQuit() throws Exception {
        String screen = terminal("spawn p\nspawn p\n:quit\nspawn q\n", 1);
        assertTrue(screen.contains("mmsim shell: type a statement, or :help"), screen);
        assertTrue(screen.contains("mmsim(mm-id)> "), screen);
        assertTrue(screen.contains("1: spawn p  => ok   [mm-id]"), screen);
        assertTrue(screen.contains("error: column 7: "), "p taken twice: " + screen);
        assertTrue(!screen.contains("spawn q"), "nothing read after :quit: " + screen);
    }

    @Test
    void endOfInputEndsTheSession() throws Exception {
        String screen = terminal("spawn p\n", 0); // then the stream ends: Ctrl-D on a terminal
        assertTrue(screen.contains("1: spawn p  => ok   [mm-id]"), screen);
    }

    @Test
    void mmsimShellReadsPlainLinesWhenStdinIsNoTerminal() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(new String[] {"--plugins-dir", dir.toString(), "shell", "--policy", "refuse"},
                new ByteArrayInputStream("spawn p\n:policies\n".getBytes(StandardCharsets.UTF_8)), out,
                new PrintWriter(err), Map.<String, String>of()::get, (d, flags) -> f.catalog);
        assertEquals(0, status, err.toString());
        assertTrue(out.toString().contains("1: spawn p  => ok   [refuse]"), out.toString());
        assertTrue(out.toString().contains("* refuse"), out.toString());
    }

    @Test
    void anUnknownStartingPolicyIsAUsageError() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(new String[] {"--plugins-dir", dir.toString(), "shell", "--policy", "nope"},
                new ByteArrayInputStream(new byte[0]), out, new PrintWriter(err), Map.<String, String>of()::get,
                (d, flags) -> f.catalog);
        assertEquals(2, status);
        assertEquals("mmsim: no policy 'nope' (loaded: mm-id, refuse)", err.toString().strip());
    }
}
