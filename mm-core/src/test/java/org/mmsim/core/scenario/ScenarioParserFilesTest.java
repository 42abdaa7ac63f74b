package org.mmsim.core.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kernel oracle's own test files (copied to src/test/resources/scenarios): every good one
 * parses, every bad one is rejected with the expected diagnostic.
 */
class ScenarioParserFilesTest {
    private static Path dir(String name) throws URISyntaxException {
        URL url = ScenarioParserFilesTest.class.getResource("/scenarios/" + name);
        if (url == null) {
            throw new IllegalStateException("missing test resource scenarios/" + name);
        }
        return Path.of(url.toURI());
    }

    private static List<Path> files(String name) throws IOException, URISyntaxException {
        try (Stream<Path> s = Files.list(dir(name))) {
            return s.filter(p -> p.toString().endsWith(".mms")).sorted().collect(Collectors.toList());
        }
    }

    static List<Path> good() throws IOException, URISyntaxException {
        return files("good");
    }

    static List<Path> bad() throws IOException, URISyntaxException {
        return files("bad");
    }

    @ParameterizedTest
    @MethodSource("good")
    void goodFilesParse(Path file) throws Exception {
        Scenario s = ScenarioParser.parse("good/" + file.getFileName(), Files.readAllBytes(file));
        assertFalse(s.statements().isEmpty());
    }

    @ParameterizedTest
    @MethodSource("bad")
    void badFilesAreRejected(Path file) throws Exception {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioParser.parse("bad/" + file.getFileName(), Files.readAllBytes(file)));
        assertFalse(e.diagnostics().isEmpty());
    }

    @Test
    void badFilesGiveTheseDiagnostics() throws Exception {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("bad-value.mms", "3:14: bad value 'bad$value'"),
                Map.entry("double-prot.mms", "2:26: conflicting options 'rw' and 'ro'"),
                Map.entry("handle-live.mms", "4:20: handle h is still live; release it first"),
                Map.entry("index-range.mms", "3:8: page index 1 out of range for region buf (1 page)"),
                Map.entry("late-title.mms", "2:1: 'scenario' must come before any other statement"),
                Map.entry("past-eof.mms", "3:34: mapping runs past the end of file f (2 pages)"),
                Map.entry("redefine.mms", "2:7: 'p' is already defined"),
                Map.entry("unknown-handle.mms", "2:6: unknown name 'nothere'"),
                Map.entry("unknown-proc.mms", "1:6: unknown name 'q'"),
                Map.entry("unknown-stmt.mms", "2:1: unknown statement 'frobnicate'"),
                Map.entry("unterminated.mms", "2:16: unterminated string"));
        List<Path> files = bad();
        assertEquals(expected.keySet(), files.stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        for (Path f : files) {
            String name = "bad/" + f.getFileName();
            ScenarioException e = assertThrows(ScenarioException.class,
                    () -> ScenarioParser.parse(name, Files.readAllBytes(f)));
            assertEquals(name + ":" + expected.get(f.getFileName().toString()), e.getMessage());
        }
    }

    @Test
    void theOracleSyntaxTestParsesAsTheOracleDoes() throws Exception {
        Path f = dir("good").resolve("11-syntax.mms");
        Scenario s = ScenarioParser.parse(f);
        assertEquals("syntax: \"quoted\" values and comments", s.title());
        assertEquals(List.of("syntax", "quoting"), s.tags());
        Statement fill = s.statements().get(0);
        assertEquals(4, fill.line());
        assertEquals("file f pages=1 fill=\"hello world\"", fill.text());
        assertEquals(new Op.FileDecl("f", 1, "hello world"), fill.op());
        Statement write = s.statements().stream().filter(x -> x.line() == 9).findFirst().orElseThrow();
        assertEquals("write p b[2] \"a \\\"q\\\" # not a comment \\\\ end\"", write.text());
        assertEquals(new Op.Write("p", "b", 2, "a \"q\" # not a comment \\ end"), write.op());
        Statement read = s.statements().stream().filter(x -> x.line() == 7).findFirst().orElseThrow();
        assertEquals("read p m[0]", read.text());
        assertEquals("hello world", read.expect());
    }

    @Test
    void theConformanceExamplesParse() throws Exception {
        // the repository's own examples, when the tests run inside the repository
        Path examples = Path.of("..", "examples", "conformance");
        if (!Files.isDirectory(examples)) {
            return;
        }
        try (Stream<Path> s = Files.list(examples)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".mms")).collect(Collectors.toList())) {
                assertFalse(ScenarioParser.parse(f).statements().isEmpty(), f::toString);
            }
        }
    }
}
