package org.mmsim.core.shell;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.mmsim.core.scenario.Diagnostic;
import org.mmsim.core.scenario.Scenario;
import org.mmsim.core.scenario.ScenarioException;
import org.mmsim.core.scenario.ScenarioParser;

/**
 * The text of a shell session: its header lines ({@code scenario "..."}, {@code tags ...}; a later one
 * replaces the earlier) and its statements, each as typed. A line is taken only if the whole text still
 * parses, so the session always is a valid scenario. Statement {@code k} is line {@code k} of the
 * scenario that runs (headers only matter to {@link #text()}, what {@code :save} writes).
 */
final class Script {
    /** The file name of the session's scenario in diagnostics and {@code :diff}. */
    static final String NAME = "session";
    private static final Pattern HEADER = Pattern.compile("^\\s*(scenario|tags)(\\s.*)?$");

    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<String> statements = new ArrayList<>();

    /** What became of a typed line. */
    enum Kind { STATEMENT, HEADER, NOTHING }

    /**
     * Adds {@code line} when the session with it still parses; else returns the problem on that line
     * (column counted in the line as typed) and changes nothing.
     */
    Kind add(String line) throws LineRejected {
        String stripped = line.strip();
        if (stripped.isEmpty() || stripped.startsWith("#")) {
            return Kind.NOTHING;
        }
        var m = HEADER.matcher(line);
        if (m.matches()) {
            Map<String, String> tried = new LinkedHashMap<>(headers);
            tried.remove(m.group(1)); // a new title or tags line replaces the old one
            tried.put(m.group(1), line);
            List<String> text = new ArrayList<>(headerLines(tried));
            int at = text.size(); // 0-based index of the new line
            text.addAll(statements);
            parse(text, at + 1);
            headers.clear();
            headers.putAll(tried);
            return Kind.HEADER;
        }
        List<String> text = new ArrayList<>(statements);
        text.add(line);
        parse(text, text.size());
        statements.add(line);
        return Kind.STATEMENT;
    }

    /** Drops the last statement; false when there is none. */
    boolean undo() {
        if (statements.isEmpty()) {
            return false;
        }
        statements.remove(statements.size() - 1);
        return true;
    }

    List<String> statements() {
        return List.copyOf(statements);
    }

    /** The statements as the scenario that runs (they parsed when added, so this cannot fail). */
    Scenario scenario() {
        try {
            return ScenarioParser.parse(NAME, join(statements));
        } catch (ScenarioException e) {
            throw new IllegalStateException("the session no longer parses: " + e.getMessage(), e);
        }
    }

    /** The session as a scenario file: header lines, then the statements, each line as typed. */
    String text() {
        StringBuilder sb = new StringBuilder();
        for (String h : headerLines(headers)) {
            sb.append(h).append('\n');
        }
        for (String s : statements) {
            sb.append(s).append('\n');
        }
        return sb.toString();
    }

    private static List<String> headerLines(Map<String, String> h) {
        List<String> out = new ArrayList<>();
        if (h.containsKey("scenario")) { // the title comes first
            out.add(h.get("scenario"));
        }
        if (h.containsKey("tags")) {
            out.add(h.get("tags"));
        }
        return out;
    }

    /** Parses {@code lines}; a problem is reported at line {@code newLine} (1-based) when there is one there. */
    private static void parse(List<String> lines, int newLine) throws LineRejected {
        try {
            ScenarioParser.parse(NAME, join(lines));
        } catch (ScenarioException e) {
            Diagnostic d = e.diagnostics().stream().filter(x -> x.line() == newLine).findFirst()
                    .orElse(e.diagnostics().get(0));
            throw new LineRejected(d.line() == newLine ? Optional.of(d.column()) : Optional.empty(), d.message());
        }
    }

    private static byte[] join(List<String> lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A line the session did not take: where in it and why. */
    static final class LineRejected extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Optional<Integer> column;

        LineRejected(Optional<Integer> column, String message) {
            super(message, null, false, false);
            this.column = column;
        }

        /** {@code column 7: unknown process 'q'}. */
        String oneLine() {
            return column.map(c -> "column " + c + ": ").orElse("") + getMessage();
        }
    }
}
