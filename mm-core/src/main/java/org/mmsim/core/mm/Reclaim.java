package org.mmsim.core.mm;

/** MADV_PAGEOUT: madvise_cold_or_pageout_pte_range() feeding shrink_folio_list() / try_to_unmap_one(). */
final class Reclaim {
    private final Machine m;

    Reclaim(Machine m) {
        this.m = m;
    }

    /** Reclaims the anonymous pages that only this region maps and that the policy lets go to swap. */
    void pageout(Region r) {
        for (long i = r.ptes.nextNonZero(0); i >= 0; i = r.ptes.nextNonZero(i + 1)) {
            int pte = r.pte(i);
            if (!Pte.isPresent(pte)) {
                continue;
            }
            int f = Pte.id(pte);
            // madvise_cold_or_pageout_pte_range(): leave pages that other mappings share alone
            if (!m.frames.anon(f) || m.frames.map(f) != 1) {
                continue;
            }
            if (!m.decide("try_to_unmap_one", (policy, page, unused) -> policy.mayPageOut(page), m.views().page(f),
                    null)) {
                if (m.tracing()) {
                    m.trace("  pageout " + r.describe(i) + ": policy keeps #" + f + " (may be pinned)");
                }
                continue;
            }
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
        m.frames.addMap(f, -1);
        r.setPte(i, Pte.swap(s, exclusive));
        m.putPage(f, 1);
        m.swap.content[s] = m.frames.content(f);
        if (m.frames.ref(f) == 1) {
            // nobody else holds it: written out, dropped from the swap cache and freed
            m.swap.cacheFrame[s] = -1;
            m.frames.clear(f, Frames.PG_SWAPCACHE);
            m.frames.setSlot(f, -1);
            m.putPage(f, 1);
        }
        if (m.tracing()) {
            m.trace("  pageout " + r.describe(i) + ": #" + f + " to swap slot " + s
                    + (exclusive ? " (exclusive)" : "")
                    + (m.swap.cacheFrame[s] >= 0 ? ", stays in the swap cache (still referenced)" : ""));
        }
    }
}
