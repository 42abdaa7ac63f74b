package org.mmsim.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * A named property of the machine, checked after every statement of a run and once more after the
 * end-of-scenario teardown, and reported like the built-in ones ({@code accounting}, {@code
 * isolation}, ...): in the verdict, the JSON {@code violations}, traces and reports. A check only
 * reads the machine; it reports each object that breaks the property. A run reports a broken object
 * when it breaks, and again only after a check that found it whole.
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public interface Invariant {
    /** What {@link #name()} must look like: the spelling of the built-in invariants' names. */
    Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    /** The name reports use, e.g. {@code longterm-pin-copied}; unique among all invariants. */
    String name();

    /** One line saying what must hold. */
    String description();

    /**
     * Reports every object of {@code machine} that breaks this invariant to {@code out}. Called from
     * one thread per run; the view is valid during the call only.
     */
    void check(MachineView machine, Violations out);

    /** Where an {@link Invariant} reports what it found broken. */
    @API(status = EXPERIMENTAL, since = "0.1.0")
    interface Violations {
        /**
         * One broken object: what identifies it across statements ({@code "handle h0"}, {@code "#3"},
         * {@code "p1 buf[0]"}) and a one-line explanation, which may change while it stays broken.
         */
        void report(String object, String message);
    }
}
