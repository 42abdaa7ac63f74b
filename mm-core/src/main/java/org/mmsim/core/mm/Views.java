package org.mmsim.core.mm;

import org.mmsim.api.PageKind;
import org.mmsim.api.PageView;
import org.mmsim.api.PinRequest;
import org.mmsim.api.PteView;
import org.mmsim.api.VmaView;
import org.mmsim.api.WpFault;

/**
 * Flyweight read-only views that the machine hands to its policy. One set per machine, re-aimed
 * before each question, so asking a policy allocates nothing.
 */
final class Views {
    final Page page = new Page();
    final Vma vma = new Vma();
    final PteImpl pte = new PteImpl();
    final Fault fault = new Fault();
    final Pin pin = new Pin();
    private final Machine m;

    Views(Machine m) {
        this.m = m;
    }

    Page page(int frame) {
        page.frame = frame;
        return page;
    }

    Vma vma(Region r, long index) {
        vma.region = r;
        vma.index = index;
        return vma;
    }

    /**
     * Starts a traced question to the policy: forgets the last rule and records what the policy
     * reads from here on (a trace without a rule shows that instead). Untraced machines never ask.
     */
    void ask() {
        rule = null;
        recording = true;
        reads.setLength(0);
    }

    /** The rule the policy named for its last answer ({@link PageView#because}), or null. */
    String rule() {
        return rule;
    }

    /** What the policy read for its last answer, e.g. {@code anonExclusive()=false, refCount()=2}. */
    String reads() {
        return reads.toString();
    }

    private String rule;
    private boolean recording;
    private final StringBuilder reads = new StringBuilder();

    private void read(String what, Object value) {
        if (reads.length() > 0) {
            reads.append(", ");
        }
        reads.append(what).append("()=").append(value);
    }

    /** Returns what the policy reads, noting it first when recording (no boxing otherwise). */
    private int seen(String what, int value) {
        if (recording) {
            read(what, value);
        }
        return value;
    }

    private boolean seen(String what, boolean value) {
        if (recording) {
            read(what, value);
        }
        return value;
    }

    private <T> T seen(String what, T value) {
        if (recording) {
            read(what, value);
        }
        return value;
    }

    final class Page implements PageView {
        int frame;

        @Override
        public PageKind kind() {
            return seen("kind", m.frames.kind(frame));
        }

        @Override
        public String content() {
            String v = m.stamps.value(m.frames.content(frame));
            if (recording) {
                read("content", "'" + v + "'");
            }
            return v;
        }

        @Override
        public int refCount() {
            return seen("refCount", m.ref(frame));
        }

        @Override
        public int mapCount() {
            return seen("mapCount", m.mapCount(frame));
        }

        @Override
        public boolean anonExclusive() {
            return seen("anonExclusive", m.frames.test(frame, Frames.PG_ANON_EXCLUSIVE));
        }

        @Override
        public boolean swapCache() {
            return seen("swapCache", m.frames.test(frame, Frames.PG_SWAPCACHE));
        }

        @Override
        public int swapCount() {
            return seen("swapCount", m.frames.test(frame, Frames.PG_SWAPCACHE) ? m.swap.count[m.frames.slot(frame)] : 0);
        }

        @Override
        public boolean maybeDmaPinned() {
            return seen("maybeDmaPinned", m.maybeDmaPinned(frame));
        }

        @Override
        public int folioOrder() {
            Folios.Folio folio = m.folio(frame);
            return seen("folioOrder", folio == null ? 0 : folio.order());
        }

        @Override
        public boolean large() {
            return seen("large", m.folio(frame) != null);
        }

        @Override
        public int entireMapCount() {
            Folios.Folio folio = m.folio(frame);
            return seen("entireMapCount", folio == null ? 0 : folio.entireMap);
        }

        @Override
        public int folioMapCount() {
            Folios.Folio folio = m.folio(frame);
            return seen("folioMapCount", folio == null ? m.frames.map(frame) : m.folioMapCount(folio));
        }

        @Override
        public int folioMaxMapCount() {
            Folios.Folio folio = m.folio(frame);
            int max = folio == null ? m.frames.map(frame) : 0;
            for (int k = 0; folio != null && k < folio.nr; k++) {
                max = Math.max(max, m.frames.map(folio.head + k));
            }
            return seen("folioMaxMapCount", max + (folio == null ? 0 : folio.entireMap));
        }

        @Override
        public boolean maybeMappedShared() {
            return seen("maybeMappedShared", m.maybeMappedShared(frame));
        }

        @Override
        public boolean hugetlb() {
            Folios.Folio folio = m.folio(frame);
            return seen("hugetlb", folio != null && folio.hugetlb);
        }

        @Override
        public boolean anon() {
            return seen("anon", m.frames.anon(frame));
        }

        @Override
        public void because(String why) {
            rule = why;
        }

        @Override
        public String toString() {
            return "frame " + frame;
        }
    }

    final class Vma implements VmaView {
        Region region;
        long index;

        @Override
        public boolean anonymous() {
            return seen("vma.anonymous", region.anonymous);
        }

        @Override
        public boolean shared() {
            return seen("vma.shared", region.shared);
        }

        @Override
        public boolean writable() {
            int flags = region.vmas.flagsAt(index);
            return seen("vma.writable", flags >= 0 && (flags & Vmas.VM_WRITE) != 0);
        }
    }

    static final class PteImpl implements PteView {
        int pte;

        @Override
        public State state() {
            return Pte.isPresent(pte) ? State.PRESENT : Pte.isSwap(pte) ? State.SWAP : State.NONE;
        }

        @Override
        public boolean writable() {
            return Pte.isPresent(pte) && Pte.writable(pte);
        }

        @Override
        public boolean swapExclusive() {
            return Pte.isSwap(pte) && Pte.swapExclusive(pte);
        }
    }

    final class Fault implements WpFault {
        long flags;

        @Override
        public PageView page() {
            return page;
        }

        @Override
        public VmaView vma() {
            return vma;
        }

        @Override
        public long flags() {
            return flags;
        }

        @Override
        public boolean tryFreeSwap() {
            boolean freed = m.tryFreeSwap(page.frame);
            return seen("tryFreeSwap", freed);
        }
    }

    final class Pin implements PinRequest {
        boolean longterm;
        boolean fast;

        @Override
        public PageView page() {
            return page;
        }

        @Override
        public PteView pte() {
            return pte;
        }

        @Override
        public VmaView vma() {
            return vma;
        }

        @Override
        public boolean longterm() {
            return seen("longterm", longterm);
        }

        @Override
        public boolean fast() {
            return seen("fast", fast);
        }
    }
}
