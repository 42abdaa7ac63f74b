package org.mmsim.core.mm;

import java.util.ArrayList;
import java.util.List;

/**
 * The VMAs of one region as sorted, non-overlapping page ranges with their flags. A page outside
 * every range is a hole (munmap of part of a region splits its VMA, as split_vma() does).
 */
final class Vmas {
    static final int VM_WRITE = 1;
    static final int VM_DONTCOPY = 2;

    private static final class Range {
        long start;
        long end;
        int flags;

        Range(long start, long end, int flags) {
            this.start = start;
            this.end = end;
            this.flags = flags;
        }
    }

    private final List<Range> ranges = new ArrayList<>(2);

    Vmas(long pages, int flags) {
        ranges.add(new Range(0, pages, flags));
    }

    private Vmas() {}

    /** The flags of page i, or -1 in a hole. */
    int flagsAt(long i) {
        for (int k = 0, n = ranges.size(); k < n; k++) {
            Range r = ranges.get(k);
            if (i < r.start) {
                return -1;
            }
            if (i < r.end) {
                return r.flags;
            }
        }
        return -1;
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** The first page in [from, to) that is a hole, or {@code to}. */
    long firstHole(long from, long to) {
        long i = from;
        for (Range r : ranges) {
            if (r.end <= i) {
                continue;
            }
            if (r.start > i) {
                return i;
            }
            i = r.end;
            if (i >= to) {
                return to;
            }
        }
        return Math.min(i, to);
    }

    /** Splits ranges so that {@code at} is a range boundary. */
    private void split(long at) {
        for (int k = 0; k < ranges.size(); k++) {
            Range r = ranges.get(k);
            if (r.start < at && at < r.end) {
                ranges.add(k + 1, new Range(at, r.end, r.flags));
                r.end = at;
                return;
            }
        }
    }

    /** Removes [from, to) from the mapping. */
    void punch(long from, long to) {
        split(from);
        split(to);
        ranges.removeIf(r -> r.start >= from && r.end <= to);
    }

    /** Sets and clears flag bits on the mapped pages of [from, to). */
    void update(long from, long to, int clear, int set) {
        split(from);
        split(to);
        for (Range r : ranges) {
            if (r.start >= from && r.end <= to) {
                r.flags = (r.flags & ~clear) | set;
            }
        }
        merge();
    }

    private void merge() {
        for (int k = ranges.size() - 1; k > 0; k--) {
            Range a = ranges.get(k - 1);
            Range b = ranges.get(k);
            if (a.end == b.start && a.flags == b.flags) {
                a.end = b.end;
                ranges.remove(k);
            }
        }
    }

    /** What a child gets at fork: every range but the VM_DONTCOPY ones. */
    Vmas forkCopy() {
        Vmas v = new Vmas();
        for (Range r : ranges) {
            if ((r.flags & VM_DONTCOPY) == 0) {
                v.ranges.add(new Range(r.start, r.end, r.flags));
            }
        }
        return v;
    }

    Vmas copy() {
        Vmas v = new Vmas();
        for (Range r : ranges) {
            v.ranges.add(new Range(r.start, r.end, r.flags));
        }
        return v;
    }

    int contentHash() {
        int h = 7;
        for (Range r : ranges) {
            h = 31 * (31 * (31 * h + Long.hashCode(r.start)) + Long.hashCode(r.end)) + r.flags;
        }
        return h;
    }
}
