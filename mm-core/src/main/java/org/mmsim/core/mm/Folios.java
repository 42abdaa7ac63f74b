package org.mmsim.core.mm;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The large folios (struct folio of order > 0): each a run of consecutive frames whose first, the
 * head, holds the folio's reference count in {@link Frames}; here are what only large folios have,
 * the entire (PMD) map count and the pin count (_entire_mapcount, _pincount). Base pages never
 * look here: {@link Frames#PG_LARGE} says whether a frame belongs to one.
 */
final class Folios {
    /** One large folio. */
    static final class Folio {
        final int head;
        /** folio_nr_pages(): 4 to 512 for THP, 512 or 262144 for hugetlb. */
        final int nr;
        final boolean hugetlb;
        /** The huge zeropage (is_huge_zero_folio()). */
        final boolean hugeZero;
        /** _entire_mapcount: PMD (or hugetlb) mappings of the whole folio. */
        int entireMap;
        /** _pincount: FOLL_PIN references (each also one reference, 47e29d32afba). */
        int pins;
        /** Per process mapping the folio: pid, then how many PTEs and PMDs of it (pairs; _mm_ids). */
        private int[] mms = new int[4];
        private int nmms;
        /** _large_mapcount: every PTE and PMD mapping of the folio, kept as they change. */
        int mapcount;

        Folio(int head, int nr, boolean hugetlb, boolean hugeZero) {
            this.head = head;
            this.nr = nr;
            this.hugetlb = hugetlb;
            this.hugeZero = hugeZero;
        }

        Folio copy() {
            Folio f = new Folio(head, nr, hugetlb, hugeZero);
            f.entireMap = entireMap;
            f.pins = pins;
            f.mms = mms.clone();
            f.nmms = nmms;
            f.mapcount = mapcount;
            return f;
        }

        /** folio_add_rmap() / folio_remove_rmap() per process: d more mappings of the folio by pid. */
        void mapped(int pid, int d) {
            mapcount += d;
            for (int k = 0; k < nmms; k += 2) {
                if (mms[k] == pid) {
                    mms[k + 1] += d;
                    if (mms[k + 1] == 0) {
                        mms[k] = mms[nmms - 2];
                        mms[k + 1] = mms[nmms - 1];
                        nmms -= 2;
                    }
                    return;
                }
            }
            if (nmms == mms.length) {
                mms = java.util.Arrays.copyOf(mms, 2 * nmms);
            }
            mms[nmms++] = pid;
            mms[nmms++] = d;
        }

        /** folio_maybe_mapped_shared(): more than one process maps the folio (exact here). */
        boolean mappedShared() {
            return nmms > 2;
        }

        /** folio_order() */
        int order() {
            return Integer.numberOfTrailingZeros(nr);
        }

        boolean contains(int frame) {
            return frame >= head && frame < head + nr;
        }
    }

    private final Map<Integer, Folio> byHead = new HashMap<>();

    /** A folio's size as the language writes it: {@code 4K}, {@code 64K}, {@code 2M}, {@code 1G}. */
    static String sizeName(long pages) {
        long kib = pages * 4;
        return kib >= 1 << 20 ? kib / (1 << 20) + "G" : kib >= 1024 ? kib / 1024 + "M" : kib + "K";
    }

    Folios copy() {
        Folios c = new Folios();
        for (Folio f : byHead.values()) {
            c.byHead.put(f.head, f.copy());
        }
        return c;
    }

    /** The large folio whose head is frame {@code head}, or null. */
    Folio at(int head) {
        return byHead.get(head);
    }

    /** The large folio frame f belongs to, found the slow way: for tails too far from their head to say. */
    Folio of(int frame) {
        Folio f = byHead.get(frame);
        if (f != null) {
            return f;
        }
        for (Folio g : byHead.values()) {
            if (g.contains(frame)) {
                return g;
            }
        }
        return null;
    }

    Folio add(int head, int nr, boolean hugetlb, boolean hugeZero) {
        Folio f = new Folio(head, nr, hugetlb, hugeZero);
        byHead.put(head, f);
        return f;
    }

    void remove(Folio f) {
        byHead.remove(f.head);
    }

    boolean isEmpty() {
        return byHead.isEmpty();
    }

    Collection<Folio> all() {
        return byHead.values();
    }
}
