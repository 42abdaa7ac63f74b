package org.mmsim.core.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Parser and static checker of the {@code .mms} scenario language, version 1
 * (see {@code scenario-language.md}).
 *
 * <p>A pure function: every call works on its own state, so the parser is thread-safe. Every
 * problem found is reported as a {@link Diagnostic} ({@code FILE:LINE:COLUMN: message}, at most
 * {@value #MAX_DIAGNOSTICS}, at most one per line: after an error the parser goes on with the next
 * line); a file with any problem is rejected with a {@link ScenarioException}. The parser runs in
 * time linear (times a logarithm) in the input, whatever the input.
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

    private ScenarioParser() {
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
        return new Run(fileAsGiven, content).parse();
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

    // ---- lexical helpers ------------------------------------------------------------------

    static boolean isName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        char c = s.charAt(0);
        if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_'
                    || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBareValueChar(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '.'
                || c == ':' || c == '+' || c == '-';
    }

    private static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        }
        return n;
    }

    /** A token or name for a message: cut to 40 characters so messages stay short. */
    private static String cut(String s) {
        int max = 40;
        if (s.codePointCount(0, s.length()) > max) {
            return s.substring(0, s.offsetByCodePoints(0, max)) + "...";
        }
        return s;
    }

    /** A token for a message, quoted and cut. */
    private static String show(String s) {
        return "'" + cut(s) + "'";
    }

    private static String plural(long n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    // ---- per-parse state ------------------------------------------------------------------

    /** One token: its spelling as written (quotes and escapes included) and 1-based column. */
    private record Tok(String raw, int col) {
        /** The column just after the token. */
        int end() {
            return col + raw.codePointCount(0, raw.length());
        }
    }

    /** An error that ends the current line; carries no stack trace. */
    private static final class LineError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int col;

        LineError(int col, String message) {
            super(message, null, false, false);
            this.col = col;
        }
    }

    private enum Kind {
        PROCESS("process"), FILE("file"), HANDLE("handle");

        final String word;

        Kind(String word) {
            this.word = word;
        }
    }

    /** A name in the scenario's one namespace of processes, files and handles. */
    private static final class Sym {
        final Kind kind;
        final String name;
        // processes
        int procId;
        PersistentMap<String, Region> regions = PersistentMap.empty();
        // files: -1 while unknown (the file statement had an error)
        long filePages = -1;
        // handles
        boolean live;

        Sym(Kind kind, String name) {
            this.kind = kind;
            this.name = name;
        }
    }

    /**
     * What the parser knows of one region of one process; immutable, shared between a parent's
     * and a child's tables after fork.
     *
     * @param pages         its size
     * @param wholeUnmapped {@code munmap P R} was seen
     * @param unmapped      the indexes unmapped one by one
     * @param dontfork      {@code madvise P R dontfork} is in effect
     * @param owner         the process that made this entry; an inherited {@code dontfork} entry
     *                      (owner is not the process looking) is not there
     */
    private record Region(long pages, boolean wholeUnmapped, PersistentMap<Long, Boolean> unmapped,
                          boolean dontfork, int owner) {
        boolean fullyUnmapped() {
            return wholeUnmapped || unmapped.size() >= pages;
        }
    }

    private record PageRef(String name, long index, Tok tok) {
    }

    private static final class Run {
        private final String file;
        private final byte[] content;
        private final List<Diagnostic> diagnostics = new ArrayList<>();
        private final List<Statement> statements = new ArrayList<>();
        private final Map<String, Sym> symbols = new HashMap<>();
        private final int[] cps = new int[MAX_LINE_CHARS];
        private String title;
        private List<String> tags = List.of();
        private boolean seenScenario;
        private boolean seenTags;
        private boolean seenStatement;
        private int lineNo;
        private boolean supplementary;
        private int nextProcId;

        Run(String file, byte[] content) {
            this.file = file;
            this.content = content;
        }

        Scenario parse() throws ScenarioException {
            int pos = 0;
            int len = content.length;
            while (pos < len && diagnostics.size() < MAX_DIAGNOSTICS) {
                lineNo++;
                int nl = pos;
                while (nl < len && content[nl] != '\n') {
                    nl++;
                }
                String text = decodeLine(pos, nl, nl < len);
                if (text != null) {
                    line(text);
                }
                pos = nl + 1;
            }
            if (!diagnostics.isEmpty()) {
                throw new ScenarioException(diagnostics);
            }
            return new Scenario(file, title != null ? title : defaultTitle(file), tags, statements);
        }

        private void report(int line, int col, String message) {
            if (diagnostics.size() < MAX_DIAGNOSTICS) {
                diagnostics.add(new Diagnostic(file, line, col, message));
            }
        }

        /** An option that may be given at most once; {@code seen} is its earlier occurrence, if any. */
        private static Tok once(Tok o, Tok seen) {
            if (seen != null) {
                int eq = o.raw().indexOf('=');
                throw err(o.col(), "duplicate option '" + (eq < 0 ? o.raw() : o.raw().substring(0, eq + 1)) + "'");
            }
            return o;
        }

        /** A protection option ({@code ro} or {@code rw}) where {@code seen} is the one already given, if any. */
        private static Tok protection(Tok o, Tok seen) {
            if (seen != null) {
                throw err(o.col(), seen.raw().equals(o.raw()) ? "duplicate option '" + o.raw() + "'"
                        : "conflicting options '" + seen.raw() + "' and '" + o.raw() + "'");
            }
            return o;
        }

        private static LineError err(int col, String message) {
            return new LineError(col, message);
        }

        // ---- input hygiene: UTF-8, control characters, line length --------------------

        /**
         * Decodes bytes [from, to) of one line (without its CR LF); returns null after reporting
         * the first problem. Sets {@link #supplementary} when the line has characters outside
         * the BMP (then columns differ from string indexes).
         */
        private String decodeLine(int from, int to, boolean endsWithLf) {
            // fast path: printable ASCII (and tabs) only
            int end = endsWithLf && to > from && content[to - 1] == '\r' ? to - 1 : to;
            int k = from;
            while (k < end) {
                byte b = content[k];
                if (b < 0x20 && b != '\t' || b == 0x7f) { // non-ASCII bytes are negative
                    break;
                }
                k++;
            }
            if (k == end && end - from <= MAX_LINE_CHARS) {
                supplementary = false;
                return new String(content, from, end - from, StandardCharsets.ISO_8859_1);
            }
            int n = decodeSlow(from, to, endsWithLf);
            if (n < 0) {
                return null;
            }
            String text = new String(cps, 0, n);
            supplementary = text.length() != n;
            return text;
        }

        /** Validates and decodes one line into {@link #cps}; the character count, or -1. */
        private int decodeSlow(int from, int to, boolean endsWithLf) {
            int n = 0;
            int i = from;
            while (i < to) {
                int b = content[i] & 0xff;
                boolean crlf = b == '\r' && i + 1 == to && endsWithLf;
                if (crlf) {
                    break;
                }
                if (n == MAX_LINE_CHARS) {
                    report(lineNo, MAX_LINE_CHARS + 1, "line longer than " + MAX_LINE_CHARS + " characters");
                    return -1;
                }
                int cp;
                int size;
                if (b < 0x80) {
                    cp = b;
                    size = 1;
                } else {
                    int lo = 0x80;
                    int hi = 0xbf;
                    if (b >= 0xc2 && b <= 0xdf) {
                        size = 2;
                        cp = b & 0x1f;
                    } else if (b >= 0xe0 && b <= 0xef) {
                        size = 3;
                        cp = b & 0x0f;
                        if (b == 0xe0) {
                            lo = 0xa0;
                        } else if (b == 0xed) {
                            hi = 0x9f;
                        }
                    } else if (b >= 0xf0 && b <= 0xf4) {
                        size = 4;
                        cp = b & 0x07;
                        if (b == 0xf0) {
                            lo = 0x90;
                        } else if (b == 0xf4) {
                            hi = 0x8f;
                        }
                    } else {
                        report(lineNo, n + 1, String.format("invalid UTF-8 (byte 0x%02X)", b));
                        return -1;
                    }
                    for (int k = 1; k < size; k++) {
                        int c = i + k < to ? content[i + k] & 0xff : -1;
                        if (c < lo || c > hi) {
                            report(lineNo, n + 1, String.format("invalid UTF-8 (byte 0x%02X)", b));
                            return -1;
                        }
                        cp = cp << 6 | (c & 0x3f);
                        lo = 0x80;
                        hi = 0xbf;
                    }
                }
                if (cp < 0x20 && cp != '\t' || cp >= 0x7f && cp <= 0x9f) {
                    String what = cp == 0 ? "NUL character"
                            : cp == '\r' ? "stray carriage return (U+000D)"
                            : String.format("control character U+%04X", cp);
                    report(lineNo, n + 1, what + " not allowed");
                    return -1;
                }
                if (cp == 0xfeff && lineNo == 1 && n == 0) {
                    report(lineNo, 1, "byte order mark (U+FEFF) not allowed");
                    return -1;
                }
                cps[n++] = cp;
                i += size;
            }
            return n;
        }

        // ---- tokens --------------------------------------------------------------------

        /** The 1-based column of string index i of the current line. */
        private int column(String line, int i) {
            return (supplementary ? line.codePointCount(0, i) : i) + 1;
        }

        /** Splits the line into tokens; a quoted part may hold blanks and '#'. */
        private List<Tok> lex(String line) {
            List<Tok> toks = new ArrayList<>();
            int n = line.length();
            int i = 0;
            while (true) {
                while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                    i++;
                }
                if (i == n || line.charAt(i) == '#') {
                    return toks;
                }
                int start = i;
                int quote = -1;
                while (i < n) {
                    char c = line.charAt(i);
                    if (quote >= 0) {
                        if (c == '\\' && i + 1 < n) {
                            char d = line.charAt(i + 1);
                            if (d != '"' && d != '\\') {
                                throw err(column(line, i), "unknown escape '\\"
                                        + new String(Character.toChars(line.codePointAt(i + 1))) + "'");
                            }
                            i += 2;
                            continue;
                        }
                        if (c == '"') {
                            quote = -1;
                        }
                    } else if (c == ' ' || c == '\t' || c == '#') {
                        break;
                    } else if (c == '"') {
                        quote = i;
                    }
                    i++;
                }
                if (quote >= 0) {
                    throw err(column(line, quote), "unterminated string");
                }
                toks.add(new Tok(line.substring(start, i), column(line, start)));
            }
        }

        /** The value written as {@code s} (bare, or one whole quoted string) at column col. */
        private static String valueAt(String s, int col, String what) {
            String v;
            if (s.isEmpty()) {
                throw err(col, "empty " + what);
            }
            if (s.charAt(0) == '"') {
                StringBuilder b = new StringBuilder(s.length());
                int i = 1;
                while (true) {
                    if (i >= s.length()) {
                        throw err(col, "unterminated string");
                    }
                    char c = s.charAt(i);
                    if (c == '\\' && i + 1 < s.length()) {
                        b.append(s.charAt(i + 1));
                        i += 2;
                        continue;
                    }
                    if (c == '"') {
                        break;
                    }
                    b.append(c);
                    i++;
                }
                if (i != s.length() - 1) {
                    throw err(col + s.codePointCount(0, i + 1), "unexpected text after a quoted string");
                }
                v = b.toString();
                if (v.isEmpty()) {
                    throw err(col, "empty " + what);
                }
            } else {
                for (int i = 0; i < s.length(); i++) {
                    if (!isBareValueChar(s.charAt(i))) {
                        throw err(col, "bad " + what + " " + show(s));
                    }
                }
                v = s;
            }
            if (utf8Length(v) > MAX_VALUE_BYTES) {
                throw err(col, what + " longer than " + MAX_VALUE_BYTES + " bytes");
            }
            return v;
        }

        // ---- one line --------------------------------------------------------------------

        private void line(String text) {
            if (text.isEmpty()) {
                return;
            }
            List<Tok> toks;
            try {
                toks = lex(text);
            } catch (LineError e) {
                report(lineNo, e.col, e.getMessage());
                return;
            }
            if (toks.isEmpty()) {
                return;
            }
            String keyword = toks.get(0).raw();
            if (keyword.equals("scenario") || keyword.equals("tags")) {
                try {
                    header(toks);
                } catch (LineError e) {
                    report(lineNo, e.col, e.getMessage());
                }
                return;
            }
            seenStatement = true;
            int end = toks.size();
            boolean hasExpect = end >= 3 && toks.get(end - 2).raw().equals("expect");
            if (hasExpect) {
                end -= 2;
            }
            List<Tok> st = toks.subList(0, end);
            try {
                Op op = statement(st);
                String expect = null;
                if (hasExpect) {
                    Tok outcome = toks.get(end + 1);
                    expect = valueAt(outcome.raw(), outcome.col(), "outcome");
                    possible(op, st.get(0).raw(), expect, outcome);
                }
                statements.add(new Statement(lineNo, statementText(text, st), expect, op));
            } catch (LineError e) {
                report(lineNo, e.col, e.getMessage());
                recover(st);
            }
        }

        /**
         * An expectation the statement can meet: {@code read} and {@code peek} give a value (or
         * {@code segv}, {@code fail}), {@code write} gives {@code ok}, {@code segv} or {@code fail},
         * every other statement {@code ok} or {@code fail}. Anything else could never hold.
         */
        private static void possible(Op op, String keyword, String expect, Tok outcome) {
            if (op instanceof Op.Read || op instanceof Op.Peek || expect.equals("ok") || expect.equals("fail")) {
                return;
            }
            boolean write = op instanceof Op.Write;
            if (write && expect.equals("segv")) {
                return;
            }
            throw err(outcome.col(), "'" + keyword + "' can only be " + (write ? "ok, segv or fail" : "ok or fail")
                    + ", not " + show(outcome.raw()));
        }

        /**
         * The statement's tokens joined by single spaces. Most lines are written that way already:
         * then the text is the line itself or a substring of it, and no builder is needed.
         */
        private String statementText(String line, List<Tok> st) {
            if (!supplementary) {
                boolean canonical = true;
                for (int i = 1; i < st.size() && canonical; i++) {
                    canonical = st.get(i).col() == st.get(i - 1).end() + 1 && line.charAt(st.get(i).col() - 2) == ' ';
                }
                if (canonical) {
                    return line.substring(st.get(0).col() - 1, st.get(st.size() - 1).end() - 1);
                }
            }
            StringBuilder joined = new StringBuilder();
            for (Tok t : st) {
                if (joined.length() > 0) {
                    joined.append(' ');
                }
                joined.append(t.raw());
            }
            return joined.toString();
        }

        /**
         * After an error, defines the name the statement meant to introduce (when it is a valid
         * name not yet in use), so that later lines do not report it as unknown.
         */
        private void recover(List<Tok> t) {
            int i;
            Kind kind;
            switch (t.get(0).raw()) {
                case "spawn" -> {
                    i = 1;
                    kind = Kind.PROCESS;
                }
                case "fork" -> {
                    i = 2;
                    kind = Kind.PROCESS;
                }
                case "file" -> {
                    i = 1;
                    kind = Kind.FILE;
                }
                case "pin", "get", "vmsplice", "iouring" -> {
                    i = t.size() >= 2 && t.get(t.size() - 2).raw().equals("as") ? t.size() - 1 : -1;
                    kind = Kind.HANDLE;
                }
                default -> {
                    return;
                }
            }
            if (i < 1 || i >= t.size()) {
                return;
            }
            String name = t.get(i).raw();
            if (isName(name) && !symbols.containsKey(name)) {
                Sym s = define(name, kind);
                s.live = true;
            }
        }

        // ---- header -------------------------------------------------------------------------

        private void header(List<Tok> t) {
            Tok kw = t.get(0);
            boolean isTitle = kw.raw().equals("scenario");
            if (isTitle) {
                if (seenScenario) {
                    throw err(kw.col(), "duplicate 'scenario' line");
                }
                if (seenTags || seenStatement) {
                    throw err(kw.col(), "'scenario' must come before any other statement");
                }
                seenScenario = true;
            } else {
                if (seenTags) {
                    throw err(kw.col(), "duplicate 'tags' line");
                }
                if (seenStatement) {
                    throw err(kw.col(), "'tags' must come before any statement");
                }
                seenTags = true;
            }
            if (t.size() >= 3 && t.get(t.size() - 2).raw().equals("expect")) {
                throw err(t.get(t.size() - 2).col(), "no 'expect' on a header line");
            }
            if (isTitle) {
                Tok tt = arg(t, 1, "title");
                if (!tt.raw().startsWith("\"")) {
                    throw err(tt.col(), "the title must be a quoted string");
                }
                String v = valueAt(tt.raw(), tt.col(), "title");
                noMore(t, 2);
                title = v;
            } else {
                arg(t, 1, "tag");
                Set<String> seen = new HashSet<>();
                List<String> words = new ArrayList<>();
                for (int i = 1; i < t.size(); i++) {
                    Tok w = t.get(i);
                    if (!isName(w.raw())) {
                        throw err(w.col(), "bad tag " + show(w.raw()));
                    }
                    if (!seen.add(w.raw())) {
                        throw err(w.col(), "duplicate tag " + show(w.raw()));
                    }
                    words.add(w.raw());
                }
                tags = List.copyOf(words);
            }
        }

        // ---- token-level helpers --------------------------------------------------------

        private static int endCol(List<Tok> t) {
            return t.get(t.size() - 1).end();
        }

        private static Tok arg(List<Tok> t, int i, String what) {
            if (i >= t.size()) {
                throw err(endCol(t), "missing " + what);
            }
            return t.get(i);
        }

        private static LineError unexpected(List<Tok> t, int i) {
            Tok x = t.get(i);
            if (x.raw().equals("expect") && i == t.size() - 1) {
                return err(x.col(), "missing outcome after 'expect'");
            }
            return err(x.col(), "unexpected " + show(x.raw()));
        }

        private static LineError unknownOption(List<Tok> t, int i) {
            Tok x = t.get(i);
            if (x.raw().equals("expect") && i == t.size() - 1) {
                return err(x.col(), "missing outcome after 'expect'");
            }
            return err(x.col(), "unknown option " + show(x.raw()));
        }

        private static void noMore(List<Tok> t, int n) {
            if (t.size() > n) {
                throw unexpected(t, n);
            }
        }

        private static String name(Tok tok, String what) {
            if (!isName(tok.raw())) {
                throw err(tok.col(), "bad " + what + " " + show(tok.raw()));
            }
            return tok.raw();
        }

        /** A decimal number: the part of the token after {@code prefix} characters. */
        private static long number(Tok tok, int prefix) {
            String s = tok.raw();
            int digits = s.length() - prefix;
            if (digits == 0) {
                throw err(tok.col(), "bad number in " + show(s));
            }
            for (int i = prefix; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    throw err(tok.col(), "bad number in " + show(s));
                }
            }
            if (digits > MAX_DIGITS) {
                throw err(tok.col(), "number too large in " + show(s));
            }
            return Long.parseLong(s.substring(prefix));
        }

        private Sym define(String name, Kind kind) {
            Sym s = new Sym(kind, name);
            if (kind == Kind.PROCESS) {
                s.procId = nextProcId++;
            }
            symbols.put(name, s);
            return s;
        }

        /** Token i must introduce a new name of the namespace. */
        private String newName(List<Tok> t, int i, String what) {
            Tok tok = arg(t, i, what + " name");
            String n = name(tok, what + " name");
            if (symbols.containsKey(n)) {
                throw err(tok.col(), show(n) + " is already defined");
            }
            return n;
        }

        /** Token i must name a known process, file or handle (kind). */
        private Sym ref(List<Tok> t, int i, Kind kind) {
            Tok tok = arg(t, i, kind.word + " name");
            return lookup(tok, name(tok, kind.word + " name"), kind);
        }

        private Sym lookup(Tok tok, String n, Kind kind) {
            Sym s = symbols.get(n);
            if (s == null) {
                throw err(tok.col(), "unknown name " + show(n));
            }
            if (s.kind != kind) {
                throw err(tok.col(), show(n) + " is a " + s.kind.word + ", not a " + kind.word);
            }
            return s;
        }

        private static PageRef pageRef(List<Tok> t, int i, String what) {
            Tok tok = arg(t, i, "page reference");
            String s = tok.raw();
            int lb = s.indexOf('[');
            if (lb < 0 || !s.endsWith("]") || s.charAt(0) == '"') {
                throw err(tok.col(), "expected a page reference like " + what + "[0], got " + show(s));
            }
            String n = s.substring(0, lb);
            if (!isName(n)) {
                throw err(tok.col(), "bad " + what + " name in " + show(s));
            }
            // a plain loop, no stream or substring: this runs for most lines of a big file, often
            // before the JIT has compiled anything
            int from = lb + 1;
            int to = s.length() - 1;
            if (from >= to) {
                throw err(tok.col(), "bad page index in " + show(s));
            }
            long index = 0;
            for (int k = from; k < to; k++) {
                char c = s.charAt(k);
                if (c < '0' || c > '9') {
                    throw err(tok.col(), "bad page index in " + show(s));
                }
                index = index * 10 + (c - '0');
            }
            if (to - from > MAX_DIGITS) {
                throw err(tok.col(), "page index too large in " + show(s));
            }
            return new PageRef(n, index, tok);
        }

        /** The region as process p sees it, or null when p never mapped it (or did not inherit it). */
        private static Region region(Sym p, String name) {
            Region r = p.regions.get(name);
            if (r != null && r.dontfork() && r.owner() != p.procId) {
                return null;
            }
            return r;
        }

        private static void checkIndex(Sym p, PageRef ref) {
            Region r = region(p, ref.name());
            if (r != null && ref.index() >= r.pages()) {
                throw err(ref.tok().col(), "page index " + ref.index() + " out of range for region "
                        + cut(ref.name()) + " (" + plural(r.pages(), "page") + ")");
            }
        }

        private static PageRef procPage(Sym p, List<Tok> t, int i) {
            PageRef ref = pageRef(t, i, "region");
            checkIndex(p, ref);
            return ref;
        }

        private static boolean prot(List<Tok> t, int i) {
            Tok tok = arg(t, i, "'ro' or 'rw'");
            return switch (tok.raw()) {
                case "ro" -> false;
                case "rw" -> true;
                default -> throw err(tok.col(), "expected 'ro' or 'rw', got " + show(tok.raw()));
            };
        }

        // ---- statements ------------------------------------------------------------------

        private Op statement(List<Tok> t) {
            Tok kw = t.get(0);
            switch (kw.raw()) {
                case "spawn": {
                    String p = newName(t, 1, "process");
                    define(p, Kind.PROCESS);
                    noMore(t, 2);
                    return new Op.Spawn(p);
                }
                case "file":
                    return fileStatement(t);
                case "mmap":
                    return mmap(t);
                case "write": {
                    Sym p = ref(t, 1, Kind.PROCESS);
                    PageRef ref = procPage(p, t, 2);
                    Tok v = arg(t, 3, "value");
                    String value = valueAt(v.raw(), v.col(), "value");
                    noMore(t, 4);
                    return new Op.Write(p.name, ref.name(), ref.index(), value);
                }
                case "read": {
                    Sym p = ref(t, 1, Kind.PROCESS);
                    PageRef ref = procPage(p, t, 2);
                    noMore(t, 3);
                    return new Op.Read(p.name, ref.name(), ref.index());
                }
                case "fwrite": {
                    PageRef ref = pageRef(t, 1, "file");
                    Sym f = lookup(ref.tok(), ref.name(), Kind.FILE);
                    if (f.filePages >= 0 && ref.index() >= f.filePages) {
                        throw err(ref.tok().col(), "page index " + ref.index() + " out of range for file "
                                + cut(f.name) + " (" + plural(f.filePages, "page") + ")");
                    }
                    Tok v = arg(t, 2, "value");
                    String value = valueAt(v.raw(), v.col(), "value");
                    noMore(t, 3);
                    return new Op.Fwrite(f.name, ref.index(), value);
                }
                case "fork": {
                    Sym p = ref(t, 1, Kind.PROCESS);
                    String c = newName(t, 2, "process");
                    Sym child = define(c, Kind.PROCESS);
                    child.regions = p.regions; // persistent: parent's later changes stay its own
                    noMore(t, 3);
                    return new Op.Fork(p.name, c);
                }
                case "exit": {
                    Sym p = ref(t, 1, Kind.PROCESS);
                    noMore(t, 2);
                    return new Op.Exit(p.name);
                }
                case "munmap":
                    return munmap(t);
                case "mprotect": {
                    Sym p = ref(t, 1, Kind.PROCESS);
                    String r = name(arg(t, 2, "region name"), "region name");
                    boolean w = prot(t, 3);
                    noMore(t, 4);
                    return new Op.Mprotect(p.name, r, w);
                }
                case "madvise":
                    return madvise(t);
                case "pin":
                case "get":
                case "vmsplice":
                case "iouring":
                    return gup(t);
                case "peek": {
                    Sym h = ref(t, 1, Kind.HANDLE);
                    noMore(t, 2);
                    return new Op.Peek(h.name);
                }
                case "poke": {
                    Sym h = ref(t, 1, Kind.HANDLE);
                    Tok v = arg(t, 2, "value");
                    String value = valueAt(v.raw(), v.col(), "value");
                    noMore(t, 3);
                    return new Op.Poke(h.name, value);
                }
                case "release": {
                    Sym h = ref(t, 1, Kind.HANDLE);
                    noMore(t, 2);
                    h.live = false;
                    return new Op.Release(h.name);
                }
                default:
                    throw err(kw.col(), "unknown statement " + show(kw.raw()));
            }
        }

        private Op fileStatement(List<Tok> t) {
            String name = newName(t, 1, "file");
            Sym f = define(name, Kind.FILE); // size unknown until the line is fully checked
            Tok pagesTok = null;
            Tok fillTok = null;
            long pages = 0;
            String fill = "0";
            for (int i = 2; i < t.size(); i++) {
                Tok o = t.get(i);
                String s = o.raw();
                if (s.startsWith("pages=")) {
                    pagesTok = once(o, pagesTok);
                    pages = number(o, 6);
                    if (pages < 1) {
                        throw err(o.col(), "pages= must be at least 1");
                    }
                    if (pages > MAX_FILE_PAGES) {
                        throw err(o.col(), "file too large (" + pages + " pages, limit " + MAX_FILE_PAGES + ")");
                    }
                } else if (s.startsWith("fill=")) {
                    fillTok = once(o, fillTok);
                    fill = valueAt(s.substring(5), o.col() + 5, "value");
                } else {
                    throw unknownOption(t, i);
                }
            }
            if (pagesTok == null) {
                throw err(endCol(t), "missing pages=N");
            }
            f.filePages = pages;
            return new Op.FileDecl(name, pages, fill);
        }

        private Op mmap(List<Tok> t) {
            Sym p = ref(t, 1, Kind.PROCESS);
            Tok rt = arg(t, 2, "region name");
            String r = name(rt, "region name");
            Region old = region(p, r);
            if (old != null && !old.fullyUnmapped()) {
                throw err(rt.col(), "region " + cut(r) + " is already mapped in " + cut(p.name));
            }
            Tok src = arg(t, 3, "'anon' or 'file=F'");
            Sym f = null;
            if (src.raw().startsWith("file=")) {
                String fn = src.raw().substring(5);
                if (!isName(fn)) {
                    throw err(src.col(), "bad file name in " + show(src.raw()));
                }
                f = lookup(src, fn, Kind.FILE);
            } else if (!src.raw().equals("anon")) {
                throw err(src.col(), "expected 'anon' or 'file=F', got " + show(src.raw()));
            }
            Tok sh = arg(t, 4, "'private' or 'shared'");
            boolean shared = switch (sh.raw()) {
                case "private" -> false;
                case "shared" -> true;
                default -> throw err(sh.col(), "expected 'private' or 'shared', got " + show(sh.raw()));
            };
            Tok protTok = null;
            Tok pagesTok = null;
            Tok offsetTok = null;
            long pages = 1;
            long offset = 0;
            for (int i = 5; i < t.size(); i++) {
                Tok o = t.get(i);
                String s = o.raw();
                if (s.equals("ro") || s.equals("rw")) {
                    protTok = protection(o, protTok);
                } else if (s.startsWith("pages=")) {
                    pagesTok = once(o, pagesTok);
                    pages = number(o, 6);
                    if (pages < 1) {
                        throw err(o.col(), "pages= must be at least 1");
                    }
                    if (pages > MAX_MAPPING_PAGES) {
                        throw err(o.col(), "mapping too large (" + pages + " pages, limit "
                                + MAX_MAPPING_PAGES + ")");
                    }
                } else if (s.startsWith("offset=")) {
                    offsetTok = once(o, offsetTok);
                    if (f == null) {
                        throw err(o.col(), "offset= is only for file mappings");
                    }
                    offset = number(o, 7);
                } else {
                    throw unknownOption(t, i);
                }
            }
            if (f != null && f.filePages >= 0) {
                if (offset >= f.filePages) {
                    throw err(offsetTok.col(), "offset " + offset + " is past the end of file " + cut(f.name)
                            + " (" + plural(f.filePages, "page") + ")");
                }
                if (pagesTok == null) {
                    pages = f.filePages - offset;
                } else if (offset + pages > f.filePages) {
                    throw err(pagesTok.col(), "mapping runs past the end of file " + cut(f.name) + " ("
                            + plural(f.filePages, "page") + ")");
                }
            }
            boolean writable = protTok == null || protTok.raw().equals("rw");
            p.regions = p.regions.put(r, new Region(pages, false, PersistentMap.empty(), false, p.procId));
            return new Op.Mmap(p.name, r, f == null ? null : f.name, shared, writable, pages, offset);
        }

        private Op munmap(List<Tok> t) {
            Sym p = ref(t, 1, Kind.PROCESS);
            Tok tok = arg(t, 2, "region name or page reference");
            String r;
            long index = -1;
            if (tok.raw().indexOf('[') >= 0) {
                PageRef ref = procPage(p, t, 2);
                r = ref.name();
                index = ref.index();
            } else {
                r = name(tok, "region name");
            }
            noMore(t, 3);
            Region old = region(p, r);
            if (old != null && !old.wholeUnmapped()) {
                if (index < 0) {
                    p.regions = p.regions.put(r, new Region(old.pages(), true, old.unmapped(), old.dontfork(),
                            p.procId));
                } else if (!old.unmapped().containsKey(index)) {
                    p.regions = p.regions.put(r, new Region(old.pages(), false,
                            old.unmapped().put(index, Boolean.TRUE), old.dontfork(), p.procId));
                }
            }
            return new Op.Munmap(p.name, r, index);
        }

        private Op madvise(List<Tok> t) {
            Sym p = ref(t, 1, Kind.PROCESS);
            String r = name(arg(t, 2, "region name"), "region name");
            Tok a = arg(t, 3, "advice");
            Op.Advice advice = switch (a.raw()) {
                case "dontneed" -> Op.Advice.DONTNEED;
                case "pageout" -> Op.Advice.PAGEOUT;
                case "dontfork" -> Op.Advice.DONTFORK;
                case "dofork" -> Op.Advice.DOFORK;
                default -> throw err(a.col(), "expected 'dontneed', 'pageout', 'dontfork' or 'dofork', got "
                        + show(a.raw()));
            };
            noMore(t, 4);
            Region old = region(p, r);
            if (old != null && (advice == Op.Advice.DONTFORK || advice == Op.Advice.DOFORK)) {
                p.regions = p.regions.put(r, new Region(old.pages(), old.wholeUnmapped(), old.unmapped(),
                        advice == Op.Advice.DONTFORK, p.procId));
            }
            return new Op.Madvise(p.name, r, advice);
        }

        private Op gup(List<Tok> t) {
            String kw = t.get(0).raw();
            Sym p = ref(t, 1, Kind.PROCESS);
            PageRef ref = procPage(p, t, 2);
            boolean pin;
            boolean write;
            boolean longterm = false;
            boolean fast = false;
            int as;
            switch (kw) {
                case "pin" -> {
                    pin = true;
                    Tok protTok = null;
                    Tok longTok = null;
                    Tok fastTok = null;
                    int i = 3;
                    while (true) {
                        if (i >= t.size()) {
                            throw err(endCol(t), "missing 'as HANDLE'");
                        }
                        Tok o = t.get(i);
                        String s = o.raw();
                        if (s.equals("as")) {
                            break;
                        }
                        if (s.equals("ro") || s.equals("rw")) {
                            protTok = protection(o, protTok);
                        } else if (s.equals("longterm")) {
                            longTok = once(o, longTok);
                        } else if (s.equals("fast")) {
                            fastTok = once(o, fastTok);
                        } else {
                            throw unknownOption(t, i);
                        }
                        i++;
                    }
                    if (protTok == null) {
                        throw err(t.get(i).col(), "missing 'ro' or 'rw'");
                    }
                    write = protTok.raw().equals("rw");
                    longterm = longTok != null;
                    fast = fastTok != null;
                    as = i;
                }
                case "get" -> {
                    pin = false;
                    write = prot(t, 3);
                    as = 4;
                }
                case "iouring" -> {
                    pin = true;
                    write = true;
                    longterm = true;
                    as = 3;
                }
                default -> { // vmsplice
                    pin = false;
                    write = false;
                    as = 3;
                }
            }
            Tok asTok = arg(t, as, "'as HANDLE'");
            if (!asTok.raw().equals("as")) {
                throw err(asTok.col(), "expected 'as', got " + show(asTok.raw()));
            }
            Tok ht = arg(t, as + 1, "handle name");
            String h = name(ht, "handle name");
            Sym s = symbols.get(h);
            if (s != null && s.kind != Kind.HANDLE) {
                throw err(ht.col(), show(h) + " is already defined");
            }
            if (s != null && s.live) {
                throw err(ht.col(), "handle " + cut(h) + " is still live; release it first");
            }
            if (s == null) {
                s = define(h, Kind.HANDLE);
            }
            s.live = true;
            noMore(t, as + 2);
            return new Op.Gup(p.name, ref.name(), ref.index(), pin, write, longterm, fast, h);
        }
    }
}
