package org.mmsim.core.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Page tables and page caches: the same behaviour for a short array (one chunk) and a long sparse one. */
class SparseIntArrayTest {
    @ParameterizedTest
    @ValueSource(longs = {4, 511, 512, 513, 1L << 20, 1L << 35})
    void setGetAndScanAgree(long length) {
        SparseIntArray a = new SparseIntArray(length);
        assertEquals(-1, a.nextNonZero(0), "a fresh array is all zero");
        long last = length - 1;
        long mid = length / 2;
        a.set(last, 7);
        a.set(mid, 5);
        a.set(0, 0); // a zero write stores nothing
        assertEquals(7, a.get(last));
        assertEquals(5, a.get(mid));
        assertEquals(0, a.get(mid - 1));
        assertEquals(0, a.get(0));
        assertEquals(mid, a.nextNonZero(0));
        assertEquals(last, a.nextNonZero(mid + 1));
        assertEquals(-1, a.nextNonZero(last + 1));
        a.set(mid, 0);
        assertEquals(last, a.nextNonZero(0), "a cleared entry is absent again");
        assertEquals(length, a.length());
    }

    @ParameterizedTest
    @ValueSource(longs = {2, 512, 1L << 20})
    void aCopyGoesOnIndependently(long length) {
        SparseIntArray a = new SparseIntArray(length);
        a.set(1, 3);
        SparseIntArray b = a.copy();
        b.set(1, 4);
        b.set(0, 9);
        assertEquals(3, a.get(1));
        assertEquals(0, a.get(0));
        assertEquals(4, b.get(1));
        assertEquals(9, b.get(0));
        SparseIntArray empty = new SparseIntArray(length).copy();
        empty.set(length - 1, 1);
        assertEquals(length - 1, empty.nextNonZero(0));
    }
}
