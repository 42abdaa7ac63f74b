package org.mmsim.core.scenario;

import static org.mmsim.core.scenario.LineError.show;

import java.util.List;
import java.util.Locale;
import org.mmsim.core.scenario.Options.Option;
import org.mmsim.core.scenario.ScenarioState.Kind;
import org.mmsim.core.scenario.ScenarioState.Symbol;

/**
 * The operands of one statement, read left to right after its keyword: the readers every statement
 * shares (names, page references, values, words, options, {@code as H}). Each throws a
 * {@link LineError} at the token that is wrong, or "missing ..." just past the statement's end;
 * what a name means is looked up in the {@link ScenarioState}.
 */
final class Operands {
    private final List<Token> toks;
    private final ScenarioState state;
    private int next = 1;

    Operands(List<Token> toks, ScenarioState state) {
        this.toks = toks;
        this.state = state;
    }

    // ---- tokens -----------------------------------------------------------------------------

    boolean atEnd() {
        return next >= toks.size();
    }

    /** The next token, not consumed; "missing WHAT" when there is none. */
    Token peek(String what) {
        if (atEnd()) {
            throw new LineError(endCol(), "missing " + what);
        }
        return toks.get(next);
    }

    /** The next token; "missing WHAT" when there is none. */
    Token next(String what) {
        Token t = peek(what);
        next++;
        return t;
    }

    /** The column just past the statement, where a missing operand is reported. */
    int endCol() {
        return toks.get(toks.size() - 1).end();
    }

    /** The statement ends here. */
    void end() {
        if (!atEnd()) {
            throw notExpected("unexpected");
        }
    }

    /** The next token is not one the statement takes; {@code what} says how to call it. */
    private LineError notExpected(String what) {
        Token x = toks.get(next);
        if (x.raw().equals("expect") && next == toks.size() - 1) {
            return new LineError(x.col(), "missing outcome after 'expect'");
        }
        return new LineError(x.col(), what + " " + show(x.raw()));
    }

    // ---- names --------------------------------------------------------------------------------

    /** A name: a process, region, file, handle or tag, {@code what} in messages. */
    Token name(String what) {
        Token t = next(what);
        if (!Lexer.isName(t.raw())) {
            throw new LineError(t.col(), "bad " + what + " " + show(t.raw()));
        }
        return t;
    }

    /** A process, file or handle that was declared before. */
    Symbol declared(Kind kind) {
        Token t = name(kind.word + " name");
        return state.lookup(t, t.raw(), kind);
    }

    /** A process or file this statement declares. */
    Symbol declare(Kind kind) {
        return state.declare(name(kind.word + " name"), kind);
    }

    /** {@code as H}: the name of the handle this statement takes, which becomes live. */
    String handleAs() {
        word("'as HANDLE'", "as");
        Token h = name("handle name");
        state.takeHandle(h);
        return h.raw();
    }

    // ---- pages --------------------------------------------------------------------------------

    /** A page of one of p's regions, {@code R[i]}, in range where the region is known. */
    PageRef page(Symbol p) {
        PageRef ref = pageRef("region", false);
        state.checkIndex(p, ref);
        return ref;
    }

    /**
     * A whole region of p ({@code R}, range null), one page of it ({@code R[i]}) or pages {@code i}
     * to {@code j} ({@code R[i..j]}), in range where the region is known.
     */
    PageRef pages(Symbol p) {
        Token t = peek("region name or page reference");
        if (t.raw().indexOf('[') < 0) {
            return new PageRef(name("region name").raw(), null, t);
        }
        PageRef ref = pageRef("region", true);
        state.checkIndex(p, ref);
        return ref;
    }

    /** A page of a declared file, {@code F[i]}, in range where the file's size is known. */
    PageRef filePage() {
        PageRef ref = pageRef("file", false);
        state.checkFileIndex(state.lookup(ref.tok(), ref.name(), Kind.FILE), ref);
        return ref;
    }

    /** {@code NAME[i]}, or where {@code ranges} allows also {@code NAME[i..j]} with i <= j. */
    private PageRef pageRef(String what, boolean ranges) {
        Token tok = next("page reference");
        String s = tok.raw();
        int lb = s.indexOf('[');
        if (lb < 0 || !s.endsWith("]") || s.charAt(0) == '"') {
            throw new LineError(tok.col(), "expected a page reference like " + what + "[0], got " + show(s));
        }
        String n = s.substring(0, lb);
        if (!Lexer.isName(n)) {
            throw new LineError(tok.col(), "bad " + what + " name in " + show(s));
        }
        int close = s.length() - 1;
        int dots = s.indexOf("..", lb);
        if (dots < 0) {
            return new PageRef(n, Op.Range.of(index(tok, lb + 1, close, "page index")), tok);
        }
        if (!ranges) {
            throw new LineError(tok.col(), "expected one page, not a range, in " + show(s));
        }
        long i = index(tok, lb + 1, dots, "page range");
        long j = index(tok, dots + 2, close, "page range");
        if (j < i) {
            throw new LineError(tok.col(), "bad page range in " + show(s) + ": " + i + " is after " + j);
        }
        return new PageRef(n, new Op.Range(i, j), tok);
    }

    /** The page index written in characters from to to - 1 of tok; "bad WHAT" when it is not one. */
    private static long index(Token tok, int from, int to, String what) {
        // a plain loop, no stream or substring: this runs for most lines of a big file, often
        // before the JIT has compiled anything
        String s = tok.raw();
        if (from >= to) {
            throw new LineError(tok.col(), "bad " + what + " in " + show(s));
        }
        long index = 0;
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                throw new LineError(tok.col(), "bad " + what + " in " + show(s));
            }
            index = index * 10 + (c - '0');
        }
        if (to - from > ScenarioParser.MAX_DIGITS) {
            throw new LineError(tok.col(), "page index too large in " + show(s));
        }
        return index;
    }

    // ---- values, words, numbers and options ----------------------------------------------------

    String value() {
        Token t = next("value");
        return Lexer.value(t.raw(), t.col(), "value");
    }

    /** One of {@code words}; "missing WHAT" when there is none. */
    String word(String what, String... words) {
        Token t = next(what);
        for (String w : words) {
            if (w.equals(t.raw())) {
                return w;
            }
        }
        throw new LineError(t.col(), "expected " + LineError.either(List.of(words).stream().map(w -> "'" + w + "'")
                .toList()) + ", got " + show(t.raw()));
    }

    /** One of the constants of {@code type}, written in lower case: {@code dontneed} for DONTNEED. */
    <E extends Enum<E>> E word(String what, Class<E> type) {
        E[] all = type.getEnumConstants();
        String[] words = new String[all.length];
        for (int k = 0; k < all.length; k++) {
            words[k] = all[k].name().toLowerCase(Locale.ROOT);
        }
        return Enum.valueOf(type, word(what, words).toUpperCase(Locale.ROOT));
    }

    /** A decimal number: the part of the token after {@code prefix} characters. */
    static long number(Token tok, int prefix) {
        String s = tok.raw();
        int digits = s.length() - prefix;
        if (digits == 0) {
            throw new LineError(tok.col(), "bad number in " + show(s));
        }
        for (int i = prefix; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new LineError(tok.col(), "bad number in " + show(s));
            }
        }
        if (digits > ScenarioParser.MAX_DIGITS) {
            throw new LineError(tok.col(), "number too large in " + show(s));
        }
        return Long.parseLong(s.substring(prefix));
    }

    /**
     * Options in any order, up to the end of the statement or up to the word {@code stop} (null
     * for none): each at most once, each checked as it is met.
     */
    Options options(String stop, Option<?>... allowed) {
        Options met = new Options(allowed);
        while (!atEnd() && !toks.get(next).raw().equals(stop)) {
            if (!met.add(toks.get(next))) {
                throw notExpected("unknown option");
            }
            next++;
        }
        return met;
    }
}
