package org.mmsim.core.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mmsim.core.bench.Bench;
import org.mmsim.core.plugin.PluginDirectory;

/**
 * Measures one policy in a fresh JVM started by the distribution's launcher, as JMH forks: in one
 * JVM the policies measured first shape the JIT's profile (the calls into {@code Policy} turn
 * megamorphic), which slowed the later ones by about 15%. The child prints {@code --format json};
 * its one-line errors reach stderr unchanged.
 */
final class BenchFork {
    private final Path launcher;

    private BenchFork(Path launcher) {
        this.launcher = launcher;
    }

    /** The fork of this distribution, or null when there is no launcher to start (an embedded or test JVM). */
    static BenchFork ofDistribution() {
        String home = System.getProperty(PluginDirectory.HOME_PROPERTY);
        if (home == null) {
            return null;
        }
        Path launcher = Path.of(home, "bin", "mmsim");
        return Files.isExecutable(launcher) ? new BenchFork(launcher) : null;
    }

    /** Runs {@code mmsim ARGS} (a bench of policy {@code id} in json, counting {@code unit}) and returns its figures. */
    Bench.Figures measure(String id, String unit, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.toString());
        cmd.addAll(args);
        Process child;
        try {
            child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT)
                    .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw CliException.usage("bench: cannot start " + launcher + ": " + e.getMessage());
        }
        String out;
        int status;
        try (InputStream in = child.getInputStream()) {
            child.getOutputStream().close();
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            status = child.waitFor();
        } catch (IOException e) {
            child.destroyForcibly();
            throw CliException.usage("bench: lost the measuring JVM: " + e.getMessage());
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CliException(null, Main.EXIT_USAGE);
        }
        if (status == Main.EXIT_USAGE) {
            throw new CliException(null, status); // the child said why, in one line on our stderr
        }
        if (status != 0) { // killed, or a JVM that could not start: nothing was said
            throw CliException.usage("bench: the JVM measuring " + id + " exited with status " + status);
        }
        Bench.Figures f = BenchJson.read(id, unit, out);
        if (f == null) {
            throw CliException.usage("bench: the measuring JVM printed no result: " + Main.oneLine(out));
        }
        return f;
    }
}
