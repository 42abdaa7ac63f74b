package org.mmsim.core.mm;

/**
 * MADV_PAGEOUT: madvise_cold_or_pageout_pte_range() feeding reclaim_pages() / shrink_folio_list():
 * anonymous pages go to swap where the policy lets them; page-cache and shmem pages are unmapped,
 * and dropped when nobody else holds them, a dirty one after it is written out.
 */
final class Reclaim {
    private final Machine m;

    Reclaim(Machine m) {
        this.m = m;
    }

    /** Reclaims the pages that only this region maps; says for every mapped page why it went or stayed. */
    void pageout(Region r) {
        pageout(r, 0, r.pages);
    }

    /**
     * Whether MADV_PAGEOUT of all of r could reclaim or split a page: one it maps that is neither the
     * zero page nor mapped elsewhere too, or a large one. {@link #pageout} leaves swap entries, the
     * zero page and shared pages alone before any question to the policy.
     */
    static boolean mayPageOut(Machine m, Region r) {
        for (long i = r.ptes.nextNonZero(0); i >= 0; i = r.ptes.nextNonZero(i + 1)) {
            int pte = r.pte(i);
            int f = Pte.id(pte);
            if (Pte.isPresent(pte) && f != m.zeroPage && f != m.hugeZero
                    && (m.frames.test(f, Frames.PG_LARGE) || m.frames.map(f) == 1)) {
                return true;
            }
        }
        return false;
    }

    /** MADV_PAGEOUT over pages [from, to) of a region. */
    void pageout(Region r, long from, long to) {
        for (long i = r.ptes.nextNonZero(from); i >= 0 && i < to; i = r.ptes.nextNonZero(i + 1)) {
            int pte = r.pte(i);
            if (!Pte.isPresent(pte)) {
                skip(r, i, "already swapped out");
                continue;
            }
            int f = Pte.id(pte);
            if (f == m.zeroPage || f == m.hugeZero) {
                skip(r, i, "the shared zeropage is never reclaimed");
                continue;
            }
            if (m.frames.test(f, Frames.PG_LARGE) && !splitForPageout(r, i, f)) {
                continue;
            }
            // madvise_cold_or_pageout_pte_range(): leave pages that other mappings share alone
            if (m.frames.map(f) != 1) {
                if (m.tracing()) {
                    m.tp().pageoutSkipped(r, i, m.tp().frame(f) + " is mapped " + m.frames.map(f) + " times: pages "
                            + "shared with other mappings stay");
                }
                continue;
            }
            if (m.frames.anon(f)) {
                pageoutAnon(r, i, f);
            } else {
                pageoutCache(r, i, pte, f);
            }
        }
    }

    /** A page reclaim passes over, and why (the text is built only when tracing). */
    private void skip(Region r, long i, String why) {
        if (m.tracing()) {
            m.tp().pageoutSkipped(r, i, why);
        }
    }

    /**
     * madvise_cold_or_pageout_pte_range() on a large folio: one another process maps too stays; else
     * a PMD is split and the folio with it (split_folio(), which fails while anything but the
     * mappings holds the folio), and its pages go on as base pages: without THP_SWAP, reclaim would
     * split the folio to swap it anyway.
     */
    private boolean splitForPageout(Region r, long i, int f) {
        Folios.Folio folio = m.folio(f);
        String why = null;
        if (m.maybeMappedShared(f)) {
            why = "its " + Folios.sizeName(folio.nr) + " folio may be mapped by another process: it stays";
        } else {
            if (Pte.isHuge(r.pte(i))) {
                m.huge().splitHugePmd(r, m.huge().hugeStart(r, i));
            }
            if (!m.huge().splitFolio(folio)) {
                why = "its " + Folios.sizeName(folio.nr) + " folio cannot be split while someone holds it: it stays";
            } else if (m.tracing()) {
                m.tp().folioEvent("split_folio", r.describe(i) + ": the " + Folios.sizeName(folio.nr)
                        + " folio becomes base pages on its way to swap", r, i, f);
            }
        }
        if (why != null && m.tracing()) {
            m.tp().pageoutSkipped(r, i, why);
        }
        return why == null;
    }

    private void pageoutAnon(Region r, long i, int f) {
        Object[] facts = m.tracing() ? m.tp().pageFacts(f) : null;
        boolean may = m.decide("try_to_unmap_one", (policy, page, unused) -> policy.mayPageOut(page),
                m.views().ask(Views.Kind.PAGEOUT, f, r, i).page, null);
        if (m.tracing()) {
            m.tp().decision("try_to_unmap_one", r.describe(i), facts, may ? "swap out" : "keep");
        }
        if (may) {
            swapOut(r, i, f);
        }
    }

    /**
     * add_to_swap() + try_to_unmap_one() + pageout(): the PTE becomes a swap entry carrying the
     * exclusive bit; the frame is written out and freed unless someone still holds it, in which case
     * it stays in the swap cache.
     */
    private void swapOut(Region r, long i, int f) {
        int s;
        if (m.frames.test(f, Frames.PG_SWAPCACHE)) {
            s = m.frames.slot(f);
        } else {
            s = m.swap.alloc();
            m.swap.cacheFrame[s] = f;
            m.frames.setSlot(f, s);
            m.frames.set(f, Frames.PG_SWAPCACHE);
            m.getPage(f, 1);
        }
        boolean exclusive = m.frames.test(f, Frames.PG_ANON_EXCLUSIVE);
        m.frames.clear(f, Frames.PG_ANON_EXCLUSIVE);
        m.swap.count[s]++;
        m.rmap(r, f, -1);
        r.setPte(i, Pte.swap(s, exclusive));
        m.putPage(f, 1);
        m.swap.content[s] = m.frames.content(f);
        boolean stays = m.ref(f) > 1;
        if (m.tracing()) {
            m.tp().swappedOut(r, i, f, s, exclusive, stays);
        }
        if (!stays) {
            // nobody else holds it: dropped from the swap cache and freed
            m.swap.cacheFrame[s] = -1;
            m.frames.clear(f, Frames.PG_SWAPCACHE);
            m.frames.setSlot(f, -1);
            m.nest();
            m.putPage(f, 1);
            m.unnest();
        }
    }

    /**
     * A page-cache or shmem page: try_to_unmap() (the PTE's dirty bit goes to the page), then
     * shrink_folio_list(): a dirty file page is not written back here (only kswapd writes file
     * pages), so it stays in the page cache; a dirty shmem page is written to swap; a clean page,
     * or one just written out, leaves the page cache unless someone else still holds it
     * (__remove_mapping() cannot freeze its reference count). A page dropped clean is read in again
     * from what was last written out: what a device wrote into it without dirtying it is lost.
     */
    private void pageoutCache(Region r, long i, int pte, int f) {
        PageCache c = r.cache;
        long index = r.offset + i;
        if (Pte.dirty(pte)) {
            m.frames.set(f, Frames.PG_DIRTY);
        }
        boolean dirty = m.frames.test(f, Frames.PG_DIRTY);
        if (m.tracing()) {
            m.tp().cacheUnmapped(r, i, f, Pte.dirty(pte));
        }
        m.frames.addMap(f, -1);
        r.setPte(i, Pte.NONE);
        m.putPage(f, 1);
        if (dirty && !c.shmem) {
            if (m.tracing()) {
                m.tp().dirtyFileKept(r, i, f);
            }
            return;
        }
        if (dirty) {
            c.store(index, m.frames.content(f));
            m.frames.clear(f, Frames.PG_DIRTY);
        }
        if (m.ref(f) > 1) {
            if (m.tracing()) {
                m.tp().heldKept(r, i, f, dirty);
            }
            return;
        }
        if (m.tracing()) {
            m.tp().cacheDropped(r, i, f, dirty, c.shmem);
        }
        c.put(index, -1);
        if (!c.shmem) {
            c.evict(index);
        }
        m.nest();
        m.putPage(f, 1);
        m.unnest();
    }
}
