package org.mmsim.testkit.junit;

import java.util.List;

/** What became of one scenario: passed, failed with the reasons, or skipped with the reason. */
record Judgement(Kind kind, String message) {
    enum Kind { PASS, FAIL, SKIP }

    static final Judgement PASS = new Judgement(Kind.PASS, "");

    /** A failure: a headline, then one indented line per problem. */
    static Judgement fail(String headline, List<String> problems) {
        return new Judgement(Kind.FAIL, headline + "\n  " + String.join("\n  ", problems));
    }

    static Judgement skip(String why) {
        return new Judgement(Kind.SKIP, why);
    }
}
