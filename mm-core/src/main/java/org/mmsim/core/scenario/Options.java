package org.mmsim.core.scenario;

import java.util.List;
import java.util.function.Function;

/** The options {@link Operands#options} met on one statement, each with its value. */
final class Options {
    /**
     * One option a statement takes: one of {@code words} (say {@code ro}, {@code rw}: giving two
     * of them is a conflict), or {@code key} and a value that {@code read} checks and converts.
     */
    record Option<T>(List<String> words, String key, Function<Token, T> read) {
        static Option<String> word(String... words) {
            return new Option<>(List.of(words), null, Token::raw);
        }

        static <T> Option<T> keyed(String key, Function<Token, T> read) {
            return new Option<>(List.of(), key, read);
        }

        boolean matches(String raw) {
            return key == null ? words.contains(raw) : raw.startsWith(key);
        }
    }

    private final Option<?>[] allowed;
    private final Token[] met;
    private final Object[] values;

    Options(Option<?>[] allowed) {
        this.allowed = allowed;
        this.met = new Token[allowed.length];
        this.values = new Object[allowed.length];
    }

    /** Records option token {@code t}; false when no allowed option matches it. */
    boolean add(Token t) {
        for (int k = 0; k < allowed.length; k++) {
            Option<?> o = allowed[k];
            if (o.matches(t.raw())) {
                Token seen = met[k];
                if (seen != null) {
                    throw new LineError(t.col(), o.key() == null && !seen.raw().equals(t.raw())
                            ? "conflicting options '" + seen.raw() + "' and '" + t.raw() + "'"
                            : "duplicate option '" + (o.key() != null ? o.key() : t.raw()) + "'");
                }
                met[k] = t;
                values[k] = o.read().apply(t);
                return true;
            }
        }
        return false;
    }

    /** Where option o was given, or null. */
    Token token(Option<?> o) {
        return met[indexOf(o)];
    }

    /** The value option o was given, or {@code absent}. */
    @SuppressWarnings("unchecked") // values[k] is what allowed[k], an Option<T>, read
    <T> T get(Option<T> o, T absent) {
        int k = indexOf(o);
        return met[k] == null ? absent : (T) values[k];
    }

    /** The value of option o, which must be there: "missing WHAT" at column col otherwise. */
    <T> T required(Option<T> o, String what, int col) {
        if (token(o) == null) {
            throw new LineError(col, "missing " + what);
        }
        return get(o, null);
    }

    private int indexOf(Option<?> o) {
        for (int k = 0; k < allowed.length; k++) {
            if (allowed[k] == o) {
                return k;
            }
        }
        throw new IllegalArgumentException("option not allowed here: " + o);
    }
}
