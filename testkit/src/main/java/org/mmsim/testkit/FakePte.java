package org.mmsim.testkit;

import org.mmsim.api.PteView;

/** A {@link PteView} for policy tests: {@code FakePte.present(false)} is the read-only PTE of a COW page. */
public record FakePte(State state, boolean writable, boolean swapExclusive) implements PteView {
    /** A present PTE, writable or write-protected. */
    public static FakePte present(boolean writable) {
        return new FakePte(State.PRESENT, writable, false);
    }

    /** A swap entry; {@code exclusive} is pte_swp_exclusive(). */
    public static FakePte swap(boolean exclusive) {
        return new FakePte(State.SWAP, false, exclusive);
    }

    /** pte_none(): nothing mapped. */
    public static FakePte none() {
        return new FakePte(State.NONE, false, false);
    }
}
