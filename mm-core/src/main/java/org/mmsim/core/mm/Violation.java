package org.mmsim.core.mm;

/** An invariant that does not hold: its fixed name and a one-line explanation. */
public record Violation(String invariant, String message) {
    public static final String ACCOUNTING = "accounting";
    public static final String ANON_EXCLUSIVE = "anon-exclusive";
    public static final String PIN_COHERENCE = "pin-coherence";
    public static final String ISOLATION = "isolation";
    public static final String LOST_WRITE = "lost-write";
    public static final String UNPIN_NONEXCLUSIVE = "unpin-nonexclusive";
    public static final String LEAK = "leak";
}
