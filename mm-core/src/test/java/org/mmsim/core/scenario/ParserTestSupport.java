package org.mmsim.core.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** Helpers shared by the parser tests: sources are parsed under the name {@code t.mms}. */
final class ParserTestSupport {
    static final String FILE = "t.mms";

    private ParserTestSupport() {
    }

    static Scenario ok(String source) {
        try {
            return ScenarioParser.parse(FILE, source.getBytes(StandardCharsets.UTF_8));
        } catch (ScenarioException e) {
            throw new AssertionError("unexpected diagnostics:\n" + e.getMessage(), e);
        }
    }

    /** The single statement's op of a source whose last line is the statement under test. */
    static Op lastOp(String source) {
        List<Statement> st = ok(source).statements();
        return st.get(st.size() - 1).op();
    }

    static List<String> errors(byte[] source) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse(FILE, source));
        List<String> lines = e.diagnostics().stream().map(Diagnostic::toString).collect(Collectors.toList());
        assertEquals(String.join("\n", lines), e.getMessage());
        return lines;
    }

    static List<String> errors(String source) {
        return errors(source.getBytes(StandardCharsets.UTF_8));
    }

    /** Asserts the source has exactly one problem and returns it as FILE:LINE:COLUMN: message. */
    static String error(String source) {
        List<String> e = errors(source);
        assertEquals(1, e.size(), () -> "expected one diagnostic, got:\n" + String.join("\n", e));
        return e.get(0);
    }

    static String error(byte[] source) {
        List<String> e = errors(source);
        assertEquals(1, e.size(), () -> "expected one diagnostic, got:\n" + String.join("\n", e));
        return e.get(0);
    }
}
