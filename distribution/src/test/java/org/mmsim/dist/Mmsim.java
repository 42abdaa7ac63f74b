package org.mmsim.dist;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the assembled launcher, {@code ${mmsim.dist}/bin/mmsim}, as a real process: explicit working
 * directory, stdout and stderr captured (to files, so a chatty process never blocks on a full pipe),
 * stdin empty (unless a test gives it), and a bounded wait. Every run checks the CLI's promise that no stack trace ever
 * reaches stderr.
 */
final class Mmsim {
    /**
     * The longest one invocation may take before the test fails (and the process is killed): a compare of
     * the whole conformance suite (772 scenarios x 7 policies) takes one to two minutes on two busy cores.
     */
    static final long TIMEOUT_SECONDS = 300;

    private Mmsim() {
    }

    /** The assembled distribution (system property {@code mmsim.dist}). */
    static Path dist() {
        return dir("mmsim.dist");
    }

    /** The repository root (system property {@code mmsim.repo}). */
    static Path repo() {
        return dir("mmsim.repo");
    }

    private static Path dir(String property) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            fail("system property " + property + " is not set: run the end-to-end tests through maven (failsafe)");
        }
        Path p = Path.of(v).toAbsolutePath().normalize();
        assertTrue(Files.isDirectory(p), property + " is not a directory: " + p);
        return p;
    }

    static Path launcher() {
        Path bin = dist().resolve("bin").resolve("mmsim");
        assertTrue(Files.isExecutable(bin), "no executable launcher at " + bin);
        return bin;
    }

    /** What one invocation did. */
    record Result(List<String> command, Path workDir, int exit, String out, String err) {
        List<String> outLines() {
            return lines(out);
        }

        List<String> errLines() {
            return lines(err);
        }

        private static List<String> lines(String s) {
            return s.lines().toList();
        }

        /** For assertion messages: the command, its status and both outputs. */
        String describe() {
            return "\n$ (cd " + workDir + " && " + String.join(" ", command) + ")\nexit status " + exit
                    + "\n--- stdout ---\n" + abbreviate(out) + "--- stderr ---\n" + abbreviate(err) + "---";
        }

        private static String abbreviate(String s) {
            return s.length() > 6000 ? s.substring(0, 6000) + "\n[... " + (s.length() - 6000) + " more chars]\n" : s;
        }
    }

    /** {@code mmsim args...} in {@code workDir}, without MMSIM_PLUGINS_DIR in the environment. */
    static Result run(Path workDir, String... args) {
        return run(workDir, Map.of(), args);
    }

    /**
     * {@code mmsim args...} in {@code workDir}. The environment is the test's own, minus
     * MMSIM_PLUGINS_DIR (an ambient value must not change what is tested), plus {@code env}.
     */
    static Result run(Path workDir, Map<String, String> env, String... args) {
        return run(workDir, launcher(), env, args);
    }

    /** The same with another launcher (a test's doctored copy of the distribution). */
    static Result run(Path workDir, Path launcher, Map<String, String> env, String... args) {
        return run(workDir, launcher, env, Path.of("/dev/null"), null, args);
    }

    /**
     * {@code mmsim args... <stdin} in {@code workDir}, and {@code >stdout} unless that is null (then the
     * result's {@code out} is empty).
     */
    static Result runRedirected(Path workDir, Path stdin, Path stdout, String... args) {
        return run(workDir, launcher(), Map.of(), stdin, stdout, args);
    }

    private static Result run(Path workDir, Path launcher, Map<String, String> env, Path stdin, Path stdout,
                              String... args) {
        List<String> command = command(launcher, args);
        ProcessBuilder pb = builder(workDir, env, command);
        Path outFile;
        Path errFile;
        try {
            outFile = Files.createTempFile("mmsim-it-", ".out");
            errFile = Files.createTempFile("mmsim-it-", ".err");
        } catch (IOException e) {
            throw new AssertionError("cannot create capture files", e);
        }
        pb.redirectOutput(stdout == null ? outFile.toFile() : stdout.toFile());
        pb.redirectError(errFile.toFile());
        pb.redirectInput(stdin.toFile());
        try {
            Process p = pb.start();
            boolean done;
            try {
                done = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                done = false;
            }
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                fail("mmsim did not finish within " + TIMEOUT_SECONDS + " s: " + command
                        + "\n--- stdout ---\n" + Files.readString(outFile, StandardCharsets.UTF_8)
                        + "--- stderr ---\n" + Files.readString(errFile, StandardCharsets.UTF_8));
            }
            Result r = new Result(List.copyOf(command), workDir, p.exitValue(),
                    Files.readString(outFile, StandardCharsets.UTF_8), Files.readString(errFile, StandardCharsets.UTF_8));
            assertNoStackTrace(r);
            return r;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            try {
                Files.deleteIfExists(outFile);
                Files.deleteIfExists(errFile);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    /**
     * A command run as {@link #run} sets it up (see {@link #command}), but left running: stdout and
     * stderr go to the given files. The caller waits for it, and kills it if need be.
     */
    static Process start(Path workDir, Map<String, String> env, Path out, Path err, List<String> command)
            throws IOException {
        return builder(workDir, env, command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    }

    /** {@code mmsim args...}: the launcher and the arguments. */
    static List<String> command(String... args) {
        return command(launcher(), args);
    }

    private static List<String> command(Path launcher, String... args) {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        return command;
    }

    private static ProcessBuilder builder(Path workDir, Map<String, String> env, List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().remove("MMSIM_PLUGINS_DIR");
        if (pb.environment().get("JAVA_HOME") == null) {
            // the launcher falls back to `java` on PATH; make it the JDK that runs the tests
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        }
        pb.environment().putAll(env);
        return pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    }

    /** The CLI never prints a stack trace, nor an exception's class name, on stderr. */
    static void assertNoStackTrace(Result r) {
        assertFalse(r.err().contains("Exception"), "'Exception' on stderr:" + r.describe());
        assertFalse(r.err().contains("\tat "), "a stack trace on stderr:" + r.describe());
    }

    /** Exit status 2 and exactly one non-empty line on stderr, which starts with {@code mmsim: }. */
    static String assertOneLineError(Result r) {
        List<String> lines = r.errLines();
        if (r.exit() != 2 || lines.size() != 1 || !lines.get(0).startsWith("mmsim: ")) {
            fail("expected exit status 2 and one 'mmsim: ...' line on stderr:" + r.describe());
        }
        return lines.get(0);
    }

    /** Copies the tree {@code from} to {@code to} (file modes kept), and returns {@code to}. */
    static Path copyTree(Path from, Path to) throws IOException {
        try (java.util.stream.Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }

    /** Copies the distribution's plugin jars whose file names start with none of {@code without}. */
    static Path pluginsWithout(Path target, String... without) throws IOException {
        Files.createDirectories(target);
        List<Path> copied = new ArrayList<>();
        try (var jars = Files.list(dist().resolve("plugins"))) {
            for (Path jar : (Iterable<Path>) jars::iterator) {
                String name = jar.getFileName().toString();
                if (Arrays.stream(without).noneMatch(name::startsWith)) {
                    copied.add(Files.copy(jar, target.resolve(name)));
                }
            }
        }
        assertTrue(copied.size() == 4 - without.length, "expected the distribution's 4 plugin jars, "
                + "copied " + copied + " from " + dist().resolve("plugins"));
        return target;
    }
}
