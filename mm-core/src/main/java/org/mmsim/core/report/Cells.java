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

    /** Length in code points. */
    static int width(String s) {
        return s.codePointCount(0, s.length());
    }

    /** {@code s} cut to {@code max} code points, the last one replaced by an ellipsis when cut. */
    static String fit(String s, int max) {
        if (width(s) <= max) {
            return s;
        }
        if (max <= 0) {
            return "";
        }
        int end = s.offsetByCodePoints(0, max - 1);
        return s.substring(0, end) + "…";
    }

    static String pad(String s, int width) {
        StringBuilder sb = new StringBuilder(s);
        for (int w = width(s); w < width; w++) {
            sb.append(' ');
        }
        return sb.toString();
    }
}
