package org.mmsim.core.report;

import org.mmsim.core.run.RunResult;

/** What one cell of the table and Markdown reports says, and text fitting helpers. */
final class Cells {
    private Cells() {
    }

    /** The problem part of a cell: the first failure or violation in a few words, or the error. */
    static String problem(RunResult r) {
        if (r.verdict() == RunResult.Verdict.ERROR) {
            return r.error() == null ? "" : r.error();
        }
        return r.firstProblem();
    }

    /** One line: control characters and line or paragraph separators become spaces. */
    static String flat(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean breaks = Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085';
            sb.append(breaks ? ' ' : c);
        }
        return sb.toString();
    }

    /** Display width in terminal columns (see {@link Wcwidth}). */
    static int width(String s) {
        return Wcwidth.width(s);
    }

    /** {@code s} cut to {@code max} columns, ending in an ellipsis when cut. */
    static String fit(String s, int max) {
        if (width(s) <= max) {
            return s;
        }
        return max <= 0 ? "" : head(s, max - 1) + "…";
    }

    /** The longest start of {@code s} that fits {@code cols} columns, with the marks of its last character. */
    static String head(String s, int cols) {
        int w = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int cw = Wcwidth.of(cp);
            if (w + cw > cols) {
                break;
            }
            w += cw;
            i += Character.charCount(cp);
        }
        return s.substring(0, i);
    }

    /** The longest end of {@code s} that fits {@code cols} columns and does not start with a mark. */
    static String tail(String s, int cols) {
        int w = 0;
        int i = s.length();
        int start = i;
        while (i > 0) {
            int cp = s.codePointBefore(i);
            int cw = Wcwidth.of(cp);
            if (w + cw > cols) {
                break;
            }
            w += cw;
            i -= Character.charCount(cp);
            if (cw > 0) {
                start = i;
            }
        }
        return s.substring(start);
    }

    /** {@code s} followed by blanks up to {@code width} columns. */
    static String pad(String s, int width) {
        StringBuilder sb = new StringBuilder(s);
        for (int w = width(s); w < width; w++) {
            sb.append(' ');
        }
        return sb.toString();
    }
}
