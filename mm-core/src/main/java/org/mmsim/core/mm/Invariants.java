package org.mmsim.core.mm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The seven invariants of the scenario language, checked against the machine's state after every
 * statement. Each check recomputes what it needs from the page tables, handles and caches, so a
 * bookkeeping slip anywhere in the machine shows up here.
 */
public final class Invariants {
    private Machine m;

    public Invariants(Machine m) {
        this.m = m;
    }

    /** Points these checks (and their scratch space) at another machine. */
    public Invariants on(Machine machine) {
        this.m = machine;
        return this;
    }

    /** Every invariant but {@code leak}; at most one violation per invariant per call, the first found. */
    public List<Violation> check() {
        List<Violation> out = new ArrayList<>(0);
        accountingAndExclusive(out);
        pinCoherence(out);
        isolation(out);
        lostWrite(out);
        if (!m.badUnpins.isEmpty()) {
            out.add(new Violation(Violation.UNPIN_NONEXCLUSIVE, m.badUnpins.get(0)));
            m.badUnpins.clear();
        }
        return out;
    }

    /** {@code leak}: after teardown, only page-cache pages of files and the zeropage may remain. */
    public List<Violation> checkLeak() {
        List<Violation> out = new ArrayList<>(0);
        java.util.Set<Integer> fileFrames = new java.util.HashSet<>();
        for (PageCache c : m.files) {
            for (long i = c.frames.nextNonZero(0); i >= 0; i = c.frames.nextNonZero(i + 1)) {
                fileFrames.add(c.frame(i));
            }
        }
        int leaked = 0;
        String first = null;
        for (int f = 0; f < m.frames.highWater(); f++) {
            if (!m.frames.isAllocated(f) || f == m.zeroPage || fileFrames.contains(f)) {
                continue;
            }
            leaked++;
            if (first == null) {
                first = describe(f);
            }
        }
        if (leaked > 0) {
            out.add(new Violation(Violation.LEAK, leaked + " frame(s) still allocated after every process exited"
                    + " and every handle was released, first " + first));
        } else if (m.swap.inUse() > 0) {
            out.add(new Violation(Violation.LEAK, m.swap.inUse() + " swap slot(s) still in use after every process"
                    + " exited and every handle was released"));
        }
        return out;
    }

    private int[] maps = new int[0];
    private int[] refs = new int[0];
    private int[] pins = new int[0];
    private int[] slotRefs = new int[0];
    private final List<PageCache> caches = new ArrayList<>();

    private void accountingAndExclusive(List<Violation> out) {
        int n = m.frames.highWater();
        if (maps.length < n) {
            maps = new int[n];
            refs = new int[n];
            pins = new int[n];
        } else {
            java.util.Arrays.fill(maps, 0, n, 0);
            java.util.Arrays.fill(refs, 0, n, 0);
            java.util.Arrays.fill(pins, 0, n, 0);
        }
        int ns = m.swap.highWater();
        if (slotRefs.length < ns) {
            slotRefs = new int[ns];
        } else {
            java.util.Arrays.fill(slotRefs, 0, ns, 0);
        }
        refs[m.zeroPage]++;
        caches.clear();
        caches.addAll(m.files.list());
        for (Process p : m.byPid) {
            if (!p.alive) {
                continue;
            }
            for (Region r : p.regions) {
                if (r.cache != null && !containsIdentity(caches, r.cache)) {
                    caches.add(r.cache);
                }
                for (long i = r.ptes.nextNonZero(0); i >= 0; i = r.ptes.nextNonZero(i + 1)) {
                    int pte = r.pte(i);
                    if (Pte.isPresent(pte)) {
                        maps[Pte.id(pte)]++;
                        refs[Pte.id(pte)]++;
                    } else {
                        slotRefs[Pte.id(pte)]++;
                    }
                }
            }
        }
        for (Handle h : m.liveHandles) {
            refs[h.frame] += h.refs();
            if (h.pin) {
                pins[h.frame]++;
            }
        }
        for (PageCache c : caches) {
            for (long i = c.frames.nextNonZero(0); i >= 0; i = c.frames.nextNonZero(i + 1)) {
                refs[c.frame(i)]++;
            }
        }
        for (int s = 0; s < ns; s++) {
            if (m.swap.used[s] && m.swap.cacheFrame[s] >= 0) {
                refs[m.swap.cacheFrame[s]]++;
            }
        }
        boolean accountingReported = false;
        boolean exclusiveReported = false;
        for (int f = 0; f < n; f++) {
            boolean allocated = m.frames.isAllocated(f);
            if (!accountingReported && (allocated ? m.frames.ref(f) != refs[f] || m.frames.map(f) != maps[f]
                    : refs[f] != 0)) {
                out.add(new Violation(Violation.ACCOUNTING, allocated
                        ? "frame #" + f + " has refcount " + m.frames.ref(f) + " and mapcount " + m.frames.map(f)
                                + ", but its owners account for refcount " + refs[f] + " (" + maps[f] + " mappings, "
                                + pins[f] + " pins) and mapcount " + maps[f]
                        : "freed frame #" + f + " is still referenced " + refs[f] + " time(s)"));
                accountingReported = true;
            }
            if (!exclusiveReported && allocated && m.frames.anon(f)
                    && m.frames.test(f, Frames.PG_ANON_EXCLUSIVE) && maps[f] > 1) {
                out.add(new Violation(Violation.ANON_EXCLUSIVE, "anonymous page #" + f + " holding '"
                        + m.stamps.value(m.frames.content(f)) + "' is marked exclusive but mapped " + maps[f] + " times"));
                exclusiveReported = true;
            }
        }
        if (!accountingReported) {
            for (int s = 0; s < ns; s++) {
                if (m.swap.used[s] ? m.swap.count[s] != slotRefs[s] : slotRefs[s] != 0) {
                    out.add(new Violation(Violation.ACCOUNTING, "swap slot " + s + " has swap count " + m.swap.count[s]
                            + " but " + slotRefs[s] + " swap entries refer to it"));
                    break;
                }
            }
        }
    }

    private static boolean containsIdentity(List<PageCache> list, PageCache c) {
        for (PageCache x : list) {
            if (x == c) {
                return true;
            }
        }
        return false;
    }

    /** Every live FOLL_PIN on an anonymous page, and every long-term pin, is the page mapped at its address. */
    private void pinCoherence(List<Violation> out) {
        for (Handle h : m.liveHandles) {
            if (!h.pin || h.detached || !(h.longterm || m.frames.anon(h.frame))) {
                continue;
            }
            int pte = h.region.pte(h.index);
            int mapped = Pte.isPresent(pte) ? Pte.id(pte) : Pte.isSwap(pte) ? m.swap.cacheFrame[Pte.id(pte)] : -1;
            if (mapped != h.frame) {
                Process p = m.byPid.get(h.pid);
                out.add(new Violation(Violation.PIN_COHERENCE, "pin " + h.name + " holds " + describe(h.frame)
                        + " but " + p.name + " " + h.region.describe(h.index) + " now maps "
                        + (mapped >= 0 ? describe(mapped) : Pte.isSwap(pte) ? "a swapped-out copy" : "nothing")));
                return;
            }
        }
    }

    /** No process sees, through a private mapping or its handle, a private write made by another after their fork. */
    private void isolation(List<Violation> out) {
        for (Process o : m.byPid) {
            if (o.alive) {
                for (Region r : o.regions) {
                    if (r.shared) {
                        continue;
                    }
                    for (long i = r.ptes.nextNonZero(0); i >= 0; i = r.ptes.nextNonZero(i + 1)) {
                        int stamp = m.stampAt(r.pte(i));
                        if (!visibleTo(o, stamp)) {
                            out.add(isolationViolation(o, o.name + " " + r.describe(i), stamp));
                            return;
                        }
                    }
                }
            }
        }
        for (Handle h : m.liveHandles) {
            Process o = m.byPid.get(h.pid);
            int stamp = m.frames.content(h.frame);
            if (!visibleTo(o, stamp)) {
                out.add(isolationViolation(o, "handle " + h.name, stamp));
                return;
            }
        }
    }

    private Violation isolationViolation(Process o, String where, int stamp) {
        Process w = m.byPid.get(m.stamps.writer(stamp));
        return new Violation(Violation.ISOLATION, o.name + " can see '" + m.stamps.value(stamp) + "' through " + where
                + ", which " + w.name + " wrote at line " + m.stamps.line(stamp) + " after the fork that separated them");
    }

    /**
     * A private write by W is visible to O when W is O, or W is O's ancestor and wrote before it
     * forked the child on the way to O.
     */
    private boolean visibleTo(Process o, int stamp) {
        if (stamp < 0 || !m.stamps.privateWrite(stamp)) {
            return true;
        }
        int w = m.stamps.writer(stamp);
        if (w == o.pid) {
            return true;
        }
        Process c = o;
        while (c.parent >= 0) {
            if (c.parent == w) {
                return stamp < c.forkTime;
            }
            c = m.byPid.get(c.parent);
        }
        return false;
    }

    /**
     * A process reads back what it last stored in its private page (or what a device wrote through
     * its pin). Values are compared, as the language compares them: equal values are not lost.
     */
    private void lostWrite(List<Violation> out) {
        for (Process p : m.byPid) {
            if (!p.alive) {
                continue;
            }
            for (Region r : p.regions) {
                for (long i = r.expected.nextNonZero(0); i >= 0; i = r.expected.nextNonZero(i + 1)) {
                    int want = r.expected.get(i) - 1;
                    int have = m.stampAt(r.pte(i));
                    if (have < 0 || !m.stamps.value(have).equals(m.stamps.value(want))) {
                        out.add(new Violation(Violation.LOST_WRITE, p.name + " " + r.describe(i) + " shows "
                                + (have < 0 ? "nothing" : "'" + m.stamps.value(have) + "'") + " but the last write there"
                                + " stored '" + m.stamps.value(want) + "' at line " + m.stamps.line(want)));
                        return;
                    }
                }
            }
        }
    }

    private String describe(int f) {
        return "#" + f + " (" + m.frames.kind(f).name().toLowerCase().replace('_', ' ') + ", '"
                + m.stamps.value(m.frames.content(f)) + "', refcount " + m.frames.ref(f) + ")";
    }
}
