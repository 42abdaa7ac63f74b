package org.mmsim.core.explore;

import java.util.Arrays;

/**
 * The n smallest keys (level, parent, move) of one level's findings, per finding kind. Each
 * worker fills its own, without locks; the level's are merged once it is complete, so the
 * smallest keys win however the threads interleave.
 */
final class SmallestKeys {
    private final int n;
    private final long[][] keys;
    private final int[] counts;

    SmallestKeys(int kinds, int n) {
        this.n = n;
        this.keys = new long[kinds][];
        this.counts = new int[kinds];
    }

    /** Keeps key among the n smallest of every kind whose bit is set in {@code found}. */
    void add(int found, long key) {
        for (; found != 0; found &= found - 1) {
            keep(Integer.numberOfTrailingZeros(found), key);
        }
    }

    private void keep(int kind, long key) {
        long[] a = keys[kind];
        if (a == null) {
            a = keys[kind] = new long[n]; // most kinds are never found
        }
        int c = counts[kind];
        int at = Arrays.binarySearch(a, 0, c, key);
        if (at >= 0 || (at = -at - 1) >= n) {
            return; // kept already, or larger than the n kept
        }
        System.arraycopy(a, at, a, at + 1, Math.min(c, n - 1) - at);
        a[at] = key;
        counts[kind] = Math.min(c + 1, n);
    }

    void addAll(SmallestKeys other) {
        for (int k = 0; k < keys.length; k++) {
            for (int i = 0; i < other.counts[k]; i++) {
                keep(k, other.keys[k][i]);
            }
        }
    }

    /** The keys kept for kind, smallest first. */
    long[] of(int kind) {
        return keys[kind] == null ? new long[0] : Arrays.copyOf(keys[kind], counts[kind]);
    }
}
