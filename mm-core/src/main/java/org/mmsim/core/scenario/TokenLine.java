package org.mmsim.core.scenario;

import java.util.List;

/**
 * One line's tokens with its {@code expect OUTCOME} tail split off.
 *
 * @param text          the line as read
 * @param supplementary the line has characters outside the BMP (columns are not string indexes)
 * @param statement     the tokens before the tail, the keyword first (never empty)
 * @param expect        the tail's {@code expect}, or null when there is no tail
 * @param outcome       the tail's outcome, or null
 */
record TokenLine(String text, boolean supplementary, List<Token> statement, Token expect, Token outcome) {
    Token keyword() {
        return statement.get(0);
    }

    /**
     * The statement's tokens joined by single spaces. Most lines are written that way already:
     * then the text is the line itself or a substring of it, and no builder is needed.
     */
    String statementText() {
        if (!supplementary) {
            boolean canonical = true;
            for (int i = 1; i < statement.size() && canonical; i++) {
                canonical = statement.get(i).col() == statement.get(i - 1).end() + 1
                        && text.charAt(statement.get(i).col() - 2) == ' ';
            }
            if (canonical) {
                return text.substring(keyword().col() - 1, statement.get(statement.size() - 1).end() - 1);
            }
        }
        StringBuilder joined = new StringBuilder();
        for (Token t : statement) {
            if (joined.length() > 0) {
                joined.append(' ');
            }
            joined.append(t.raw());
        }
        return joined.toString();
    }
}
