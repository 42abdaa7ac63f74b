package org.mmsim.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

    private Conformance() {
    }

    static Path dir() {
        return Mmsim.repo().resolve("examples").resolve("conformance");
    }

    /** The .mms file names of examples/conformance (sorted). */
    static List<String> scenarioFiles() {
        try (Stream<Path> files = Files.list(dir())) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".mms"))
                    .sorted().toList();
            assertTrue(names.size() >= 10, "too few conformance scenarios in " + dir() + ": " + names);
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** The file name (no directory) of a result's {@code file}. */
    static String fileName(Map<String, Object> result) {
        return Path.of((String) result.get("file")).getFileName().toString();
    }
}
