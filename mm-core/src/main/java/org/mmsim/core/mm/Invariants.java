package org.mmsim.core.mm;

import java.util.ArrayList;
import java.util.List;

/**
 * The invariants of the scenario language (seven, and large-folios.md's mapcount-refcount), checked against the machine's state after every
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

    /** The violations found by the current check; null when only the kinds are wanted. */
    private List<Violation> out;
    /** Bit i set: invariant i of {@link Violation#INVARIANTS} is broken somewhere. */
    private int kinds;

    /** Every invariant but {@code leak}: one violation per broken object. */
    public List<Violation> check() {
        out = new ArrayList<>(0);
        runChecks();
        return out;
    }

    /**
     * The invariants broken now ({@code leak} aside), as bits of {@link Violation#INVARIANTS}: what
     * {@link #check()} finds, without building a single message (the explorer's question).
     */
    public int checkKinds() {
        out = null;
        runChecks();
        return kinds;
    }

    private void runChecks() {
        kinds = 0;
        accountingAndExclusive();
        pinCoherence();
        isolation();
        lostWrite();
        if (!m.badUnpins.isEmpty()) {
            for (Violation v : m.badUnpins) {
                if (!broken(UNPIN_NONEXCLUSIVE)) {
                    out.add(v);
                }
            }
            m.badUnpins.clear();
        }
    }

    private static final int ACCOUNTING = 0, ANON_EXCLUSIVE = 1, PIN_COHERENCE = 2, ISOLATION = 3, LOST_WRITE = 4,
            UNPIN_NONEXCLUSIVE = 5, LEAK = 6, MAPCOUNT_REFCOUNT = 7;

    /**
     * Marks invariant {@code kind} broken. True when only kinds are wanted: the caller then builds no
     * message and may stop looking for more of that invariant.
     */
    private boolean broken(int kind) {
        kinds |= 1 << kind;
        return out == null;
    }

    /** Whether invariant {@code kind} still needs looking at (always, when messages are wanted). */
    private boolean looking(int kind) {
        return out != null || (kinds & 1 << kind) == 0;
    }

    private void add(int kind, String object, String message) {
        add(kind, object, null, message);
    }

    private void add(int kind, String object, String entitled, String message) {
        out.add(new Violation(Violation.INVARIANTS.get(kind), object, entitled, message));
    }

    /** {@code leak}: after teardown, only page-cache pages of files and the zeropage may remain. */
    public List<Violation> checkLeak() {
        out = new ArrayList<>(0);
        leak();
        return out;
    }

    /** {@link #checkLeak()} as a bit of {@link Violation#INVARIANTS}. */
    public int checkLeakKinds() {
        out = null;
        kinds = 0;
        leak();
        return kinds;
    }

    /** Per frame, for {@link #leak}: whether a file's page cache holds it. */
    private boolean[] fileFrame = new boolean[0];

    private void leak() {
        int n = m.frames.highWater();
        if (fileFrame.length < n) {
            fileFrame = new boolean[n];
        } else {
            java.util.Arrays.fill(fileFrame, 0, n, false);
        }
        for (int cAt = m.files.next(0); cAt < m.files.end(); cAt = m.files.next(cAt + 1)) {
            PageCache c = m.files.at(cAt);
            for (long i = c.frames.nextNonZero(0); i >= 0; i = c.frames.nextNonZero(i + 1)) {
                fileFrame[c.frame(i)] = true;
            }
        }
        int leaked = 0;
        String first = null;
        for (int f = 0; f < n; f++) {
            if (!m.frames.isAllocated(f) || f == m.zeroPage || m.hugeZero >= 0 && f >= m.hugeZero && f < m.hugeZero + Thp.PMD_PAGES || fileFrame[f]) {
                continue;
            }
            leaked++;
            if (first == null) {
                first = describe(f);
            }
        }
        if (leaked > 0) {
            if (!broken(LEAK)) {
                add(LEAK, "frames", leaked + " frame(s) still allocated after every process exited"
                        + " and every handle was released, first " + first);
            }
        } else if (m.swap.inUse() > 0 && !broken(LEAK)) {
            add(LEAK, "swap", m.swap.inUse() + " swap slot(s) still in use after every process"
                    + " exited and every handle was released");
        }
    }

    private int[] maps = new int[0];
    private int[] refs = new int[0];
    private int[] pins = new int[0];
    /** Per page: the mappings that reach it, PTEs and PMDs alike (for anon-exclusive). */
    private int[] reach = new int[0];
    /** Per large folio's head: its entire mappings. */
    private int[] entire = new int[0];
    /** Per frame: its large folio, or null (filled once per check: no lookup per frame). */
    private Folios.Folio[] folioAt = new Folios.Folio[0];
    private int[] slotRefs = new int[0];
    private final ArrayList<PageCache> caches = new ArrayList<>(); // a class: C1 inlines its calls

    private void accountingAndExclusive() {
        int n = m.frames.highWater();
        if (maps.length < n) {
            maps = new int[n];
            refs = new int[n];
            pins = new int[n];
            reach = new int[n];
            entire = new int[n];
            folioAt = new Folios.Folio[n];
        } else {
            java.util.Arrays.fill(maps, 0, n, 0);
            java.util.Arrays.fill(refs, 0, n, 0);
            java.util.Arrays.fill(pins, 0, n, 0);
            java.util.Arrays.fill(reach, 0, n, 0);
            java.util.Arrays.fill(entire, 0, n, 0);
            java.util.Arrays.fill(folioAt, 0, n, null);
        }
        if (!m.folios.isEmpty()) {
            for (Folios.Folio folio : m.folios.all()) {
                java.util.Arrays.fill(folioAt, folio.head, folio.head + folio.nr, folio);
            }
        }
        int ns = m.swap.highWater();
        if (slotRefs.length < ns) {
            slotRefs = new int[ns];
        } else {
            java.util.Arrays.fill(slotRefs, 0, ns, 0);
        }
        refs[m.zeroPage]++;
        if (m.hugeZero >= 0) {
            refs[m.hugeZero]++; // mm_get_huge_zero_folio()'s reference: never freed here
        }
        caches.clear();
        for (int cAt = m.files.next(0); cAt < m.files.end(); cAt = m.files.next(cAt + 1)) {
            caches.add(m.files.at(cAt));
        }
        for (int pAt = 0; pAt < m.byPid.size(); pAt++) {
            Process p = m.byPid.get(pAt);
            if (!p.alive) {
                continue;
            }
            for (int rAt = p.regions.next(0); rAt < p.regions.end(); rAt = p.regions.next(rAt + 1)) {
                Region r = p.regions.at(rAt);
                if (r.cache != null && !containsIdentity(caches, r.cache)) {
                    caches.add(r.cache);
                }
                countEntries(r);
            }
        }
        for (int hAt = m.liveHandles.next(0); hAt < m.liveHandles.end(); hAt = m.liveHandles.next(hAt + 1)) {
            Handle h = m.liveHandles.at(hAt);
            int head = folioAt[h.frame] == null ? h.frame : folioAt[h.frame].head;
            refs[head] += h.refs();
            if (h.pin) {
                pins[head]++;
            }
        }
        for (int k = 0; k < caches.size(); k++) {
            PageCache c = caches.get(k);
            for (long i = c.frames.nextNonZero(0); i >= 0; i = c.frames.nextNonZero(i + 1)) {
                refs[c.frame(i)]++;
            }
        }
        for (int s = 0; s < ns; s++) {
            if (m.swap.used[s] && m.swap.cacheFrame[s] >= 0) {
                refs[m.swap.cacheFrame[s]]++;
            }
        }
        for (int f = 0; f < n; f++) {
            checkFrame(f);
        }
        if (!m.folios.isEmpty()) {
            for (Folios.Folio folio : m.folios.all()) {
                checkFolio(folio);
            }
        }
        for (int s = 0; s < ns && looking(ACCOUNTING); s++) {
            if ((m.swap.used[s] ? m.swap.count[s] != slotRefs[s] : slotRefs[s] != 0) && !broken(ACCOUNTING)) {
                add(ACCOUNTING, "slot " + s, "swap slot " + s + " has swap count " + m.swap.count[s]
                        + " but " + slotRefs[s] + " swap entries refer to it");
            }
        }
    }

    /** What the entries of one region hold: a PTE one reference and one mapping, a PMD one of each for its folio. */
    private void countEntries(Region r) {
        for (long i = r.ptes.nextNonZero(0); i >= 0; i = r.ptes.nextNonZero(i + 1)) {
            int pte = r.pte(i);
            int f = Pte.id(pte);
            if (Pte.isHuge(pte)) {
                reach[f]++;
                if (folioAt[f].head == f) {
                    refs[f]++;
                    entire[f]++;
                }
            } else if (Pte.isPresent(pte)) {
                maps[f]++;
                reach[f]++;
                refs[folioAt[f] == null ? f : folioAt[f].head]++;
            } else {
                slotRefs[f]++;
            }
        }
    }

    /** accounting and anon-exclusive for one frame; a large folio's tail holds no references of its own. */
    private void checkFrame(int f) {
        if (!m.frames.isAllocated(f)) {
            if (refs[f] != 0 && looking(ACCOUNTING) && !broken(ACCOUNTING)) {
                add(ACCOUNTING, "#" + f, "freed frame #" + f + " is still referenced " + refs[f] + " time(s)");
            }
            return;
        }
        Folios.Folio folio = folioAt[f];
        boolean tail = folio != null && folio.head != f;
        int own = tail ? 0 : m.frames.ref(f); // a tail's count field says where its head is
        int map = m.frames.map(f);
        if (looking(ACCOUNTING) && (own != refs[f] || map != maps[f]) && !broken(ACCOUNTING)) {
            add(ACCOUNTING, "#" + f, "frame #" + f + " has refcount " + own + " and mapcount " + map
                    + ", but its owners account for refcount " + refs[f] + " (" + maps[f] + " mappings, "
                    + (folio == null ? pins[f] : 0) + " pins) and mapcount " + maps[f]
                    + (tail ? " (a tail page of folio #" + folio.head + ")" : ""));
        }
        if (reach[f] > 1 && looking(ANON_EXCLUSIVE) && m.frames.anon(f)
                && m.frames.test(f, Frames.PG_ANON_EXCLUSIVE) && !broken(ANON_EXCLUSIVE)) {
            add(ANON_EXCLUSIVE, "#" + f, "anonymous page #" + f + " holding '"
                    + m.stamps.value(m.frames.content(f)) + "' is marked exclusive but mapped " + reach[f] + " times");
        }
        if (folio == null && map > own && looking(MAPCOUNT_REFCOUNT) && !broken(MAPCOUNT_REFCOUNT)) {
            add(MAPCOUNT_REFCOUNT, "#" + f, "frame #" + f + " is mapped " + map + " times but has refcount " + own);
        }
    }

    /** The folio-wide counts: entire map count and pin count against their owners; total maps within the refcount. */
    private void checkFolio(Folios.Folio folio) {
        int h = folio.head;
        int total = entire[h];
        for (int k = 0; k < folio.nr; k++) {
            total += maps[h + k];
        }
        if (looking(ACCOUNTING) && (folio.entireMap != entire[h] || folio.pins != pins[h] || folio.mapcount != total)
                && !broken(ACCOUNTING)) {
            add(ACCOUNTING, "#" + h, "folio #" + h + " has entire mapcount " + folio.entireMap + ", pincount "
                    + folio.pins + " and large mapcount " + folio.mapcount + ", but " + entire[h] + " PMD mappings, "
                    + pins[h] + " pins and " + total + " mappings in all hold it");
        }
        if (looking(MAPCOUNT_REFCOUNT) && total > m.frames.ref(h) && !broken(MAPCOUNT_REFCOUNT)) {
            add(MAPCOUNT_REFCOUNT, "#" + h, "folio #" + h + " (" + Folios.sizeName(folio.nr) + ") is mapped "
                    + total + " times but has refcount " + m.frames.ref(h));
        }
    }

    private static boolean containsIdentity(ArrayList<PageCache> list, PageCache c) {
        for (int k = 0; k < list.size(); k++) {
            if (list.get(k) == c) {
                return true;
            }
        }
        return false;
    }

    /** Every live FOLL_PIN on an anonymous page, and every long-term pin, is the page mapped at its address. */
    private void pinCoherence() {
        for (int hAt = m.liveHandles.next(0); hAt < m.liveHandles.end(); hAt = m.liveHandles.next(hAt + 1)) {
            Handle h = m.liveHandles.at(hAt);
            if (!h.pin || h.detached || !(h.longterm || m.frames.anon(h.frame))) {
                continue;
            }
            int mapped = mappedAt(h.region, h.index);
            int pte = h.region.pte(h.index);
            if (mapped != h.frame) {
                if (broken(PIN_COHERENCE)) {
                    return;
                }
                Process p = m.byPid.get(h.pid);
                add(PIN_COHERENCE, "pin " + h.name, "pin " + h.name + " holds " + describe(h.frame)
                        + " but " + p.name + " " + h.region.describe(h.index) + " now maps "
                        + (mapped >= 0 ? describe(mapped) : Pte.isSwap(pte) ? "a swapped-out copy" : "nothing"));
            }
        }
    }

    /**
     * The frame an access to r[i] reaches: the mapped one, the swap-cache frame of a swap entry, or,
     * where reclaim unmapped a page-cache page, the page the next fault maps again; -1 for none.
     */
    private int mappedAt(Region r, long i) {
        int pte = r.pte(i);
        if (Pte.isPresent(pte)) {
            return Pte.id(pte);
        }
        if (Pte.isSwap(pte)) {
            return m.swap.cacheFrame[Pte.id(pte)];
        }
        return r.cache != null && r.vmas.flagsAt(i) >= 0 ? r.cache.frame(r.offset + i) : -1;
    }

    /** No process sees, through a private mapping or its handle, a private write made by another after their fork. */
    private void isolation() {
        for (int oAt = 0; oAt < m.byPid.size(); oAt++) {
            Process o = m.byPid.get(oAt);
            if (!o.alive) {
                continue;
            }
            for (int rAt = o.regions.next(0); rAt < o.regions.end(); rAt = o.regions.next(rAt + 1)) {
                Region r = o.regions.at(rAt);
                if (r.shared) {
                    continue;
                }
                for (long i = r.ptes.nextNonZero(0); i >= 0; i = r.ptes.nextNonZero(i + 1)) {
                    int stamp = m.stampAt(r.pte(i));
                    if (!m.visibleTo(o, stamp)) {
                        if (broken(ISOLATION)) {
                            return;
                        }
                        String where = o.name + " " + r.describe(i);
                        add(ISOLATION, where, entitled(o, stamp), isolationMessage(o, where, stamp));
                    }
                }
            }
        }
        for (int hAt = m.liveHandles.next(0); hAt < m.liveHandles.end(); hAt = m.liveHandles.next(hAt + 1)) {
            Handle h = m.liveHandles.at(hAt);
            Process o = m.byPid.get(h.pid);
            int stamp = m.frames.content(h.frame);
            if (!m.visibleTo(o, stamp)) {
                if (broken(ISOLATION)) {
                    return;
                }
                add(ISOLATION, "handle " + h.name, entitled(o, stamp), isolationMessage(o, "handle " + h.name, stamp));
            }
        }
    }

    /** What o should see where it sees {@code stamp}: the newest value overwritten on the way that o may see. */
    private String entitled(Process o, int stamp) {
        int s = stamp;
        while (s >= 0 && !m.visibleTo(o, s)) {
            s = m.stamps.prev(s);
        }
        return s < 0 ? null : m.stamps.value(s);
    }

    private String isolationMessage(Process o, String where, int stamp) {
        Process w = m.byPid.get(m.stamps.writer(stamp));
        return o.name + " can see '" + m.stamps.value(stamp) + "' through " + where + ", which " + w.name
                + " wrote at line " + m.stamps.line(stamp) + " after the fork that separated them";
    }

    /**
     * A process reads back what it last stored in its private page (or what a device wrote through
     * its pin). Values are compared, as the language compares them: equal values are not lost.
     */
    private void lostWrite() {
        for (int pAt = 0; pAt < m.byPid.size(); pAt++) {
            Process p = m.byPid.get(pAt);
            if (!p.alive) {
                continue;
            }
            for (int rAt = p.regions.next(0); rAt < p.regions.end(); rAt = p.regions.next(rAt + 1)) {
                Region r = p.regions.at(rAt);
                for (long i = r.expected.nextNonZero(0); i >= 0; i = r.expected.nextNonZero(i + 1)) {
                    int want = r.expected.get(i) - 1;
                    int have = m.stampAt(r.pte(i));
                    if (have < 0 || !m.stamps.value(have).equals(m.stamps.value(want))) {
                        if (broken(LOST_WRITE)) {
                            return;
                        }
                        String where = p.name + " " + r.describe(i);
                        add(LOST_WRITE, where, m.stamps.value(want), where + " shows "
                                + (have < 0 ? "nothing" : "'" + m.stamps.value(have) + "'") + " but the last write there"
                                + " stored '" + m.stamps.value(want) + "' at line " + m.stamps.line(want));
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
