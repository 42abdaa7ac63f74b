package org.mmsim.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.mmsim.testkit.MiniJson;

/**
 * The conformance comparison, {@code mmsim compare ${mmsim.repo}/examples/conformance --format json},
 * run once per test JVM and shared by the ITs that need it (each launch costs a JVM start).
 */
final class Conformance {
    /** The seven policies of the distribution, in the column order of expected-verdicts.tsv. */
    static final List<String> POLICIES = List.of("mapcount", "page-count", "unshare", "make-anon-exclusive",
            "unshare-cow-mapping", "mm-id", "fail-pin");

    private static Mmsim.Result result;
    private static Map<String, Object> json;
    private static Map<String, CowMatrix.Case> cases;
    private static final Map<String, List<String>> sources = new java.util.concurrent.ConcurrentHashMap<>();

    private Conformance() {
    }

    static Path dir() {
        return Mmsim.repo().resolve("examples").resolve("conformance");
    }

    /**
     * The .mms files below examples/conformance, as paths relative to it ('/'-separated), sorted as
     * compare sorts them: the hand-written base-page files by name, the generated ones as
     * thp-64K/pte/anon-basic-cow.mms.
     */
    static List<String> scenarioFiles() {
        try (Stream<Path> files = Files.walk(dir())) {
            List<String> names = files.filter(p -> p.getFileName().toString().endsWith(".mms"))
                    .map(Conformance::relative).sorted().toList();
            assertTrue(names.size() >= 10, "too few conformance scenarios in " + dir() + ": " + names);
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The hand-written scenarios at the top of a conformance folder (the base-page suite): for the
     * tests of the CLI itself, which need a few dozen scenarios rather than the whole matrix.
     */
    static String[] handWritten(Path conformance) {
        try (Stream<Path> files = Files.list(conformance)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".mms")).map(Path::toString).sorted()
                    .toArray(String[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cases of cow-matrix.md, by file. */
    static synchronized Map<String, CowMatrix.Case> cases() {
        if (cases == null) {
            Map<String, CowMatrix.Case> byFile = new TreeMap<>();
            for (CowMatrix.Case c : CowMatrix.read(dir().resolve(CowMatrix.DESCRIPTION)).cases()) {
                assertTrue(byFile.put(c.file(), c) == null, c.file() + " twice in " + CowMatrix.DESCRIPTION);
            }
            cases = byFile;
        }
        return cases;
    }

    /** The process that produced {@link #json()}. */
    static synchronized Mmsim.Result result() {
        if (result == null) {
            Path work;
            try {
                work = Files.createTempDirectory("mmsim-conformance-");
                work.toFile().deleteOnExit(); // stays empty: the report goes to stdout
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Mmsim.Result r = Mmsim.run(work, "compare", dir().toString(), "--format", "json");
            assertEquals(0, r.exit(), r.describe());
            assertEquals("", r.err(), r.describe());
            result = r;
        }
        return result;
    }

    /** The parsed report. */
    @SuppressWarnings("unchecked")
    static synchronized Map<String, Object> json() {
        if (json == null) {
            Mmsim.Result r = result();
            Object parsed;
            try {
                parsed = MiniJson.parse(r.out());
            } catch (IllegalArgumentException e) {
                throw new AssertionError("compare --format json printed invalid JSON: " + e.getMessage() + r.describe(),
                        e);
            }
            assertTrue(parsed instanceof Map, "not a JSON object" + r.describe());
            json = (Map<String, Object>) parsed;
        }
        return json;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> results() {
        return (List<Map<String, Object>>) json().get("results");
    }

    /** A result's {@code file}, relative to examples/conformance (the key of expected-verdicts.tsv). */
    static String fileName(Map<String, Object> result) {
        return relative(Path.of((String) result.get("file")));
    }

    /** A path (absolute, or relative to the repository) relative to examples/conformance. */
    static String relative(Path file) {
        Path dir = dir();
        Path f = file.isAbsolute() ? file : Mmsim.repo().resolve(file);
        return dir.toAbsolutePath().normalize().relativize(f.toAbsolutePath().normalize()).toString()
                .replace('\\', '/');
    }

    /**
     * A result's verdict as cow.c would report it: {@code skip} when the run failed first at one of
     * cow.c's own setup checks (a line whose comment says SKIP, see cow-matrix.md), else pass or fail.
     */
    static String verdict(Map<String, Object> result) {
        if (!result.get("verdict").equals("fail")) {
            return (String) result.get("verdict");
        }
        long first = Long.MAX_VALUE;
        boolean failure = false;
        for (String key : List.of("violations", "failures")) {
            for (Object o : (List<?>) result.get(key)) {
                long line = (Long) ((Map<?, ?>) o).get("line");
                if (line <= first) {
                    failure = key.equals("failures");
                    first = line;
                }
            }
        }
        return failure && isSkipCheck(fileName(result), (int) first) ? "skip" : "fail";
    }

    private static boolean isSkipCheck(String file, int line) {
        List<String> src = sources.computeIfAbsent(file, f -> {
            try {
                return Files.readAllLines(dir().resolve(f), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String text = src.get(line - 1);
        int comment = text.indexOf(" #");
        return comment >= 0 && text.substring(comment).contains(CowMatrix.SKIP_MARK);
    }
}
