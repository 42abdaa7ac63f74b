package org.mmsim.core.scenario;

import static org.mmsim.core.scenario.LineError.show;

import java.util.List;

/**
 * The outcomes a statement can have (scenario-language.md, "Outcomes and expectations"): an
 * {@code expect} that names another could never hold, so it is an error.
 */
enum Outcomes {
    /** A value read, or segv, or fail: any value at all. */
    VALUE,
    OK_OR_FAIL("ok", "fail"),
    OK_SEGV_OR_FAIL("ok", "segv", "fail");

    private final List<String> words;

    Outcomes(String... words) {
        this.words = List.of(words);
    }

    /** The outcome written at {@code outcome}, expected of a {@code keyword} statement. */
    String expect(String keyword, Token outcome) {
        String expect = Lexer.value(outcome.raw(), outcome.col(), "outcome");
        if (this != VALUE && !words.contains(expect)) {
            throw new LineError(outcome.col(), "'" + keyword + "' can only be " + LineError.either(words) + ", not "
                    + show(outcome.raw()));
        }
        return expect;
    }
}
