package org.mmsim.core.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mmsim.api.Policy;
import org.mmsim.core.testing.AlwaysReuse;
import org.mmsim.core.testing.KernelUnsharePolicy;

/** What the state hash covers: every fact of every frame and slot the machine can still reach. */
class StateHashTest {
    /**
     * A page swapped out, inherited as a swap entry by a child, then swapped in and unmapped by the
     * parent stays in the swap cache for the child's swap entry: nothing maps the frame, so the walk meets it only through the slot.
     */
    @Test
    void aFrameOnlyTheSwapCacheHoldsIsHashedWithItsFacts() {
        Machine m = new Machine(KernelUnsharePolicy.stub(), new FlagRegistry(), Limits.DEFAULT);
        m.spawn("p0");
        m.mmap("p0", "buf", null, false, true, 2, 0);
        m.write("p0", "buf", 0, "A");
        m.madvise("p0", "buf", "pageout");
        m.fork("p0", "p1");
        m.read("p0", "buf", 0);
        m.munmap("p0", "buf", 0, 0);
        int slot = Pte.id(m.live("p1").regions.get("buf").pte(0));
        assertTrue(Pte.isSwap(m.live("p1").regions.get("buf").pte(0)), "p1 still has its swap entry");
        int f = m.swap.cacheFrame[slot];
        assertTrue(f >= 0 && m.frames.map(f) == 0, "the swap cache alone holds frame " + f);

        Machine other = m.copy();
        assertEquals(m.canonicalHash(true), other.canonicalHash(true));
        other.frames.set(f, Frames.PG_DIRTY);
        assertNotEquals(m.stateHash(), other.stateHash(), "the exact hash sees the frame's flags");
        assertNotEquals(m.canonicalHash(true), other.canonicalHash(true), "the canonical hash too");
    }

    /** A region of {@code pages}, its page 0 read and unmapped (its page table stays) or only unmapped. */
    private static Machine unmapped(long pages, boolean readFirst) {
        Machine m = new Machine(KernelUnsharePolicy.stub(), new FlagRegistry(), Limits.DEFAULT);
        m.spawn("p0");
        m.mmap("p0", "buf", null, false, true, pages, 0);
        if (readFirst) {
            m.read("p0", "buf", 0);
        }
        m.munmap("p0", "buf", 0, 0);
        return m;
    }

    /**
     * Which 2 MiB blocks have a page table decides only a PMD-sized THP fault and MADV_COLLAPSE,
     * both for a whole aligned 2 MiB range: a region too small for one hashes without them (the
     * SPIN models' states, one for one), a region that holds one with them.
     */
    @Test
    void pageTablesCountWhereARegionHoldsAHugePageRange() {
        assertEquals(unmapped(2, false).stateHash(), unmapped(2, true).stateHash());
        assertEquals(unmapped(2, false).canonicalHash(true), unmapped(2, true).canonicalHash(true));
        assertNotEquals(unmapped(512, false).stateHash(), unmapped(512, true).stateHash());
        assertNotEquals(unmapped(512, false).canonicalHash(false), unmapped(512, true).canonicalHash(false));
    }

    /**
     * A machine whose buf is one 2 MiB THP that p0 wrote and shared with p1 by fork; with {@code
     * shifted}, a page allocated and freed first, so that every frame of the folio has another number.
     */
    private static Machine sharedThp(boolean shifted) {
        Machine m = new Machine(KernelUnsharePolicy.stub(), new FlagRegistry(), Limits.DEFAULT);
        m.thp(512, "always");
        m.spawn("p0");
        if (shifted) {
            m.mmap("p0", "tmp", null, false, true, 1, 0);
            m.write("p0", "tmp", 0, "P0");
            m.munmap("p0", "tmp", 0, 0);
        }
        m.mmap("p0", "buf", null, false, true, 512, 0);
        m.write("p0", "buf", 0, "P0");
        m.fork("p0", "p1");
        return m;
    }

    /**
     * A large folio's frames are hashed each with its own facts and with those the folio shares (the
     * explorer's sum does the folio in one pass): the same class at other frame numbers, and a class
     * of its own once a tail's contents or map count, or the folio's pin count, differ.
     */
    @Test
    void everyFactOfALargeFolioIsPartOfTheClass() {
        StateHash h = new StateHash();
        Machine m = sharedThp(false);
        Folios.Folio folio = m.folio(Pte.id(m.live("p0").regions.get("buf").pte(0)));
        assertTrue(folio != null && folio.nr == 512, "buf is one 2 MiB folio");
        assertEquals(h.canonical(m, false, true), h.canonical(sharedThp(true), false, true),
                "frame numbers are not part of the class");
        // pids as they are from here on: a store's writer also enters the naming of processes
        long base = h.canonical(m, false, false);

        int tail = folio.head + 300;
        Machine content = m.copy();
        content.frames.setContent(tail, content.frames.content(folio.head));
        assertNotEquals(base, h.canonical(content, false, false), "a tail holding the head's store");
        Machine map = m.copy();
        map.frames.setMap(tail, map.frames.map(tail) + 1);
        assertNotEquals(base, h.canonical(map, false, false), "a tail's map count");
        Machine pins = m.copy();
        pins.folio(folio.head).pins++;
        assertNotEquals(base, h.canonical(pins, false, false), "the folio's pin count");
    }

    private static Machine writing(int... pages) {
        Machine m = new Machine(KernelUnsharePolicy.stub(), new FlagRegistry(), Limits.DEFAULT);
        m.spawn("p0");
        m.mmap("p0", "buf", null, false, true, 3, 0);
        for (int i : pages) {
            m.write("p0", "buf", i, "A");
        }
        return m;
    }

    /**
     * The canonical hash sums one page order when the pages tell a machine from its mirror image: the
     * forward order for one and the reversed for its mirror, the same class hash; both orders (and
     * orientation 0) only for a machine that is its own mirror image.
     */
    @Test
    void aMachineAndItsMirrorImageSumOppositeOrdersToOneHash() {
        StateHash h = new StateHash();
        Machine first = writing(0);
        Machine last = writing(2);
        long a = h.canonical(first, true);
        int aWay = h.orientation(0);
        long b = h.canonical(last, true);
        int bWay = h.orientation(0);
        assertEquals(a, b, "page 0 written and page 2 written are mirror images");
        assertTrue(aWay != 0 && bWay == -aWay, "one sums forward, the other reversed: " + aWay + ", " + bWay);
        assertNotEquals(first.stateHash(), last.stateHash(), "the exact hash tells them apart");

        long ends = h.canonical(writing(0, 2), true);
        assertEquals(0, h.orientation(0), "pages 0 and 2 written: its own mirror image");
        long middle = h.canonical(writing(1), true);
        assertEquals(0, h.orientation(0), "page 1 of 3 written: its own mirror image");
        long two = h.canonical(writing(0, 1), true);
        assertNotEquals(0, h.orientation(0));
        assertEquals(two, h.canonical(writing(1, 2), true));
        assertEquals(4, java.util.Set.of(a, ends, middle, two).size(), "different classes, different hashes");
        assertEquals(h.canonical(first, false), h.canonical(first.copy(), false));
        assertNotEquals(h.canonical(first, false), h.canonical(last, false), "without page symmetry, no mirror image");
    }

    /** A machine of two pages in p0 that then runs {@code steps}, each a statement as "proc verb page". */
    private static Machine running(Policy policy, String... steps) {
        Machine m = new Machine(policy, new FlagRegistry(), Limits.DEFAULT);
        m.spawn("p0");
        m.mmap("p0", "buf", null, false, true, 2, 0);
        for (String step : steps) {
            String[] w = step.split(" ");
            switch (w[1]) {
                case "write" -> m.write(w[0], "buf", Integer.parseInt(w[2]), "P" + w[0].substring(1));
                case "fork" -> m.fork(w[0], w[2]);
                default -> throw new IllegalArgumentException(step);
            }
        }
        return m;
    }

    /** A child that stores after the fork, and a parent that does: one class once process names fold. */
    @Test
    void machinesThatDifferOnlyInProcessNamesHashAlike() {
        StateHash h = new StateHash();
        Machine child = running(KernelUnsharePolicy.stub(), "p0 fork p1", "p1 write 0");
        Machine parent = running(KernelUnsharePolicy.stub(), "p0 fork p1", "p0 write 0");
        assertEquals(h.canonical(child, true, true), h.canonical(parent, true, true));
        assertNotEquals(h.canonical(child, true, false), h.canonical(parent, true, false), "pids as they are");
        Machine before = running(KernelUnsharePolicy.stub(), "p0 write 0", "p0 fork p1");
        assertNotEquals(h.canonical(child, true, true), h.canonical(before, true, true), "a store before the fork");
    }

    /**
     * Who may see a store is part of the class: p1 and p2 sharing what their ancestor p0 stored
     * (p0 sees it too) is not p1 and p2 sharing what p1 stored. (These once hashed alike: a stamp's
     * writer and viewers were mixed as two words whose XOR cancelled.)
     */
    @Test
    void whoMaySeeAStoreIsPartOfTheClass() {
        StateHash h = new StateHash();
        Machine ancestors = running(KernelUnsharePolicy.stub(), "p0 write 0", "p0 fork p1", "p1 fork p2", "p0 write 0");
        Machine siblings = running(KernelUnsharePolicy.stub(), "p0 fork p1", "p0 write 0", "p1 write 0", "p1 fork p2");
        assertNotEquals(h.canonical(ancestors, true, true), h.canonical(siblings, true, true));
        assertNotEquals(new StateHash(true).canonical(ancestors, true, true),
                new StateHash(true).canonical(siblings, true, true));
    }

    /**
     * Naming processes by the rank of their signatures, trying every naming only among ties, folds
     * exactly the classes that trying every naming folds: random walks of three processes (writes,
     * forks, exits, pins of either kind, device writes, releases, unmaps, page-outs) under a policy
     * that keeps isolation and one that breaks it.
     */
    @Test
    void namingProcessesBySignatureFoldsWhatEveryNamingFolds() {
        StateHash bySignature = new StateHash();
        StateHash everyNaming = new StateHash(true);
        Map<Long, Long> toEvery = new HashMap<>();
        Map<Long, Long> toSignature = new HashMap<>();
        Set<Long> pidsAsTheyAre = new HashSet<>();
        Random random = new Random(16);
        for (int walk = 0; walk < 4000; walk++) {
            Machine m = new Machine(walk % 2 == 0 ? KernelUnsharePolicy.stub() : new AlwaysReuse(), new FlagRegistry(),
                    Limits.DEFAULT);
            m.spawn("p0");
            m.mmap("p0", "buf", null, false, true, 2, 0);
            int created = 1;
            for (int step = 0; step < 7; step++) {
                String p = "p" + random.nextInt(created);
                int i = random.nextInt(2);
                String handle = "h" + random.nextInt(2);
                try {
                    switch (random.nextInt(9)) {
                        case 0, 1 -> m.write(p, "buf", i, "P" + p.substring(1));
                        case 2 -> {
                            if (created < 3) {
                                m.fork(p, "p" + created++);
                            }
                        }
                        case 3 -> m.exit(p);
                        case 4 -> m.gup(p, "buf", i, true, random.nextBoolean(), true, false, handle);
                        case 5 -> m.poke(handle, "DEV");
                        case 6 -> m.release(handle);
                        case 7 -> m.munmap(p, "buf", i);
                        default -> m.madvise(p, "buf", "pageout");
                    }
                } catch (RuntimeException e) {
                    continue; // a statement the state refuses (an exited process, a free handle name)
                }
                long s = bySignature.canonical(m, true, true);
                long e = everyNaming.canonical(m, true, true);
                assertEquals(toEvery.computeIfAbsent(s, k -> e), e, "one signature class, two classes");
                assertEquals(toSignature.computeIfAbsent(e, k -> s), s, "one class, two signature classes");
                pidsAsTheyAre.add(bySignature.canonical(m, true, false));
            }
        }
        assertTrue(toEvery.size() * 10 < pidsAsTheyAre.size() * 9,
                "process names fold a tenth of the classes at least: " + toEvery.size() + " vs " + pidsAsTheyAre.size());
    }
}
