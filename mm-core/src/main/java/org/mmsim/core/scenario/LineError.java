package org.mmsim.core.scenario;

import java.util.List;

/**
 * A problem that ends the current line: the parser reports it at {@link #col} and goes on with the
 * next line. It describes the input, not a bug, so it carries no stack trace. The static helpers
 * are how messages quote the input.
 */
final class LineError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int col;

    LineError(int col, String message) {
        super(message, null, false, false);
        this.col = col;
    }

    /** A token or name for a message: cut to 40 characters so messages stay short. */
    static String cut(String s) {
        int max = 40;
        if (s.codePointCount(0, s.length()) > max) {
            return s.substring(0, s.offsetByCodePoints(0, max)) + "...";
        }
        return s;
    }

    /** A token for a message, quoted and cut. */
    static String show(String s) {
        return "'" + cut(s) + "'";
    }

    static String plural(long n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    /** Alternatives for a message: {@code a or b}, {@code a, b or c}. */
    static String either(List<String> words) {
        int last = words.size() - 1;
        return last == 0 ? words.get(0) : String.join(", ", words.subList(0, last)) + " or " + words.get(last);
    }
}
