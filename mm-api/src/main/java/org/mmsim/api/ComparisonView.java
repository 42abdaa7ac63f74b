package org.mmsim.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * The results of {@code mmsim compare}, read-only, for a {@link ReportFormat}: every scenario run
 * under every policy, with what the JSON output says of each run. Implemented by the core only.
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public interface ComparisonView {
    /** The policies' ids, in column order. */
    List<String> policies();

    /** The scenarios, in row order. */
    List<? extends Scenario> scenarios();

    /** One {@code .mms} file. */
    @API(status = EXPERIMENTAL, since = "0.1.0")
    interface Scenario {
        String title();

        /** The path as given on the command line (or found under a given directory). */
        String file();

        List<String> tags();

        /** Its run under each policy, in the order of {@link ComparisonView#policies()}. */
        List<? extends Run> runs();
    }

    /** One scenario under one policy. */
    @API(status = EXPERIMENTAL, since = "0.1.0")
    interface Run {
        String policy();

        /** {@code pass}, {@code fail} or {@code error}, as in the JSON output. */
        String verdict();

        /** Whether the scenario expects this policy to fail ({@code xfail}): a fail is then expected. */
        boolean expectedToFail();

        /** Why the run could not finish; null unless the verdict is {@code error}. */
        String error();

        /** Every statement that ran, with its outcome. */
        List<? extends Step> steps();

        /** Expectations that did not hold, and invariants that broke, in line order. */
        List<? extends Problem> problems();
    }

    /** A statement that ran. */
    @API(status = EXPERIMENTAL, since = "0.1.0")
    interface Step {
        int line();

        String statement();

        /** The outcome, exactly as {@code expect} would name it ({@code ok}, {@code fail}, a value read). */
        String outcome();
    }

    /** A failed expectation ({@link #kind()} {@code expectation}) or a broken invariant (the invariant's name). */
    @API(status = EXPERIMENTAL, since = "0.1.0")
    interface Problem {
        int line();

        String kind();

        /** One line: "expected X, got Y", or the invariant's explanation. */
        String message();
    }
}
