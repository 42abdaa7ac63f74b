package org.mmsim.core.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link RegionPages} against a plain array of page states, old versions included (it is persistent). */
class RegionPagesTest {
    /** The model: each page's two flags, copied on every change. */
    private record Model(boolean[] unmapped, boolean[] dontfork) {
        static Model mapped(int pages) {
            return new Model(new boolean[pages], new boolean[pages]);
        }

        Model with(Op.Range r, boolean[] which, boolean on) {
            Model m = new Model(unmapped.clone(), dontfork.clone());
            boolean[] target = which == unmapped ? m.unmapped : m.dontfork;
            Arrays.fill(target, from(r), to(r), on);
            return m;
        }

        Model inherited() {
            boolean[] u = new boolean[unmapped.length];
            for (int i = 0; i < u.length; i++) {
                u[i] = unmapped[i] || dontfork[i];
            }
            return new Model(u, new boolean[u.length]);
        }

        Model moved(Op.Range r) {
            return new Model(new boolean[to(r) - from(r)], Arrays.copyOfRange(dontfork, from(r), to(r)));
        }

        int from(Op.Range r) {
            return r == null ? 0 : (int) r.from();
        }

        int to(Op.Range r) {
            return r == null ? unmapped.length : (int) r.to() + 1;
        }

        static boolean all(boolean[] b) {
            for (boolean x : b) {
                if (!x) {
                    return false;
                }
            }
            return true;
        }
    }

    private static void check(RegionPages r, Model m, String where) {
        assertEquals(m.unmapped().length, r.size(), where);
        assertEquals(Model.all(m.unmapped()), r.allUnmapped(), where);
        assertEquals(Model.all(m.dontfork()), r.allDontfork(), where);
        assertEquals(Model.all(m.inherited().unmapped()), r.inherited().allUnmapped(), where);
        assertEquals(Model.all(m.inherited().dontfork()), r.inherited().allDontfork(), where);
    }

    @Test
    void randomChangesAgreeWithTheModel() {
        Random rnd = new Random(20261130);
        for (int run = 0; run < 300; run++) {
            int pages = 1 + rnd.nextInt(run % 3 == 0 ? 70 : 9);
            List<RegionPages> versions = new ArrayList<>(List.of(RegionPages.mapped(pages)));
            List<Model> models = new ArrayList<>(List.of(Model.mapped(pages)));
            StringBuilder log = new StringBuilder("mapped(" + pages + ")");
            for (int step = 0; step < 40; step++) {
                int v = rnd.nextInt(versions.size());
                RegionPages r = versions.get(v);
                Model m = models.get(v);
                int size = (int) r.size();
                Op.Range range = null;
                if (rnd.nextInt(4) != 0) {
                    int i = rnd.nextInt(size);
                    range = new Op.Range(i, i + rnd.nextInt(size - i));
                }
                switch (rnd.nextInt(5)) {
                    case 0 -> {
                        r = r.unmap(range);
                        m = m.with(range, m.unmapped(), true);
                    }
                    case 1, 2 -> {
                        boolean on = rnd.nextInt(3) != 0;
                        r = r.dontfork(range, on);
                        m = m.with(range, m.dontfork(), on);
                    }
                    case 3 -> {
                        r = r.inherited();
                        m = m.inherited();
                    }
                    default -> {
                        r = r.moved(range);
                        m = m.moved(range);
                    }
                }
                log.append(" v").append(v).append(" op ").append(range);
                versions.add(r);
                models.add(m);
                check(r, m, log.toString());
            }
            for (int v = 0; v < versions.size(); v++) {
                check(versions.get(v), models.get(v), "version " + v + " after all: " + log);
            }
        }
    }

    @Test
    void aHugeRegionStaysCheap() {
        long pages = 1L << 40;
        RegionPages r = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            RegionPages x = RegionPages.mapped(pages);
            for (long i = 0; i < 20_000; i++) {
                x = x.unmap(new Op.Range(i * 3, i * 3 + 1)).dontfork(new Op.Range(pages - 1 - i, pages - 1), true);
            }
            return x;
        });
        assertFalse(r.allUnmapped());
        assertFalse(r.allDontfork());
        r = r.unmap(null);
        assertTrue(r.allUnmapped());
        RegionPages moved = RegionPages.mapped(pages).dontfork(new Op.Range(5, pages - 1), true)
                .moved(new Op.Range(5, pages - 1));
        assertEquals(pages - 5, moved.size());
        assertTrue(moved.allDontfork());
        assertFalse(moved.allUnmapped());
        assertTrue(moved.inherited().allUnmapped());
    }
}
