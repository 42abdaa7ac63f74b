package org.mmsim.core.scenario;

import static org.mmsim.core.scenario.LineError.show;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The header lines, {@code scenario "Title"} and {@code tags a b c}: each at most once, the title
 * first, both before any statement.
 */
final class Header {
    private String title;
    private List<String> tags = List.of();
    private boolean seenScenario;
    private boolean seenTags;
    private boolean seenStatement;

    static boolean isHeader(Token keyword) {
        return keyword.raw().equals("scenario") || keyword.raw().equals("tags");
    }

    /** A statement line was met (even a wrong one): no header line may follow. */
    void statementSeen() {
        seenStatement = true;
    }

    String title(String byDefault) {
        return title != null ? title : byDefault;
    }

    List<String> tags() {
        return tags;
    }

    /** One header line; its operands are read with {@code in}. */
    void line(TokenLine line, Operands in) {
        Token kw = line.keyword();
        boolean isTitle = kw.raw().equals("scenario");
        if (isTitle) {
            if (seenScenario) {
                throw new LineError(kw.col(), "duplicate 'scenario' line");
            }
            if (seenTags || seenStatement) {
                throw new LineError(kw.col(), "'scenario' must come before any other statement");
            }
            seenScenario = true;
        } else {
            if (seenTags) {
                throw new LineError(kw.col(), "duplicate 'tags' line");
            }
            if (seenStatement) {
                throw new LineError(kw.col(), "'tags' must come before any statement");
            }
            seenTags = true;
        }
        if (line.expect() != null) {
            throw new LineError(line.expect().col(), "no 'expect' on a header line");
        }
        if (isTitle) {
            Token t = in.next("title");
            if (!t.raw().startsWith("\"")) {
                throw new LineError(t.col(), "the title must be a quoted string");
            }
            String v = Lexer.value(t.raw(), t.col(), "title");
            in.end();
            title = v;
        } else {
            Set<String> words = new LinkedHashSet<>();
            do {
                Token w = in.name("tag");
                if (!words.add(w.raw())) {
                    throw new LineError(w.col(), "duplicate tag " + show(w.raw()));
                }
            } while (!in.atEnd());
            tags = List.copyOf(words);
        }
    }
}
