package org.mmsim.core.scenario;

/** One token of a line: its spelling as written (quotes and escapes included) and its 1-based column. */
record Token(String raw, int col) {
    /** The column just after the token. */
    int end() {
        return col + raw.codePointCount(0, raw.length());
    }
}
