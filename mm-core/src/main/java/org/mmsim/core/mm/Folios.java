package org.mmsim.core.mm;

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
        /**
         * The processes mapping the folio, each with how many PTEs and PMDs of it it has (_mm_ids): the
         * first two inline, as the kernel's two _mm_id slots, further ones in {@code more} (pairs).
         */
        private int pid0, n0, pid1, n1;
        private int[] more;
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
            f.pid0 = pid0;
            f.n0 = n0;
            f.pid1 = pid1;
            f.n1 = n1;
            f.more = more == null ? null : more.clone();
            f.mapcount = mapcount;
            return f;
        }

        /** folio_add_rmap() / folio_remove_rmap() per process: d more mappings of the folio by pid. */
        void mapped(int pid, int d) {
            mapcount += d;
            if (n0 != 0 && pid0 == pid) {
                n0 += d;
            } else if (n1 != 0 && pid1 == pid) {
                n1 += d;
            } else if (!mappedMore(pid, d)) {
                if (n0 == 0) {
                    pid0 = pid;
                    n0 = d;
                } else if (n1 == 0) {
                    pid1 = pid;
                    n1 = d;
                } else {
                    addMore(pid, d);
                }
            }
            if (n0 == 0 && n1 != 0) { // keep the inline slots filled first
                pid0 = pid1;
                n0 = n1;
                n1 = 0;
            }
            if (n1 == 0 && more != null) {
                pullMore();
            }
        }

        private boolean mappedMore(int pid, int d) {
            for (int k = 0; more != null && k < more.length; k += 2) {
                if (more[k + 1] != 0 && more[k] == pid) {
                    more[k + 1] += d;
                    return true;
                }
            }
            return false;
        }

        private void addMore(int pid, int d) {
            int k = 0;
            while (more != null && k < more.length && more[k + 1] != 0) {
                k += 2;
            }
            if (more == null || k == more.length) {
                more = more == null ? new int[4] : java.util.Arrays.copyOf(more, 2 * more.length);
            }
            more[k] = pid;
            more[k + 1] = d;
        }

        /** Moves one of the further processes into the free inline slot. */
        private void pullMore() {
            for (int k = 0; k < more.length; k += 2) {
                if (more[k + 1] != 0) {
                    pid1 = more[k];
                    n1 = more[k + 1];
                    more[k + 1] = 0;
                    return;
                }
            }
            more = null;
        }

        /** The pids of the processes mapping the folio, the earliest-mapping first. */
        int[] mappers() {
            int[] out = new int[(n0 != 0 ? 1 : 0) + (n1 != 0 ? 1 : 0) + (more == null ? 0 : more.length / 2)];
            int k = 0;
            if (n0 != 0) {
                out[k++] = pid0;
            }
            if (n1 != 0) {
                out[k++] = pid1;
            }
            for (int j = 0; more != null && j < more.length; j += 2) {
                if (more[j + 1] != 0) {
                    out[k++] = more[j];
                }
            }
            return java.util.Arrays.copyOf(out, k);
        }

        /** folio_maybe_mapped_shared(): more than one process maps the folio (exact here). */
        boolean mappedShared() {
            return n1 != 0;
        }

        /** folio_order() */
        int order() {
            return Integer.numberOfTrailingZeros(nr);
        }

        boolean contains(int frame) {
            return frame >= head && frame < head + nr;
        }
    }

    /**
     * The folios by head frame: an open-addressing table (linear probing), a few bytes a folio where a
     * HashMap would box every key into a node. Never more than half full; no table at all until
     * the first folio (most of the explorer's machines have none).
     */
    private int[] heads = NO_HEADS;
    private Folio[] byHead = NO_FOLIOS;
    private int size;

    private static final int[] NO_HEADS = {};
    private static final Folio[] NO_FOLIOS = {};

    /** A folio's size as the language writes it: {@code 4K}, {@code 64K}, {@code 2M}, {@code 1G}. */
    static String sizeName(long pages) {
        long kib = pages * 4;
        return kib >= 1 << 20 ? kib / (1 << 20) + "G" : kib >= 1024 ? kib / 1024 + "M" : kib + "K";
    }

    /** Makes this table a copy of {@code o}: nothing to copy in most of the explorer's machines. */
    void assign(Folios o) {
        size = o.size;
        if (size == 0) {
            heads = NO_HEADS;
            byHead = NO_FOLIOS;
            return;
        }
        heads = java.util.Arrays.copyOf(o.heads, o.heads.length); // not clone(): a native call on C1
        byHead = new Folio[o.byHead.length];
        for (int i = 0; i < byHead.length; i++) {
            byHead[i] = o.byHead[i] == null ? null : o.byHead[i].copy();
        }
    }

    private int slot(int head) {
        int mask = heads.length - 1;
        int i = (head * 0x9E3779B9 >>> 16) & mask;
        while (byHead[i] != null && heads[i] != head) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** The large folio whose head is frame {@code head}, or null. */
    Folio at(int head) {
        return size == 0 ? null : byHead[slot(head)];
    }

    /** The large folio frame f belongs to, found the slow way: for tails too far from their head to say. */
    Folio of(int frame) {
        Folio f = at(frame);
        if (f != null) {
            return f;
        }
        for (Folio g : byHead) {
            if (g != null && g.contains(frame)) {
                return g;
            }
        }
        return null;
    }

    Folio add(int head, int nr, boolean hugetlb, boolean hugeZero) {
        if (2 * (size + 1) > heads.length) {
            Folio[] old = byHead;
            heads = new int[Math.max(16, 2 * old.length)];
            byHead = new Folio[heads.length];
            for (Folio g : old) {
                if (g != null) {
                    put(g);
                }
            }
        }
        Folio f = new Folio(head, nr, hugetlb, hugeZero);
        put(f);
        size++;
        return f;
    }

    private void put(Folio f) {
        int i = slot(f.head);
        heads[i] = f.head;
        byHead[i] = f;
    }

    void remove(Folio f) {
        if (size == 0) {
            return;
        }
        int mask = heads.length - 1;
        int i = slot(f.head);
        if (byHead[i] == null) {
            return;
        }
        byHead[i] = null;
        size--;
        // backward-shift deletion: re-place the rest of the cluster so no lookup stops at the hole
        for (int j = (i + 1) & mask; byHead[j] != null; j = (j + 1) & mask) {
            Folio g = byHead[j];
            byHead[j] = null;
            put(g);
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Every large folio, in no particular but a deterministic order. */
    Iterable<Folio> all() {
        return () -> new java.util.Iterator<>() {
            private int i = next(0);

            private int next(int from) {
                while (from < byHead.length && byHead[from] == null) {
                    from++;
                }
                return from;
            }

            @Override
            public boolean hasNext() {
                return i < byHead.length;
            }

            @Override
            public Folio next() {
                if (i >= byHead.length) {
                    throw new java.util.NoSuchElementException();
                }
                Folio f = byHead[i];
                i = next(i + 1);
                return f;
            }
        };
    }
}
