package org.mmsim.core.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cuts a column of labels to a width so that different labels stay different. Each is cut at its
 * end first; labels whose cuts collide (the conformance suite's "(base page)" and "(swapped-out
 * base page)" variants share their first 60 characters) lose part of what they share instead and
 * keep everything after it, so that a reader sees their difference; when that does not fit, they
 * are numbered {@code #1}, {@code #2}, ... in order.
 */
final class DistinctCut {
    private DistinctCut() {
    }

    static List<String> cut(List<String> labels, int width) {
        List<String> out = new ArrayList<>(labels.size());
        cutInto(labels, width, out);
        return out;
    }

    /**
     * The narrowest width from {@code from} to {@code to} at which the cut labels stay apart without
     * numbers, or {@code from} when none does.
     */
    static int narrowest(List<String> labels, int from, int to) {
        List<String> scratch = new ArrayList<>(labels.size());
        for (int w = from; w <= to; w++) {
            scratch.clear();
            if (cutInto(labels, w, scratch)) {
                return w;
            }
        }
        return from;
    }

    /** Cuts every label into {@code out}; false when some had to be numbered. */
    private static boolean cutInto(List<String> labels, int width, List<String> out) {
        Map<String, List<Integer>> byCut = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            String c = Cells.fit(labels.get(i), width);
            out.add(c);
            byCut.computeIfAbsent(c, k -> new ArrayList<>()).add(i);
        }
        boolean apart = true;
        for (List<Integer> group : byCut.values()) {
            if (group.size() > 1) {
                apart &= separate(labels, group, width, out);
            }
        }
        return apart;
    }

    /**
     * Recuts one group of colliding labels in {@code out}: what they share from the start is what
     * gets cut, so every difference stays in sight. False when that cannot fit (then they are
     * numbered) or does not make them unlike every other cut.
     */
    private static boolean separate(List<String> labels, List<Integer> group, int width, List<String> out) {
        Set<String> others = new HashSet<>(out);
        others.remove(out.get(group.get(0)));
        int shared = sharedStart(labels, group);
        List<String> tried = new ArrayList<>(group.size());
        Set<String> seen = new HashSet<>();
        for (int i : group) {
            String c = keepingEnd(labels.get(i), shared, width);
            if (c == null || others.contains(c) || !seen.add(c)) {
                break;
            }
            tried.add(c);
        }
        boolean apart = tried.size() == group.size();
        for (int k = 0; k < group.size(); k++) {
            String number = " #" + (k + 1);
            String label = labels.get(group.get(k));
            out.set(group.get(k), apart ? tried.get(k) : Cells.fit(label, Math.max(1, width - number.length())) + number);
        }
        return apart;
    }

    /**
     * {@code label} in {@code width} columns: as much of its start as fits, an ellipsis, and all of it
     * from {@code from} on, from the start of that word if it fits; null when the start would keep
     * less than a third of the width (a label is read from its start).
     */
    static String keepingEnd(String label, int from, int width) {
        int most = width - 1 - Math.max(1, width / 3);
        String end = label.substring(label.lastIndexOf(' ', from - 1) + 1);
        if (Cells.width(end) > most) {
            end = label.substring(from);
        }
        return Cells.width(end) > most ? null : Cells.head(label, width - 1 - Cells.width(end)) + "…" + end;
    }

    /** How many chars every label of the group starts with, ending before a whole character. */
    private static int sharedStart(List<String> labels, List<Integer> group) {
        String first = labels.get(group.get(0));
        int n = first.length();
        for (int i : group) {
            String l = labels.get(i);
            n = Math.min(n, l.length());
            for (int k = 0; k < n; k++) {
                if (l.charAt(k) != first.charAt(k)) {
                    n = k;
                }
            }
        }
        // not inside a surrogate pair, and not between a character and its marks
        while (n > 0 && n < first.length() && (Character.isLowSurrogate(first.charAt(n))
                || Wcwidth.of(first.codePointAt(n)) == 0)) {
            n--;
        }
        return n;
    }
}
