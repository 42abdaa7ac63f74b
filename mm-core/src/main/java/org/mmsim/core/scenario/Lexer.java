package org.mmsim.core.scenario;

import static org.mmsim.core.scenario.LineError.show;

import java.util.ArrayList;
import java.util.List;

/**
 * The lexical rules of the language: a line's tokens (blanks between them, {@code #} to the end of
 * the line a comment, a double-quoted part may hold both), names, and values, bare or quoted with
 * {@code \"} and {@code \\} escapes.
 */
final class Lexer {
    private Lexer() {
    }

    /** A line's tokens, the {@code expect OUTCOME} tail split off; null for a blank or comment line. */
    static TokenLine line(String text, boolean supplementary) {
        List<Token> toks = tokens(text, supplementary);
        int end = toks.size();
        if (end == 0) {
            return null;
        }
        if (end >= 3 && toks.get(end - 2).raw().equals("expect")) {
            return new TokenLine(text, supplementary, toks.subList(0, end - 2), toks.get(end - 2), toks.get(end - 1));
        }
        return new TokenLine(text, supplementary, toks, null, null);
    }

    private static List<Token> tokens(String line, boolean supplementary) {
        List<Token> toks = new ArrayList<>();
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
                            throw new LineError(column(line, i, supplementary), "unknown escape '\\"
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
                throw new LineError(column(line, quote, supplementary), "unterminated string");
            }
            toks.add(new Token(line.substring(start, i), column(line, start, supplementary)));
        }
    }

    /** The 1-based column of string index i. */
    private static int column(String line, int i, boolean supplementary) {
        return (supplementary ? line.codePointCount(0, i) : i) + 1;
    }

    /** A name: {@code [A-Za-z_][A-Za-z0-9_-]*}. */
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

    /**
     * The value written as {@code s} (bare, or one whole quoted string) at column col, 1 to
     * {@value ScenarioParser#MAX_VALUE_BYTES} bytes; {@code what} names it in messages.
     */
    static String value(String s, int col, String what) {
        String v;
        if (s.isEmpty()) {
            throw new LineError(col, "empty " + what);
        }
        if (s.charAt(0) == '"') {
            StringBuilder b = new StringBuilder(s.length());
            int i = 1;
            while (true) {
                if (i >= s.length()) {
                    throw new LineError(col, "unterminated string");
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
                throw new LineError(col + s.codePointCount(0, i + 1), "unexpected text after a quoted string");
            }
            v = b.toString();
            if (v.isEmpty()) {
                throw new LineError(col, "empty " + what);
            }
        } else {
            for (int i = 0; i < s.length(); i++) {
                if (!isBareValueChar(s.charAt(i))) {
                    throw new LineError(col, "bad " + what + " " + show(s));
                }
            }
            v = s;
        }
        if (utf8Length(v) > ScenarioParser.MAX_VALUE_BYTES) {
            throw new LineError(col, what + " longer than " + ScenarioParser.MAX_VALUE_BYTES + " bytes");
        }
        return v;
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
}
