package org.mmsim.core.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.mmsim.core.scenario.Diagnostic;
import org.mmsim.core.scenario.Scenario;
import org.mmsim.core.scenario.ScenarioException;
import org.mmsim.core.scenario.ScenarioParser;

/** Turns {@code FILE|DIR...} arguments into parsed scenarios, or into exit status 2. */
final class ScenarioFiles {
    /** The argument that names standard input (a scenario) or standard output ({@code --output}). */
    static final String STANDARD_STREAM = "-";

    private ScenarioFiles() {
    }

    /**
     * The scenario files the arguments name, as the user gave them: a file as it is, a directory as
     * every {@code .mms} file below it sorted by path, {@code -} as standard input. A file named twice
     * (or also found in a given directory) runs once, where it first appears: so does {@code -}, and
     * standard input is read once.
     *
     * @throws CliException (status 2) for a missing argument or a directory without scenarios
     */
    static List<String> expand(List<Path> args) {
        List<String> files = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path p : args) {
            String arg = p.toString();
            if (arg.equals(STANDARD_STREAM)) {
                if (!files.contains(arg)) {
                    files.add(arg);
                }
                continue;
            }
            if (!Files.exists(p)) {
                throw CliException.usage(arg + ": no such file");
            }
            if (Files.isDirectory(p)) {
                List<Path> below = mmsBelow(arg, p);
                if (below.isEmpty()) {
                    throw CliException.usage(arg + ": no .mms files below it");
                }
                for (Path f : below) {
                    if (seen.add(f.toAbsolutePath().normalize())) {
                        files.add(f.toString());
                    }
                }
            } else if (seen.add(p.toAbsolutePath().normalize())) {
                files.add(arg);
            }
        }
        return files;
    }

    private static List<Path> mmsBelow(String arg, Path dir) {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(f -> f.getFileName() != null && f.getFileName().toString().endsWith(".mms"))
                    .filter(Files::isRegularFile)
                    .forEach(found::add);
        } catch (IOException | UncheckedIOException e) {
            throw CliException.usage(arg + ": cannot list it: " + Main.oneLine(String.valueOf(e.getMessage())));
        }
        found.sort((a, b) -> dir.relativize(a).toString().compareTo(dir.relativize(b).toString()));
        return found;
    }

    /**
     * Parses every file ({@code -}: what {@code stdin} holds, up to the parser's size limit). When any
     * file has a problem, prints every diagnostic ({@code FILE:LINE:COLUMN: message}, {@code -:LINE:COLUMN}
     * for standard input) of every file on {@code err} and throws status 2: nothing runs.
     */
    static List<Scenario> parseAll(List<String> files, InputStream stdin, PrintWriter err) {
        List<Scenario> scenarios = new ArrayList<>(files.size());
        List<String> problems = new ArrayList<>();
        for (String file : files) {
            try {
                scenarios.add(file.equals(STANDARD_STREAM)
                        // one byte past the limit, so that the parser rejects a longer input as too large
                        ? ScenarioParser.parse(file, stdin.readNBytes(ScenarioParser.MAX_FILE_BYTES + 1))
                        : ScenarioParser.parse(Path.of(file)));
            } catch (NoSuchFileException e) {
                problems.add("mmsim: " + file + ": no such file");
            } catch (IOException | RuntimeException e) {
                problems.add("mmsim: " + file + ": cannot read it: " + Main.oneLine(String.valueOf(e.getMessage())));
            } catch (ScenarioException e) {
                for (Diagnostic d : e.diagnostics()) {
                    problems.add(Main.oneLine(d.toString()));
                }
            }
        }
        if (!problems.isEmpty()) {
            problems.forEach(err::println);
            err.flush();
            throw new CliException(null, Main.EXIT_USAGE);
        }
        return scenarios;
    }
}
