package org.mmsim.core.mm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The machine's tables by name behave as a LinkedHashMap would, small or large, copied or not. */
class NamesTest {
    @ParameterizedTest
    @ValueSource(ints = {3, 8, 9, 40, 2000})
    void behavesLikeAnInsertionOrderedMap(int keys) {
        Random rnd = new Random(keys);
        Names<Integer> names = new Names<>();
        Map<String, Integer> model = new LinkedHashMap<>();
        for (int step = 0; step < keys * 20; step++) {
            String k = "n" + rnd.nextInt(keys);
            switch (rnd.nextInt(4)) {
                case 0, 1 -> {
                    names.put(k, step);
                    model.put(k, step);
                }
                case 2 -> assertEquals(model.remove(k), names.remove(k));
                default -> {
                    assertEquals(model.get(k), names.get(k));
                    assertEquals(model.containsKey(k), names.containsKey(k));
                }
            }
            if (step % 97 == 0) {
                names = names.copy(); // a copy goes on exactly where the original was
            }
            assertEquals(model.size(), names.size());
        }
        assertArrayEquals(model.keySet().toArray(), names.names());
        assertEquals(new ArrayList<>(model.values()), names.list());
        List<Integer> iterated = new ArrayList<>();
        names.forEach(iterated::add);
        assertEquals(new ArrayList<>(model.values()), iterated);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 20})
    void aCopyIsIndependent(int keys) {
        Names<String> a = new Names<>();
        for (int i = 0; i < keys; i++) {
            a.put("k" + i, "v" + i);
        }
        Names<String> b = a.copy();
        b.put("k0", "changed");
        b.remove("k1");
        b.put("new", "x");
        assertEquals("v0", a.get("k0"));
        assertEquals("v1", a.get("k1"));
        assertNull(a.get("new"));
        assertEquals(keys, a.size());
        assertEquals("changed", b.get("k0"));
        assertFalse(b.containsKey("k1"));
        assertTrue(b.containsKey("new"));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 20})
    void aValueKeepsItsPlaceWhenSetAgain(int keys) {
        Names<Integer> n = new Names<>();
        for (int i = 0; i < keys; i++) {
            n.put("k" + i, i);
        }
        n.put("k0", 99);
        assertEquals("k0", n.names()[0]);
        assertEquals(99, n.list().get(0));
        assertTrue(n.remove("k0") == 99 && n.remove("k0") == null);
        assertEquals(keys - 1, n.size());
        assertFalse(n.isEmpty());
    }
}
