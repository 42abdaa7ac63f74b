package org.mmsim.dist.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsim.dist.fuzz.ScenarioGen.Language.V1_1;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.mmsim.api.Policy;
import org.mmsim.core.run.RunResult;
import org.mmsim.core.scenario.Diagnostic;
import org.mmsim.core.scenario.Scenario;
import org.mmsim.core.scenario.ScenarioException;
import org.mmsim.core.scenario.ScenarioParser;

/**
 * The parser on hostile input: random bytes, random "token soup" (keywords, names, values,
 * brackets, {@code =}, quotes, numbers up to absurd sizes, {@code expect}) and valid scenarios
 * (language v1.1) with random damage. Whatever the input, {@link ScenarioParser#parse(String, byte[])} either
 * returns a scenario or throws a {@link ScenarioException} whose every diagnostic is located
 * (line and column at least 1, the line within the file) and says something; nothing else ever
 * escapes. Input that does parse is then run, and must not break the engine either.
 */
class ParserFuzzTest {
    private static final String FILE = "fuzz.mms";

    /** Words of the language and near misses. */
    private static final List<String> WORDS = List.of("scenario", "tags", "spawn", "file", "mmap", "write", "read",
            "fwrite", "fork", "exit", "munmap", "mprotect", "madvise", "pin", "get", "vmsplice", "iouring", "peek",
            "poke", "release", "expect", "as", "anon", "private", "shared", "ro", "rw", "longterm", "fast",
            "dontneed", "pageout", "dontfork", "dofork", "ok", "fail", "segv", "Spawn", "MMAP", "pinn", "",
            // v1.1
            "thp", "hugetlb", "mremap", "folio", "same", "hugepage", "nohugepage", "collapse", "always", "never", "4K", "8K", "16K", "64K", "2M", "1G", "2m", "3M", "sigbus", "yes", "no", "none", "zero",
            "hugezero", "swap", "4K:pte", "64K:pte", "2M:pmd", "64K:pmd", "1G:hugetlb", "1G:pte", "2M:", ":pmd");
    /** Names: some will be defined by the soup itself (spawn p, file f, ... as h). */
    private static final List<String> NAMES = List.of("p", "q", "f", "h", "r", "buf", "_x", "a-b", "9p", "-p", "p.q",
            "é", "x".repeat(300));
    private static final List<String> NUMBERS = List.of("0", "1", "2", "3", "-1", "007", "4095", "4096", "16777216",
            "16777217", "1099511627776", "1099511627777", "34359738368", "999999999999999999", "1000000000000000000",
            "9223372036854775807", "9223372036854775808", "18446744073709551616",
            "99999999999999999999999999999999999999", "1e3", "0x10", "+1", "½");
    private static final List<String> PUNCTUATION = List.of("=", "[", "]", "[]", "\"", "\"\"", "\"a b\"", "\"a\\\"b\"",
            "\"\\q\"", "\"open", "\\", "#", "# comment", "\t", "  ", "\r", "\u0000", "\u007f", "\u0085", "\ufeff",
            "\ud83d\ude00", "x".repeat(5000));

    // ---- properties -------------------------------------------------------------------------

    @Property
    void randomBytesGetLocatedErrorsOnly(@ForAll("bytes") byte[] input) {
        check(input);
    }

    @Property
    void tokenSoupGetsLocatedErrorsOnly(@ForAll("soup") String input) {
        check(input.getBytes(StandardCharsets.UTF_8));
    }

    @Property
    void damagedScenariosGetLocatedErrorsOnly(@ForAll("damaged") String input) {
        check(input.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A valid scenario with one statement given an outcome it can never have (say {@code write ...
     * expect v1}) is rejected with exactly one diagnostic, on that line, at the outcome.
     */
    @Property
    void anImpossibleExpectationIsRejectedAtItsOutcome(@ForAll("impossible") Impossible x) {
        byte[] input = x.scenario().getBytes(StandardCharsets.UTF_8);
        try {
            ScenarioParser.parse(FILE, input);
        } catch (ScenarioException e) {
            String expected = FILE + ":" + x.line() + ":" + x.column() + ": '" + x.keyword() + "' can only be ";
            assertEquals(1, e.diagnostics().size(), e.getMessage() + show(input));
            assertTrue(e.getMessage().startsWith(expected), "expected " + expected + "...\ngot " + e.getMessage()
                    + show(input));
            return;
        }
        throw new AssertionError("accepted" + show(input));
    }

    /** The v1.1 statements, options and outcomes are all among what the damaged and impossible cases start from. */
    @Example
    void theGeneratorWritesLanguage11() {
        List<String> missing = ScenarioGen.missing(V1_1, 3000, List.of("mmap hugetlb private", "mmap hugetlb shared",
                "munmap i..j", "mprotect i", "mprotect i..j", "madvise i", "madvise i..j", "madvise hugepage",
                "madvise nohugepage", "madvise collapse", "mremap", "mremap i", "mremap i..j", "thp", "hugetlb", "folio",
                "same", "expect sigbus", "expect yes", "expect no", "expect none", "expect 2M:pmd", "expect 64K:pte"));
        assertEquals(List.of(), missing, "v1.1 forms the generator never wrote");
    }

    /** A scenario, and where its impossible expectation stands: line, column of the outcome, statement keyword. */
    record Impossible(String scenario, int line, int column, String keyword) {
    }

    @Provide
    Arbitrary<Impossible> impossible() {
        return Combinators.combine(ScenarioGen.plans(V1_1), Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(0, 20)).as(ParserFuzzTest::impossible).filter(x -> x != null);
    }

    /** Gives the {@code which}-th statement that is neither read nor peek an impossible expectation; null if none. */
    static Impossible impossible(ScenarioGen.Plan plan, int which, int choice) {
        List<String> lines = new ArrayList<>(List.of(ScenarioGen.render(plan).split("\n")));
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (!l.startsWith("scenario ") && !l.startsWith("tags ") && ScenarioGen.impossibleFor(l, 0) != null) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            return null;
        }
        int i = candidates.get(which % candidates.size());
        String line = lines.get(i);
        int expect = line.indexOf(" expect ");
        String bare = expect < 0 ? line : line.substring(0, expect);
        lines.set(i, bare + " expect " + ScenarioGen.impossibleFor(line, choice));
        return new Impossible(String.join("\n", lines) + "\n", i + 1, bare.length() + " expect ".length() + 1,
                bare.substring(0, bare.indexOf(' ')));
    }

    // ---- arbitraries ------------------------------------------------------------------------

    @Provide
    Arbitrary<byte[]> bytes() {
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
        // mostly text-like: printable ASCII, blanks, line ends, a few control and non-ASCII bytes
        Arbitrary<Byte> texty = Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.bytes().between((byte) 0x20, (byte) 0x7e)),
                Tuple.of(3, Arbitraries.of((byte) '\n', (byte) '\r', (byte) '\t', (byte) ' ', (byte) '"', (byte) '#',
                        (byte) '[', (byte) ']', (byte) '=', (byte) '\\')),
                Tuple.of(1, Arbitraries.bytes()));
        Arbitrary<byte[]> text = texty.list().ofMaxSize(600).map(ParserFuzzTest::toBytes);
        return Arbitraries.frequencyOf(Tuple.of(1, raw), Tuple.of(2, text));
    }

    @Provide
    Arbitrary<String> soup() {
        Arbitrary<String> word = Arbitraries.oneOf(Arbitraries.of(WORDS), Arbitraries.of(NAMES),
                Arbitraries.of(NUMBERS), Arbitraries.of(PUNCTUATION), options(), pageRefs(),
                Arbitraries.strings().ofMaxLength(6));
        // a token is one or two pieces glued together (pages= + 99999..., buf + [3], ...)
        Arbitrary<String> token = Arbitraries.frequencyOf(Tuple.of(4, word),
                Tuple.of(1, Combinators.combine(word, word).as(String::concat)));
        Arbitrary<String> separator = Arbitraries.frequency(Tuple.of(12, " "), Tuple.of(1, "\t"), Tuple.of(1, ""),
                Tuple.of(1, "  "));
        Arbitrary<String> line = Combinators.combine(token, separator).as(String::concat).list().ofMaxSize(10)
                .map(parts -> String.join("", parts));
        // starting lines that define names, so that the soup reaches past the name checks
        Arbitrary<String> prelude = Arbitraries.of("", "spawn p\n", "spawn p\nfile f pages=3\n",
                "spawn p\nmmap p buf anon private pages=2\n", "spawn p\nspawn q\npin p buf[0] ro as h\n",
                "spawn p\nmmap p buf hugetlb shared pages=1024\nmremap p buf[0..511] as r\n");
        Arbitrary<String> ending = Arbitraries.of("\n", "\r\n", "", "\n\n");
        return Combinators.combine(prelude, line.list().ofMaxSize(12), ending)
                .as((p, lines, end) -> p + String.join(end.isEmpty() ? "\n" : end, lines) + end);
    }

    private static Arbitrary<String> options() {
        Arbitrary<String> key = Arbitraries.of("pages=", "offset=", "fill=", "file=", "=", "pages", "Pages=", "size=");
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.of(NUMBERS), Arbitraries.of(NAMES),
                Arbitraries.of("", "\"x\"", "\"", "v", "x".repeat(4096)));
        return Combinators.combine(key, value).as(String::concat);
    }

    private static Arbitrary<String> pageRefs() {
        Arbitrary<String> name = Arbitraries.of("buf", "f", "p", "r", "", "\"buf\"");
        Arbitrary<String> index = Arbitraries.oneOf(Arbitraries.of(NUMBERS), Arbitraries.of("", "x", "[0]", "1]"),
                Combinators.combine(Arbitraries.of(NUMBERS), Arbitraries.of("..", "...", ".", "..."),
                        Arbitraries.of(NUMBERS)).as((i, dots, j) -> i + dots + j),
                Arbitraries.of("..", "0..", "..1", "0..1..2", "1..0", "0..1"));
        Arbitrary<String> close = Arbitraries.of("]", "", "]]", "]x");
        return Combinators.combine(name, index, close).as((n, i, c) -> n + "[" + i + c);
    }

    /** A valid generated scenario with 1-4 random edits: lines dropped, duplicated, swapped, cut or spliced. */
    @Provide
    Arbitrary<String> damaged() {
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.of(EditKind.class), Arbitraries.integers().between(0, 40),
                Arbitraries.integers().between(0, 80), soup()).as(Edit::new);
        return Combinators.combine(ScenarioGen.plans(V1_1), edit.list().ofMinSize(1).ofMaxSize(4))
                .as((plan, edits) -> damage(ScenarioGen.render(plan), edits));
    }

    enum EditKind { DROP_LINE, DUPLICATE_LINE, SWAP_LINES, CUT_LINE, SPLICE, DROP_TOKEN, DUPLICATE_TOKEN, IMPOSSIBLE_EXPECT }

    record Edit(EditKind kind, int where, int at, String text) {
    }

    static String damage(String scenario, List<Edit> edits) {
        List<String> lines = new ArrayList<>(List.of(scenario.split("\n")));
        for (Edit e : edits) {
            if (lines.isEmpty()) {
                break;
            }
            int i = e.where() % lines.size();
            String line = lines.get(i);
            switch (e.kind()) {
                case DROP_LINE -> lines.remove(i);
                case DUPLICATE_LINE -> lines.add(i, line);
                case SWAP_LINES -> {
                    int j = e.at() % lines.size();
                    lines.set(i, lines.get(j));
                    lines.set(j, line);
                }
                case CUT_LINE -> lines.set(i, line.substring(0, e.at() % (line.length() + 1)));
                case SPLICE -> {
                    int at = e.at() % (line.length() + 1);
                    lines.set(i, line.substring(0, at) + e.text() + line.substring(at));
                }
                case IMPOSSIBLE_EXPECT -> {
                    String never = line.indexOf(' ') < 0 ? null : ScenarioGen.impossibleFor(line, e.at());
                    lines.set(i, never == null ? line : line + " expect " + never);
                }
                case DROP_TOKEN, DUPLICATE_TOKEN -> {
                    List<String> toks = new ArrayList<>(List.of(line.split(" ", -1))); // never empty
                    int k = e.at() % toks.size();
                    if (e.kind() == EditKind.DROP_TOKEN) {
                        toks.remove(k);
                    } else {
                        toks.add(k, toks.get(k));
                    }
                    lines.set(i, String.join(" ", toks));
                }
            }
        }
        return String.join("\n", lines) + "\n";
    }

    // ---- the check --------------------------------------------------------------------------

    /** Parses; a scenario that parses is run under every policy (the engine must cope with it too). */
    static void check(byte[] input) {
        long lines = 1;
        for (byte b : input) {
            if (b == '\n') {
                lines++;
            }
        }
        Scenario scenario;
        try {
            scenario = ScenarioParser.parse(FILE, input);
        } catch (ScenarioException e) {
            List<Diagnostic> ds = e.diagnostics();
            assertFalse(ds.isEmpty(), "no diagnostics" + show(input));
            assertTrue(ds.size() <= ScenarioParser.MAX_DIAGNOSTICS, ds.size() + " diagnostics" + show(input));
            for (Diagnostic d : ds) {
                String where = "diagnostic '" + d + "'" + show(input);
                assertEquals(FILE, d.file(), where);
                assertTrue(d.line() >= 1 && d.line() <= lines, "line out of range: " + where);
                assertTrue(d.column() >= 1, "column below 1: " + where);
                assertTrue(d.column() <= ScenarioParser.MAX_LINE_CHARS + 1, "column past the line limit: " + where);
                assertFalse(d.message().isBlank(), "empty message: " + where);
                assertFalse(d.message().contains("\n"), "message of several lines: " + where);
                assertFalse(d.message().contains("Exception"), "an exception's name in the message: " + where);
            }
            Statistics.label("parse").collect("rejected");
            return;
        } catch (Throwable t) {
            throw new AssertionError("the parser threw " + t + show(input), t);
        }
        Statistics.label("parse").collect(scenario.statements().isEmpty() ? "accepted, empty" : "accepted");
        for (Policy policy : Engine.POLICIES) {
            RunResult r;
            try {
                r = Engine.run(scenario, policy);
            } catch (Throwable t) {
                throw new AssertionError("the runner threw " + t + " under " + policy.id() + show(input), t);
            }
            // a resource limit is a legitimate error; anything else ("internal error: ...") is a bug
            boolean limit = r.error() != null && r.error().contains("limit reached");
            assertTrue(r.verdict() != RunResult.Verdict.ERROR || limit,
                    "verdict error (" + r.error() + ") under " + policy.id() + show(input));
            for (RunResult.ViolationAt v : r.violations()) {
                assertFalse(Engine.SIMULATOR_INVARIANTS.contains(v.invariant()), "simulator invariant "
                        + v.invariant() + " violated at line " + v.line() + ": " + v.message() + " under "
                        + policy.id() + show(input));
            }
        }
    }

    /** The input for an assertion message: as text when it is UTF-8 without control characters, else escaped. */
    static String show(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder("\ninput (").append(input.length).append(" bytes, Java escapes):\n\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n\"\n+ \"");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20 || c >= 0x7f) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append("\"");
        if (!java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), input)) {
            b.append("\nnot UTF-8; the bytes:");
            for (byte x : input) {
                b.append(String.format(" %02x", x & 0xff));
            }
        }
        return b.append('\n').toString();
    }

    private static byte[] toBytes(List<Byte> list) {
        byte[] a = new byte[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }
}
