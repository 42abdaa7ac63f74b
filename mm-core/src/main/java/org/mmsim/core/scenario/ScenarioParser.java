package org.mmsim.core.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Parser and static checker of the {@code .mms} scenario language, version 1.1
 * (see {@code scenario-language.md} and, for v1.1, {@code large-folios.md}).
 *
 * <p>A pure function: every call works on its own state, so the parser is thread-safe. Every
 * problem found is reported as a {@link Diagnostic} ({@code FILE:LINE:COLUMN: message}, at most
 * {@value #MAX_DIAGNOSTICS}, at most one per line: after an error the parser goes on with the next
 * line); a file with any problem is rejected with a {@link ScenarioException}. The parser runs in
 * time linear (times a logarithm) in the input, whatever the input.
 *
 * <p>This class reads the file line by line and reports what goes wrong; the rest of the package
 * does the work: {@link SourceLines} checks the input limits, {@link Lexer} splits a line into
 * tokens, {@link Header} and {@link Grammar} (one entry per statement) read them with
 * {@link Operands}, and {@link ScenarioState} holds every check that needs what earlier lines said.
 */
public final class ScenarioParser {
    /** A file larger than this many bytes is rejected at once. */
    public static final int MAX_FILE_BYTES = 1024 * 1024;
    /** A line longer than this many characters is rejected (at the next column). */
    public static final int MAX_LINE_CHARS = 16_384;
    /** Longest value, in UTF-8 bytes (a value plus a NUL fits in a 4 KiB page). */
    public static final int MAX_VALUE_BYTES = 4_095;
    /** At most this many diagnostics are reported per file. */
    public static final int MAX_DIAGNOSTICS = 50;
    /** Largest {@code pages=} of a mapping (2^40); more than the address space is a run-time ENOMEM. */
    public static final long MAX_MAPPING_PAGES = 1L << 40;
    /** Largest {@code pages=} of a file (2^24): a file's page cache is allocated eagerly. */
    public static final long MAX_FILE_PAGES = 1L << 24;
    /** Longest number, in digits (keeps every number well inside a {@code long}). */
    public static final int MAX_DIGITS = 18;

    private final String file;
    private final SourceLines lines;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final List<Statement> statements = new ArrayList<>();
    private final ScenarioState state = new ScenarioState();
    private final Header header = new Header();

    private ScenarioParser(String file, byte[] content) {
        this.file = file;
        this.lines = new SourceLines(content);
    }

    /**
     * Parses and checks one scenario.
     *
     * @param fileAsGiven the file name as the user gave it: used in diagnostics and, without
     *                    directory and {@code .mms}, as the default title
     * @param content     the file's bytes (UTF-8)
     * @throws ScenarioException when the file has any problem; it lists them all (up to 50)
     */
    public static Scenario parse(String fileAsGiven, byte[] content) throws ScenarioException {
        Objects.requireNonNull(fileAsGiven, "fileAsGiven");
        Objects.requireNonNull(content, "content");
        if (content.length > MAX_FILE_BYTES) {
            throw tooLarge(fileAsGiven, content.length);
        }
        return new ScenarioParser(fileAsGiven, content).run();
    }

    /**
     * Reads (at most {@value #MAX_FILE_BYTES} bytes) and parses a scenario file; the display name
     * is {@code path.toString()}.
     *
     * @throws IOException when the file cannot be read
     */
    public static Scenario parse(Path path) throws ScenarioException, IOException {
        String name = path.toString();
        long size = -1;
        if (Files.isRegularFile(path)) {
            size = Files.size(path);
            if (size > MAX_FILE_BYTES) {
                throw tooLarge(name, size);
            }
        }
        byte[] data;
        try (InputStream in = Files.newInputStream(path)) {
            data = in.readNBytes(MAX_FILE_BYTES + 1);
        }
        if (data.length > MAX_FILE_BYTES) {
            throw tooLarge(name, Math.max(size, data.length));
        }
        return parse(name, data);
    }

    /** The default title: the file name without its directory and without {@code .mms}. */
    static String defaultTitle(String file) {
        int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf(java.io.File.separatorChar));
        String base = file.substring(slash + 1);
        if (base.endsWith(".mms") && base.length() > ".mms".length()) {
            base = base.substring(0, base.length() - ".mms".length());
        }
        return base;
    }

    private static ScenarioException tooLarge(String file, long size) {
        return new ScenarioException(List.of(new Diagnostic(file, 1, 1,
                "file too large (" + size + " bytes, limit 1 MiB)")));
    }

    /** Every line, each reported at its first problem only, until the file ends or the report is full. */
    private Scenario run() throws ScenarioException {
        while (lines.hasNext() && diagnostics.size() < MAX_DIAGNOSTICS) {
            try {
                line(lines.next());
            } catch (LineError e) {
                diagnostics.add(new Diagnostic(file, lines.number(), e.col, e.getMessage()));
            }
        }
        if (!diagnostics.isEmpty()) {
            throw new ScenarioException(diagnostics);
        }
        return new Scenario(file, header.title(defaultTitle(file)), header.tags(), statements);
    }

    private void line(String text) {
        TokenLine line = Lexer.line(text, lines.supplementary());
        if (line == null) {
            return;
        }
        Operands in = new Operands(line.statement(), state);
        if (Header.isHeader(line.keyword())) {
            header.line(line, in);
            return;
        }
        header.statementSeen();
        Grammar statement = Grammar.of(line.keyword());
        try {
            Op op = statement.read(in, state);
            String expect = line.outcome() == null ? null : statement.outcomes.expect(statement.keyword, line.outcome());
            statements.add(new Statement(lines.number(), line.statementText(), expect, op));
        } catch (LineError e) {
            statement.recover(line.statement(), state);
            throw e;
        }
    }
}
