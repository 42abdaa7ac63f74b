package org.mmsim.core.scenario;

import java.util.List;

/**
 * A parsed, checked scenario.
 *
 * @param file       the path as given on the command line
 * @param title      the {@code scenario "..."} title, or the file name without {@code .mms}
 * @param tags       the {@code tags} line's words, possibly empty
 * @param statements the statements in file order (header lines excluded)
 */
public record Scenario(String file, String title, List<String> tags, List<Statement> statements)
        implements java.io.Serializable {
    public Scenario {
        tags = List.copyOf(tags);
        statements = List.copyOf(statements);
    }

    /** The tag of a scenario that the kernel itself fails, as cow.c marks a test XFAIL. */
    public static final String XFAIL = "xfail";

    /** Whether a failure here is expected: tagged {@value #XFAIL}. Its verdict stays {@code fail}; reports say xfail. */
    public boolean expectedFailure() {
        return tags.contains(XFAIL);
    }
}
