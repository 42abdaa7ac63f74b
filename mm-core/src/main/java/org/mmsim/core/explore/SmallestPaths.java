package org.mmsim.core.explore;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What {@link SmallestKeys} is to one machine's search, for a cluster's: per finding kind, the n
 * smallest paths in lexicographic order, which is the order of the single-machine search's keys
 * (a level's keys sort by parent, then move, and the parents sort the same way one level up).
 * Members send theirs to the coordinator, which merges them.
 */
final class SmallestPaths implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int n;
    private final List<List<int[]>> paths;

    SmallestPaths(int kinds, int n) {
        this.n = n;
        this.paths = new ArrayList<>(kinds);
        for (int k = 0; k < kinds; k++) {
            paths.add(new ArrayList<>(0));
        }
    }

    /** Keeps path among the n smallest of every kind whose bit is set in {@code found}. */
    void add(int found, int[] path) {
        for (; found != 0; found &= found - 1) {
            keep(Integer.numberOfTrailingZeros(found), path);
        }
    }

    private void keep(int kind, int[] path) {
        List<int[]> a = paths.get(kind);
        int at = 0;
        while (at < a.size() && Arrays.compare(a.get(at), path) < 0) {
            at++;
        }
        if (at >= n || at < a.size() && Arrays.equals(a.get(at), path)) {
            return; // larger than the n kept, or kept already
        }
        a.add(at, path);
        if (a.size() > n) {
            a.remove(n);
        }
    }

    void addAll(SmallestPaths other) {
        for (int k = 0; k < paths.size(); k++) {
            for (int[] p : other.paths.get(k)) {
                keep(k, p);
            }
        }
    }

    /** The paths kept of kind, smallest first. */
    List<int[]> of(int kind) {
        return paths.get(kind);
    }
}
