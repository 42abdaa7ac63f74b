package org.mmsim.testkit;

import org.mmsim.api.PageKind;
import org.mmsim.api.PageView;

/** A mutable frame for tests; {@link #tryFreeSwap()} behaves like try_to_free_swap(). */
public final class FakePage implements PageView {
    private final PageKind kind;
    private int refCount = 1;
    private int mapCount = 1;
    private boolean anonExclusive;
    private boolean swapCache;
    private int swapCount;
    private String rule;

    private FakePage(PageKind kind) {
        this.kind = kind;
    }

    /** A fresh anonymous page mapped once, exclusive, reference count 1. */
    public static FakePage anonPage() {
        return new FakePage(PageKind.ANON).exclusive(true);
    }

    public static FakePage zeroPage() {
        return new FakePage(PageKind.ZERO_PAGE).refs(2);
    }

    public static FakePage pageCache() {
        return new FakePage(PageKind.PAGE_CACHE).refs(2);
    }

    public FakePage exclusive(boolean exclusive) {
        this.anonExclusive = exclusive;
        return this;
    }

    public FakePage refs(int refCount) {
        this.refCount = refCount;
        return this;
    }

    public FakePage maps(int mapCount) {
        this.mapCount = mapCount;
        return this;
    }

    /** Puts the page in the swap cache with {@code swapCount} swap PTEs on its slot (adds the cache's reference). */
    public FakePage inSwapCache(int swapCount) {
        this.swapCache = true;
        this.swapCount = swapCount;
        this.refCount++;
        return this;
    }

    /** Adds {@code pins} FOLL_PIN pins. */
    public FakePage pinned(int pins) {
        this.refCount += pins * GUP_PIN_COUNTING_BIAS;
        return this;
    }

    /** try_to_free_swap(): succeeds only when no swap PTE still refers to the slot. */
    public boolean tryFreeSwap() {
        if (!swapCache || swapCount > 0) {
            return false;
        }
        swapCache = false;
        refCount--;
        return true;
    }

    @Override
    public PageKind kind() {
        return kind;
    }

    @Override
    public String content() {
        return "0";
    }

    @Override
    public int refCount() {
        return refCount;
    }

    @Override
    public int mapCount() {
        return mapCount;
    }

    @Override
    public boolean anonExclusive() {
        return anonExclusive;
    }

    @Override
    public boolean swapCache() {
        return swapCache;
    }

    @Override
    public int swapCount() {
        return swapCount;
    }

    /** Records the rule the policy named ({@link #rule()}). */
    @Override
    public void because(String why) {
        this.rule = why;
    }

    /** The rule the policy named for its last answer about this page, or null. */
    public String rule() {
        return rule;
    }

    @Override
    public String toString() {
        return kind + "{ref=" + refCount + ", map=" + mapCount + ", excl=" + anonExclusive
                + ", swapcache=" + swapCache + ", swapcount=" + swapCount + "}";
    }
}
