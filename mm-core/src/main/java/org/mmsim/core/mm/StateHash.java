package org.mmsim.core.mm;

import java.util.Arrays;

/**
 * A 64-bit hash of everything about a machine that can influence what happens next, with frames
 * and swap slots numbered in the order a fixed walk meets them, so that two machines that differ
 * only in which free frame or slot an allocation happened to take hash alike. Stamps are hashed by
 * value, writer and whether they came through a private mapping, plus how many forks happened
 * before them, which is all the invariants compare. Counters and the clock are left out.
 */
final class StateHash {
    /** One per thread: its scratch arrays are reused from one hash to the next. */
    private static final ThreadLocal<StateHash> PER_THREAD = ThreadLocal.withInitial(StateHash::new);

    private Machine m;
    private int[] frameIds = new int[64];
    private int[] slotIds = new int[16];
    private int[] frameOrder = new int[64];
    private int[] slotOrder = new int[16];
    private int frames;
    private int slots;
    private int[] forkTimes = new int[8];
    private int forks;
    private long h;

    private StateHash() {
    }

    static long of(Machine m) {
        StateHash sh = PER_THREAD.get();
        sh.m = m;
        try {
            return sh.hash();
        } finally {
            sh.m = null;
        }
    }

    private long hash() {
        int nf = m.frames.highWater();
        if (frameIds.length < nf) {
            frameIds = new int[nf];
            frameOrder = new int[nf];
        }
        Arrays.fill(frameIds, 0, nf, -1);
        int ns = m.swap.highWater();
        if (slotIds.length < ns) {
            slotIds = new int[ns];
            slotOrder = new int[ns];
        }
        Arrays.fill(slotIds, 0, ns, -1);
        frames = 0;
        slots = 0;
        forks = 0;
        h = 0x9E3779B97F4A7C15L;
        for (Process p : m.byPid) {
            if (p.parent >= 0) {
                if (forks == forkTimes.length) {
                    forkTimes = Arrays.copyOf(forkTimes, forks * 2);
                }
                forkTimes[forks++] = p.forkTime;
            }
        }
        frame(m.zeroPage);
        for (Process p : m.byPid) {
            mix(p.alive ? 1 : 2);
            mix(p.parent);
            if (!p.alive) {
                continue;
            }
            for (Region r : p.regions) {
                mix(r.name.hashCode());
                mix(r.vmas.contentHash());
                mix(r.cache == null ? 0 : r.cache.name.hashCode() * 31 + (r.cache.shmem ? 1 : 0));
                for (long i = r.ptes.nextNonZero(0); i >= 0; i = r.ptes.nextNonZero(i + 1)) {
                    int pte = r.pte(i);
                    mix(i);
                    if (Pte.isPresent(pte)) {
                        // the dirty bit matters only where mprotect() and reclaim read it: shared mappings
                        mix((Pte.writable(pte) ? 3 : 4) + (r.shared && Pte.dirty(pte) ? 8 : 0));
                        mix(frame(Pte.id(pte)));
                    } else {
                        mix(Pte.swapExclusive(pte) ? 5 : 6);
                        mix(slot(Pte.id(pte)));
                    }
                }
                mix(0xEEL);
                for (long i = r.expected.nextNonZero(0); i >= 0; i = r.expected.nextNonZero(i + 1)) {
                    mix(i * 131 + stamp(r.expected.get(i) - 1));
                }
            }
            mix(0xFFL);
        }
        for (PageCache c : m.files) {
            for (long i = c.frames.nextNonZero(0); i >= 0; i = c.frames.nextNonZero(i + 1)) {
                mix(i);
                mix(frame(c.frame(i)));
            }
            for (long i = c.stored.nextNonZero(0); i >= 0; i = c.stored.nextNonZero(i + 1)) {
                mix(i * 131 + stamp(c.stored(i)));
            }
        }
        for (Handle hd : m.liveHandles) {
            mix(hd.name.hashCode());
            mix(frame(hd.frame));
            mix((hd.pin ? 1 : 0) | (hd.write ? 2 : 0) | (hd.longterm ? 4 : 0) | (hd.detached ? 8 : 0));
            mix(hd.pid);
            mix(hd.region.name.hashCode());
            mix(hd.index);
        }
        // the frames and slots, in the order the walk above met them
        for (int k = 0; k < frames; k++) {
            int f = frameOrder[k];
            mix(m.frames.kindAndFlags(f));
            mix(m.ref(f));
            mix(m.frames.map(f));
            Folios.Folio folio = m.folio(f);
            if (folio != null) {
                mix(f - folio.head);
                mix(folio.nr);
                mix(folio.entireMap);
                mix(folio.pins);
            }
            mix(stamp(m.frames.content(f)));
            mix(m.frames.slot(f) < 0 ? -1 : slot(m.frames.slot(f)));
        }
        for (int k = 0; k < slots; k++) {
            int s = slotOrder[k];
            mix(m.swap.count[s]);
            mix(m.swap.cacheFrame[s] < 0 ? -1 : frame(m.swap.cacheFrame[s]));
            mix(stamp(m.swap.content[s]));
        }
        mix(m.badUnpins.size());
        return h;
    }

    private int frame(int f) {
        int id = frameIds[f];
        if (id < 0) {
            id = frameIds[f] = frames;
            frameOrder[frames++] = f;
        }
        return id;
    }

    private int slot(int s) {
        int id = slotIds[s];
        if (id < 0) {
            id = slotIds[s] = slots;
            slotOrder[slots++] = s;
        }
        return id;
    }

    private long stamp(int s) {
        Stamps st = m.stamps;
        int before = 0;
        for (int k = 0; k < forks; k++) {
            if (forkTimes[k] <= s) {
                before++;
            }
        }
        return ((long) st.value(s).hashCode() << 24) ^ ((long) (st.writer(s) + 3) << 8) ^ (st.privateWrite(s) ? 1 : 0)
                ^ ((long) before << 40);
    }

    private void mix(long v) {
        long x = (h ^ v) * 0xff51afd7ed558ccdL;
        h = x ^ (x >>> 33);
        h *= 0xc4ceb9fe1a85ec53L;
    }
}
