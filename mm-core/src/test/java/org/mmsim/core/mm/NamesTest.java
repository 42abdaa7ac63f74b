package org.mmsim.core.mm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The machine's tables by name behave as a LinkedHashMap would, small or large. */
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
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 20})
    void aRenamedValueKeepsItsPlaceAndAnswersToItsNewNameOnly(int keys) {
        Names<Integer> n = new Names<>();
        for (int i = 0; i < keys; i++) {
            n.put("k" + i, i);
        }
        n.rename("k1", "k1'");
        n.put("k1", 99);
        assertEquals("k1'", n.names()[1]);
        assertEquals("k1", n.names()[keys]);
        assertEquals(1, n.get("k1'"));
        assertEquals(99, n.get("k1"));
        assertEquals(1, n.remove("k1'"));
        assertEquals(99, n.get("k1"));
        assertEquals(keys, n.size());
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 9, 40})
    void aMappedCopyAndItsOriginalChangeTheirNamesIndependently(int keys) {
        Names<Integer> original = new Names<>();
        for (int k = 0; k < keys; k++) {
            original.put("n" + k, k);
        }
        original.remove("n1");
        Names<Integer> copy = new Names<>();
        copy.assign(original, (v, before) -> v * 10);
        assertEquals(List.of(0, 20), copy.list().subList(0, 2), "same places, mapped values, holes kept");
        copy.rename("n0", "m0");
        copy.remove("n2");
        copy.put("new", -1);
        original.rename("n" + (keys - 1), "last");
        assertEquals(keys - 1, original.size());
        assertEquals(0, original.get("n0"));
        assertEquals(2, original.get("n2"));
        assertEquals(null, original.get("new"));
        assertEquals(null, copy.get("last"));
        assertEquals(0, copy.get("m0"));
        assertEquals(null, copy.get("n0"));
        assertEquals((keys - 1) * 10, copy.get("n" + (keys - 1)));
    }

    @Test
    void assigningAgainHandsEachSlotsOldValueToTheCopierAndDropsTheRest() {
        Names<String> wide = new Names<>();
        for (int k = 0; k < 4; k++) {
            wide.put("n" + k, "w" + k);
        }
        Names<String> copy = new Names<>();
        copy.assign(wide, (v, before) -> v);
        Names<String> narrow = new Names<>();
        narrow.put("n0", "x0");
        narrow.put("n1", "x1");
        narrow.put("n2", "x2");
        narrow.put("n3", "x3");
        narrow.remove("n3");
        List<String> seen = new java.util.ArrayList<>();
        copy.assign(narrow, (v, before) -> {
            seen.add(before);
            return v + "<" + before;
        });
        assertEquals(List.of("w0", "w1", "w2"), seen, "the value each slot held, for the live slots only");
        assertEquals(List.of("x0<w0", "x1<w1", "x2<w2"), copy.list());
        assertEquals(null, copy.get("n3"), "the old fourth value is gone with its name");
        copy.put("n3", "again");
        assertEquals("x2", narrow.get("n2"));
        assertEquals(null, narrow.get("n3"), "the copy's new name is its own");
        Names<String> empty = new Names<>();
        copy.assign(empty, (v, before) -> v);
        assertEquals(0, copy.size());
        assertEquals(null, copy.get("n0"));
    }
}
