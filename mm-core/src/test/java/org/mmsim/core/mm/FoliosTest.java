package org.mmsim.core.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The folio table's mechanics: lookup by head after adds and removes, per-process mapping counts, copies. */
class FoliosTest {
    @Test
    void tableAgreesWithAMapThroughRandomAddsAndRemoves() {
        Folios folios = new Folios();
        Map<Integer, Folios.Folio> model = new HashMap<>();
        Random rnd = new Random(12);
        for (int step = 0; step < 20_000; step++) {
            int head = 512 * rnd.nextInt(300); // aligned heads, as the allocator hands them out
            Folios.Folio there = model.get(head);
            if (there == null) {
                model.put(head, folios.add(head, 512, false, false));
            } else {
                folios.remove(there);
                model.remove(head);
            }
            int probe = 512 * rnd.nextInt(300);
            assertSame(model.get(probe), folios.at(probe), "step " + step + ", head " + probe);
        }
        Set<Integer> listed = new HashSet<>();
        for (Folios.Folio f : folios.all()) {
            assertTrue(listed.add(f.head));
        }
        assertEquals(model.keySet(), listed);
        assertEquals(model.isEmpty(), folios.isEmpty());
    }

    @Test
    void ofFindsTheFolioOfAFarTail() {
        Folios folios = new Folios();
        Folios.Folio huge = folios.add(1 << 18, 1 << 18, true, false);
        folios.add(0, 16, false, false);
        assertSame(huge, folios.of((1 << 18) + 70_000));
        assertNull(folios.of(100));
    }

    @Test
    void perProcessCountsAcrossManyProcesses() {
        Folios.Folio f = new Folios().add(0, 16, false, false);
        f.mapped(1, 16);
        assertFalse(f.mappedShared(), "one process");
        for (int pid = 2; pid <= 6; pid++) {
            f.mapped(pid, pid);
        }
        assertTrue(f.mappedShared());
        assertEquals(16 + 2 + 3 + 4 + 5 + 6, f.mapcount);
        // unmap every process but 4, in an order that empties the inline slots first
        for (int pid : new int[] {1, 2, 6, 3, 5}) {
            f.mapped(pid, -(pid == 1 ? 16 : pid));
        }
        assertFalse(f.mappedShared(), "only process 4 is left");
        assertEquals(4, f.mapcount);
        f.mapped(7, 1);
        assertTrue(f.mappedShared());
        f.mapped(4, -4);
        assertFalse(f.mappedShared(), "only process 7 is left");
        f.mapped(7, -1);
        assertEquals(0, f.mapcount);
        f.mapped(8, 2);
        f.mapped(8, -1);
        assertFalse(f.mappedShared());
        assertEquals(1, f.mapcount);
    }

    @Test
    void copiesAreIndependent() {
        Folios folios = new Folios();
        Folios.Folio f = folios.add(512, 512, false, false);
        for (int pid = 1; pid <= 3; pid++) {
            f.mapped(pid, 1);
        }
        Folios copy = new Folios();
        copy.assign(folios);
        Folios.Folio g = copy.at(512);
        g.mapped(2, -1);
        g.mapped(3, -1);
        assertFalse(g.mappedShared());
        assertTrue(f.mappedShared(), "the original keeps its three processes");
        f.mapped(1, -1);
        f.mapped(2, -1);
        assertTrue(g.mapcount == 1 && f.mapcount == 1);
        copy.remove(g);
        assertNull(copy.at(512));
        assertSame(f, folios.at(512));
    }
}
