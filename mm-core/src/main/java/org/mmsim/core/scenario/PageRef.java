package org.mmsim.core.scenario;

/**
 * A reference as written at {@code tok}: {@code NAME[i]}, {@code NAME[i..j]}, or {@code NAME} alone
 * (range null) where a statement names a whole region.
 */
record PageRef(String name, Op.Range range, Token tok) {
    /** The page of a one-page reference {@code NAME[i]}. */
    long index() {
        return range.from();
    }
}
