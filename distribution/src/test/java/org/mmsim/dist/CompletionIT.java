package org.mmsim.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsim.core.cli.Main;
import picocli.CommandLine;

/** The shipped completion script, {@code completion/mmsim.bash}: what it covers, and bash completing with it. */
class CompletionIT {
    /** Completes each line (its last word, empty after a trailing space) and prints "line => candidates". */
    private static final String DRIVER = """
            source "$1"; shift
            compopt() { :; }  # only valid while bash itself is completing
            for line in "$@"; do
              read -ra COMP_WORDS <<< "$line"
              [[ $line == *' ' ]] && COMP_WORDS+=('')
              COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_LINE=$line; COMPREPLY=()
              _complete_mmsim
              echo "$line => ${COMPREPLY[*]}"
            done
            """;

    @TempDir
    Path work;

    private static Path script() {
        Path script = Mmsim.dist().resolve("completion/mmsim.bash");
        assertTrue(Files.isRegularFile(script), "no " + script);
        return script;
    }

    @Test
    void shippedScriptIsWhatTheCompletionCommandPrints() throws IOException {
        String shipped = Files.readString(script(), StandardCharsets.UTF_8);
        Mmsim.Result r = Mmsim.run(work, "completion", "bash");
        assertEquals(0, r.exit(), r.describe());
        assertEquals(r.out(), shipped, "the build generated completion/mmsim.bash from this command model");
        for (String command : new CommandLine(new Main()).getSubcommands().keySet()) {
            assertTrue(shipped.contains("function _picocli_mmsim_" + command + "()"), "no completion for " + command);
        }
        assertTrue(shipped.contains("'--policy'"), "run's --policy");
    }

    @Test
    void bashAcceptsTheScriptAndCompletesWithIt() throws Exception {
        assertEquals(List.of(), bash(List.of("-n", script().toString())), "bash -n");
        Path driver = Files.writeString(work.resolve("driver.bash"), DRIVER);
        assertEquals(List.of(
                "mmsim com => compare completion",
                "mmsim compa => compare",
                "mmsim run x.mms --pol => --policy",
                "mmsim compare x.mms --format  => table json markdown junit html",
                "mmsim completion  => bash zsh",
                "mmsim sh => shell",
                "mmsim plugins  => list info enable disable install remove"),
                bash(List.of(driver.toString(), script().toString(), "mmsim com", "mmsim compa",
                        "mmsim run x.mms --pol", "mmsim compare x.mms --format ", "mmsim completion ", "mmsim sh",
                        "mmsim plugins ")));
    }

    /** bash ARGS: its stdout lines; fails unless it exits 0 with nothing on stderr. */
    private List<String> bash(List<String> args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", "--norc", "--noprofile"));
        command.addAll(args);
        Path out = work.resolve("bash.out");
        Path err = work.resolve("bash.err");
        Process p = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(Mmsim.TIMEOUT_SECONDS, TimeUnit.SECONDS), "bash did not finish: " + command);
        String errText = Files.readString(err);
        assertEquals(0, p.exitValue(), command + ": " + errText);
        assertEquals("", errText, command.toString());
        return Files.readAllLines(out);
    }
}
