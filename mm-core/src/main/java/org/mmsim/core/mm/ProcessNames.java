package org.mmsim.core.mm;

import java.util.Arrays;

/**
 * The names {@link StateHash#canonical(Machine, boolean, boolean)} gives processes, so that machines
 * that differ only in pids sum alike: the rank of a signature that holds no name, and every
 * naming where signatures tie. And a stamp as those names see it: by its writer's name and the
 * names of the processes that may see it, which is all that a process's ancestry and fork time
 * decide ({@link Machine#visibleTo}, the isolation invariant).
 */
final class ProcessNames {
    /** At most this many namings of processes whose signatures tie are tried; beyond, ties go by pid. */
    private static final int MAX_NAMINGS = 6;

    /** Whether to try every naming, signatures aside: what tests check the shortcut against. */
    private final boolean everyNaming;
    /** By pid: the process's name in the naming being tried. */
    private int[] label = new int[8];
    /** By pid: what the process holds, without names (pids, frame numbers, page order when it is folded). */
    private long[] signature = new long[8];
    /** Live pids by signature (ties by pid), then the dead by pid; position k is named k. */
    private int[] order = new int[8];
    /** Where each run of tied signatures in {@link #order} ends, at its first position (0 at the others). */
    private int[] tieEnd = new int[8];
    private int processes;
    /** Whether {@link #next} steps through the ties (at most {@link #MAX_NAMINGS} namings). */
    private boolean tryAll;
    /** By stamp: 1 + the mask of pids that see it (0: not asked yet), for the machine being named. */
    private int[] seenBy = new int[16];
    /** The pids whose view of a stamp matters: live ones, and those holding a live handle. */
    private int viewers;

    ProcessNames(boolean everyNaming) {
        this.everyNaming = everyNaming;
    }

    /** Whether every naming the signatures allow is tried: ties allow at most {@link #MAX_NAMINGS}. */
    boolean complete() {
        return tryAll;
    }

    /** pid's name in the naming being tried. */
    int name(int pid) {
        return label[pid];
    }

    /**
     * Ranks m's processes and names them by the first naming: {@code pageFacts} and {@code pageEntries}
     * are each live process's pages as {@link StateHash}'s page-order look read them, and {@code dir}
     * the page order summed (1 forward, -1 reversed, 0 both).
     */
    void rank(Machine m, long[] pageFacts, long[] pageEntries, int dir) {
        int n = processes = m.byPid.size();
        if (label.length < n) {
            label = new int[n];
            signature = new long[n];
            order = new int[n];
            tieEnd = new int[n];
        }
        int stamps = m.stamps.next();
        if (seenBy.length < stamps) {
            seenBy = new int[Math.max(stamps, 2 * seenBy.length)];
        }
        Arrays.fill(seenBy, 0, stamps, 0);
        int live = signatures(m, pageFacts, pageEntries, dir);
        if (everyNaming) {
            for (int pid = 0; pid < n; pid++) {
                order[pid] = pid;
                signature[pid] = 0;
            }
            live = n;
        }
        int namings = 1;
        for (int k = 0; k < n; ) {
            // the live by signature; the dead, who hold nothing but their stores and handles, all tie
            int end = k + 1;
            while (end < live && signature[order[end]] == signature[order[k]] || k >= live && end < n) {
                end++;
            }
            for (int t = k + 1; t < end; t++) {
                tieEnd[t] = 0;
                namings *= t - k + 1;
            }
            tieEnd[k] = end;
            k = end;
        }
        tryAll = namings <= MAX_NAMINGS || everyNaming;
        nameInOrder();
    }

    private void nameInOrder() {
        for (int k = 0; k < processes; k++) {
            label[order[k]] = k;
        }
    }

    /**
     * Each live process's signature, {@link #order} and {@link #viewers}; returns how many live.
     * A signature sums, per region, its pages' facts as the page-order look read them and as seen
     * from the process (its own stores or another's, its frames' mapcounts), at their index in the
     * order summed, or unordered where both orders are.
     */
    private int signatures(Machine m, long[] pageFacts, long[] pageEntries, int dir) {
        int n = processes;
        int live = 0;
        viewers = 0;
        for (int pid = 0; pid < n; pid++) {
            viewers |= m.byPid.get(pid).alive ? 1 << pid : 0;
        }
        // one live process has one name, and every naming is tried regardless of them: no signature needed
        boolean sign = !everyNaming && Integer.bitCount(viewers) > 1;
        int at = 0;
        for (int pid = 0; pid < n; pid++) {
            Process p = m.byPid.get(pid);
            signature[pid] = 0;
            if (!p.alive) {
                continue;
            }
            if (!sign) {
                order[live++] = pid;
                continue;
            }
            long sg = 0;
            for (int rAt = p.regions.next(0); rAt < p.regions.end(); rAt = p.regions.next(rAt + 1)) {
                Region r = p.regions.at(rAt);
                long rs = 0;
                for (long i = 0; i < r.pages; i++, at++) {
                    int pte = (int) pageEntries[at];
                    int expected = (int) (pageEntries[at] >>> 32);
                    long c = pageFacts[at];
                    if (Pte.isPresent(pte)) {
                        int f = Pte.id(pte);
                        c = c << 8 | Math.min(m.frames.map(f), 15) << 3 | whose(m, m.frames.content(f), pid);
                    }
                    c = c << 3 | (expected == 0 ? 0 : 4 | whose(m, expected - 1, pid));
                    long position = dir < 0 ? r.pages - 1 - i : i;
                    rs += StateHash.spread(dir == 0 ? c : c * 131 + position);
                }
                sg += StateHash.spread(r.name.hashCode() * 0x9E3779B97F4A7C15L + rs);
            }
            signature[pid] = sg;
            // insertion by signature, then pid (pids come in order)
            int k = live++;
            while (k > 0 && signature[order[k - 1]] > sg) {
                order[k] = order[k - 1];
                k--;
            }
            order[k] = pid;
        }
        for (int hdAt = m.liveHandles.next(0); hdAt < m.liveHandles.end(); hdAt = m.liveHandles.next(hdAt + 1)) {
            viewers |= 1 << m.liveHandles.at(hdAt).pid;
        }
        for (int pid = 0, k = live; pid < n; pid++) {
            if (!m.byPid.get(pid).alive) {
                order[k++] = pid;
            }
        }
        return live;
    }

    /** A stamp as process pid sees it: its own store, another process's, or nobody's (zero fill, file, device). */
    private static int whose(Machine m, int stamp, int pid) {
        int w = m.stamps.writer(stamp);
        return (w == pid ? 1 : w < 0 ? 2 : 3) | (m.stamps.privateWrite(stamp) ? 4 : 0);
    }

    /**
     * Names the processes by the next naming: the runs of tied signatures in {@link #order} step
     * through their permutations like an odometer's wheels; false once every wheel is back at its
     * first (ascending pids), or when ties are not tried.
     */
    boolean next() {
        if (!tryAll) {
            return false;
        }
        for (int k = processes - 1; k >= 0; k--) {
            if (tieEnd[k] - k >= 2 && nextPermutation(order, k, tieEnd[k])) {
                nameInOrder();
                return true;
            }
        }
        return false;
    }

    /** a[from, to) to its next permutation in ascending order; false (and back to ascending) after the last. */
    private static boolean nextPermutation(int[] a, int from, int to) {
        int i = to - 2;
        while (i >= from && a[i] >= a[i + 1]) {
            i--;
        }
        if (i >= from) {
            int j = to - 1;
            while (a[j] <= a[i]) {
                j--;
            }
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        for (int l = i + 1, r = to - 1; l < r; l++, r--) {
            int t = a[l];
            a[l] = a[r];
            a[r] = t;
        }
        return i >= from;
    }

    /**
     * Stamp s of machine m by its writer's name and the names of the processes that may see it, not
     * by value and forks before it: in the explorer a process's stores all have its value, and who
     * sees a store decides the invariants and (through fork, which copies the parent's view) every
     * later view of it. One word with its fields apart: the sum's terms mix it.
     */
    long stamp(Machine m, int s) {
        Stamps st = m.stamps;
        int w = st.writer(s);
        boolean priv = st.privateWrite(s);
        int seen = seenBy[s];
        if (seen == 0) {
            seen = 1;
            for (int pid = 0; priv && pid < processes; pid++) {
                if ((viewers >>> pid & 1) != 0 && m.visibleTo(m.byPid.get(pid), s)) {
                    seen |= 2 << pid;
                }
            }
            seenBy[s] = seen;
        }
        long names = 0;
        for (int rest = seen >>> 1; rest != 0; rest &= rest - 1) {
            names |= 1L << label[Integer.numberOfTrailingZeros(rest)];
        }
        long who = w < 0 ? (long) st.value(s).hashCode() << 8 | w & 0xFF : 0x100L | label[w];
        return who << 16 | names << 1 | (priv ? 1 : 0);
    }
}
