package org.mmsim.core.mm;

import java.util.List;

/**
 * An invariant that does not hold for one object: the invariant's fixed name, the object that is
 * broken (a pin such as {@code pin h0}, a frame {@code #3}, a swap slot, a process's page
 * {@code p1 buf[0]}, a handle {@code handle h0}, ...), what the object should show where a
 * statement could look at it ({@code entitled}: the value a read or peek of it should give, or
 * null), and a one-line explanation. A run reports a violation when its object breaks, and again
 * only after it was whole in between; the message may change while the object stays broken.
 */
public record Violation(String invariant, String object, String entitled, String message) {
    public static final String ACCOUNTING = "accounting";
    public static final String ANON_EXCLUSIVE = "anon-exclusive";
    public static final String PIN_COHERENCE = "pin-coherence";
    public static final String ISOLATION = "isolation";
    public static final String LOST_WRITE = "lost-write";
    public static final String UNPIN_NONEXCLUSIVE = "unpin-nonexclusive";
    public static final String LEAK = "leak";
    /** large-folios.md: a folio's total map count never exceeds its reference count. */
    public static final String MAPCOUNT_REFCOUNT = "mapcount-refcount";

    /** The invariants in the spec's order; {@link Invariants#checkKinds()} sets bit i for the i-th. */
    public static final List<String> INVARIANTS = List.of(ACCOUNTING, ANON_EXCLUSIVE, PIN_COHERENCE, ISOLATION,
            LOST_WRITE, UNPIN_NONEXCLUSIVE, LEAK, MAPCOUNT_REFCOUNT);

    /** What identifies the broken object across statements: the invariant and the object. */
    public String key() {
        return invariant + "\0" + object;
    }
}
