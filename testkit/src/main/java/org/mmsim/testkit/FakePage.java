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
    private int order;
    private int entireMapCount;
    private int folioMapCount = -1;
    private int folioMaxMapCount = -1;
    private boolean mappedShared;
    private int pinCount;

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

    /**
     * Makes this a page of a large folio of 2^order pages: PTE-mapped {@code folioMapCount} times in
     * all (one reference each, {@link #refs} set to match), no page more than once.
     */
    public FakePage large(int order, int folioMapCount) {
        this.order = order;
        this.folioMapCount = folioMapCount;
        this.folioMaxMapCount = 1;
        this.refCount = folioMapCount;
        return this;
    }

    /** A PMD-mapped folio of 512 pages, {@code pmds} entire mappings (one reference each). */
    public FakePage pmdMapped(int pmds) {
        large(9, pmds);
        this.entireMapCount = pmds;
        this.mapCount = pmds;
        this.folioMaxMapCount = pmds;
        return this;
    }

    /** folio_maybe_mapped_shared(): another process maps the folio too. */
    public FakePage mappedShared(boolean shared) {
        this.mappedShared = shared;
        return this;
    }

    /** Adds {@code pins} FOLL_PIN pins on a large folio (one reference and one _pincount each). */
    public FakePage largePins(int pins) {
        this.pinCount += pins;
        this.refCount += pins;
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

    @Override
    public boolean maybeDmaPinned() {
        return order > 0 ? pinCount > 0 : PageView.super.maybeDmaPinned();
    }

    @Override
    public int folioOrder() {
        return order;
    }

    @Override
    public int entireMapCount() {
        return entireMapCount;
    }

    @Override
    public int folioMapCount() {
        return folioMapCount < 0 ? mapCount : folioMapCount;
    }

    @Override
    public int folioMaxMapCount() {
        return folioMaxMapCount < 0 ? mapCount : folioMaxMapCount;
    }

    @Override
    public boolean maybeMappedShared() {
        return order > 0 ? mappedShared : mapCount > 1;
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
