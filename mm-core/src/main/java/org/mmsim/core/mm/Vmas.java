package org.mmsim.core.mm;

import java.util.Arrays;

/**
 * The VMAs of one region as sorted, non-overlapping page ranges with their flags. A page outside
 * every range is a hole (munmap of part of a region splits its VMA, as split_vma() does). Range k
 * is {@code r[3k]} (start), {@code r[3k + 1]} (end) and {@code r[3k + 2]} (flags), so a copy is
 * one array clone. Machine copies share one ({@link #share}) until one of them changes it: that one
 * changes a {@link #copy} of its own.
 */
final class Vmas {
    static final int VM_WRITE = 1;
    static final int VM_DONTCOPY = 2;
    /** MADV_HUGEPAGE */
    static final int VM_HUGEPAGE = 4;
    /** MADV_NOHUGEPAGE */
    static final int VM_NOHUGEPAGE = 8;

    private long[] r;
    private int n;
    /** Shared by machine copies: read-only, a change is a bug (the owner must copy it first). */
    private boolean shared;

    Vmas(long pages, int flags) {
        r = new long[] {0, pages, flags};
        n = 1;
    }

    private Vmas(long[] r, int n) {
        this.r = r;
        this.n = n;
    }

    private long start(int k) {
        return r[3 * k];
    }

    private long end(int k) {
        return r[3 * k + 1];
    }

    private int flags(int k) {
        return (int) r[3 * k + 2];
    }

    /** The flags of page i, or -1 in a hole. */
    int flagsAt(long i) {
        for (int k = 0; k < n; k++) {
            if (i < start(k)) {
                return -1;
            }
            if (i < end(k)) {
                return flags(k);
            }
        }
        return -1;
    }

    boolean isEmpty() {
        return n == 0;
    }

    /** The ranges within [from, to), moved to start at 0: what mremap() takes along. */
    Vmas slice(long from, long to) {
        Vmas v = new Vmas(new long[3 * Math.max(1, n)], 0);
        for (int k = 0; k < n; k++) {
            long s = Math.max(start(k), from);
            long e = Math.min(end(k), to);
            if (s < e) {
                v.insert(v.n, s - from, e - from, flags(k));
            }
        }
        return v;
    }

    /** The end of the VMA (range) that holds page i, or -1 in a hole. */
    long vmaEnd(long i) {
        for (int k = 0; k < n; k++) {
            if (start(k) <= i && i < end(k)) {
                return end(k);
            }
        }
        return -1;
    }

    /** The start of the VMA (range) that holds page i, or -1 in a hole. */
    long vmaStart(long i) {
        for (int k = 0; k < n; k++) {
            if (start(k) <= i && i < end(k)) {
                return start(k);
            }
        }
        return -1;
    }

    /** Whether [from, to) lies inside one VMA (one range: neighbours with equal flags are merged). */
    boolean within(long from, long to) {
        for (int k = 0; k < n; k++) {
            if (start(k) <= from && to <= end(k)) {
                return true;
            }
        }
        return false;
    }

    /** The first page in [from, to) that is a hole, or {@code to}. */
    long firstHole(long from, long to) {
        long i = from;
        for (int k = 0; k < n; k++) {
            if (end(k) <= i) {
                continue;
            }
            if (start(k) > i) {
                return i;
            }
            i = end(k);
            if (i >= to) {
                return to;
            }
        }
        return Math.min(i, to);
    }

    /** Splits ranges so that {@code at} is a range boundary. */
    private void split(long at) {
        for (int k = 0; k < n; k++) {
            if (start(k) < at && at < end(k)) {
                insert(k + 1, at, end(k), flags(k));
                r[3 * k + 1] = at;
                return;
            }
        }
    }

    private void insert(int k, long start, long end, int flags) {
        if (3 * (n + 1) > r.length) {
            r = Arrays.copyOf(r, 3 * (n + 2));
        }
        System.arraycopy(r, 3 * k, r, 3 * (k + 1), 3 * (n - k));
        r[3 * k] = start;
        r[3 * k + 1] = end;
        r[3 * k + 2] = flags;
        n++;
    }

    private void remove(int k) {
        System.arraycopy(r, 3 * (k + 1), r, 3 * k, 3 * (n - k - 1));
        n--;
    }

    private void checkOwned() {
        if (shared) {
            throw new IllegalStateException("change of shared VMAs: the owner must copy them first");
        }
    }

    /** Removes [from, to) from the mapping. */
    void punch(long from, long to) {
        checkOwned();
        split(from);
        split(to);
        for (int k = n - 1; k >= 0; k--) {
            if (start(k) >= from && end(k) <= to) {
                remove(k);
            }
        }
    }

    /** Whether {@link #update} of [from, to) with these bits would change any flags. */
    boolean wouldChange(long from, long to, int clear, int set) {
        for (int k = 0; k < n; k++) {
            if (end(k) > from && start(k) < to && ((flags(k) & ~clear) | set) != flags(k)) {
                return true;
            }
        }
        return false;
    }

    /** Sets and clears flag bits on the mapped pages of [from, to). */
    void update(long from, long to, int clear, int set) {
        checkOwned();
        split(from);
        split(to);
        for (int k = 0; k < n; k++) {
            if (start(k) >= from && end(k) <= to) {
                r[3 * k + 2] = (flags(k) & ~clear) | set;
            }
        }
        merge();
    }

    private void merge() {
        for (int k = n - 1; k > 0; k--) {
            if (end(k - 1) == start(k) && flags(k - 1) == flags(k)) {
                r[3 * (k - 1) + 1] = end(k);
                remove(k);
            }
        }
    }

    /** The ranges as the state dump shows them. */
    java.util.List<MachineState.VmaState> ranges() {
        java.util.List<MachineState.VmaState> out = new java.util.ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            out.add(new MachineState.VmaState(start(k), end(k), (flags(k) & VM_WRITE) != 0,
                    (flags(k) & VM_DONTCOPY) != 0));
        }
        return out;
    }

    /** What a child gets at fork: every range but the VM_DONTCOPY ones. */
    Vmas forkCopy() {
        Vmas v = new Vmas(new long[3 * n], 0);
        for (int k = 0; k < n; k++) {
            if ((flags(k) & VM_DONTCOPY) == 0) {
                v.insert(v.n, start(k), end(k), flags(k));
            }
        }
        return v;
    }

    /** A copy of its own, to change. */
    Vmas copy() {
        return new Vmas(Arrays.copyOf(r, 3 * n), n);
    }

    /** These VMAs, read-only from now on, for another owner too. */
    Vmas share() {
        shared = true;
        return this;
    }

    /** This, or a copy of its own if it is shared: what its owner writes to. */
    Vmas writable() {
        return shared ? copy() : this;
    }

    int contentHash() {
        int h = 7;
        for (int k = 0; k < n; k++) {
            h = 31 * (31 * (31 * h + Long.hashCode(start(k))) + Long.hashCode(end(k))) + flags(k);
        }
        return h;
    }
}
