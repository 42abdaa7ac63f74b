package org.mmsim.core.scenario;

import static org.mmsim.core.scenario.ScenarioParser.MAX_LINE_CHARS;

import java.nio.charset.StandardCharsets;

/**
 * A file's bytes as lines of text, each checked against the input limits: UTF-8, no control
 * characters but tabs, no byte order mark, at most {@value ScenarioParser#MAX_LINE_CHARS}
 * characters. A line ends at LF; a CR just before it belongs to the line end.
 */
final class SourceLines {
    private final byte[] content;
    private final int[] cps = new int[MAX_LINE_CHARS];
    private int pos;
    private int number;
    private boolean supplementary;

    SourceLines(byte[] content) {
        this.content = content;
    }

    boolean hasNext() {
        return pos < content.length;
    }

    /** The 1-based number of the line {@link #next()} returned last. */
    int number() {
        return number;
    }

    /** Whether that line has characters outside the BMP (then columns differ from string indexes). */
    boolean supplementary() {
        return supplementary;
    }

    /** The next line without its line end; a LineError for its first problem. */
    String next() {
        number++;
        int from = pos;
        int nl = from;
        while (nl < content.length && content[nl] != '\n') {
            nl++;
        }
        pos = nl + 1;
        return decode(from, nl, nl < content.length);
    }

    private String decode(int from, int to, boolean endsWithLf) {
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
        String text = new String(cps, 0, n);
        supplementary = text.length() != n;
        return text;
    }

    /** Validates and decodes one line into {@link #cps}; the character count. */
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
                throw new LineError(MAX_LINE_CHARS + 1, "line longer than " + MAX_LINE_CHARS + " characters");
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
                    throw invalid(n, b);
                }
                for (int k = 1; k < size; k++) {
                    int c = i + k < to ? content[i + k] & 0xff : -1;
                    if (c < lo || c > hi) {
                        throw invalid(n, b);
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
                throw new LineError(n + 1, what + " not allowed");
            }
            if (cp == 0xfeff && number == 1 && n == 0) {
                throw new LineError(1, "byte order mark (U+FEFF) not allowed");
            }
            cps[n++] = cp;
            i += size;
        }
        return n;
    }

    private static LineError invalid(int n, int b) {
        return new LineError(n + 1, String.format("invalid UTF-8 (byte 0x%02X)", b));
    }
}
