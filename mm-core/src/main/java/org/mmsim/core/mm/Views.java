package org.mmsim.core.mm;

import org.mmsim.api.PageKind;
import org.mmsim.api.PageView;
import org.mmsim.api.PinRequest;
import org.mmsim.api.PteView;
import org.mmsim.api.VmaView;
import org.mmsim.api.WpFault;

/**
 * The read-only views that the machine hands to its policy. They are flyweights (asking a policy
 * allocates nothing), so each accessor first tests that its call has not returned: a view kept past
 * its call throws instead of describing a later page. Each kind of question ({@link Kind}) has its own
 * views, two sets used in turn: a view kept from one question is ended during any other question and
 * during the next question of its own kind. Only a use exactly an even number of same-kind questions
 * later finds its set live again, and then reads just what that call's own argument reads.
 */
final class Views {
    /** What an accessor of an ended view throws, after {@code Type.method(): }. */
    static final String ENDED = "view used after the call it was passed to";

    /** The questions; each has its own two sets of views. */
    enum Kind { WP, PIN, FORK, PAGEOUT, MKWRITE }

    private final Machine m;
    private final ViewSet[] sets = new ViewSet[Kind.values().length * 2];
    /** Bit k: which of kind k's two sets comes next. */
    private int turns;
    /** The first use of an ended view on this machine; sticky, so that a policy cannot swallow it. */
    private String misuse;

    Views(Machine m) {
        this.m = m;
    }

    /** The views of the next question of this kind, aimed at frame f of r[index] and live until {@link #end}. */
    ViewSet ask(Kind kind, int f, Region r, long index) {
        int k = kind.ordinal();
        turns ^= 1 << k;
        int i = 2 * k + (turns >>> k & 1);
        ViewSet set = sets[i];
        if (set == null) {
            set = sets[i] = new ViewSet(); // made on first use: an explorer state asks few questions
        }
        set.aim(f, r, index);
        return set;
    }

    /** A do_wp_page() question (also do_huge_pmd_wp_page() and hugetlb_wp()). */
    Fault fault(int f, Region r, long index, long flags) {
        Fault fault = ask(Kind.WP, f, r, index).fault;
        fault.flags = flags;
        return fault;
    }

    /** A gup_must_unshare() question. */
    Pin pin(int f, int pte, Region r, long index, boolean longterm, boolean fast) {
        ViewSet set = ask(Kind.PIN, f, r, index);
        set.pte.pte = pte;
        set.pin.longterm = longterm;
        set.pin.fast = fast;
        return set.pin;
    }

    /** Ends the views of a question's argument (a view, or null) when the call returns. */
    static void end(Object arg) {
        if (arg instanceof View v) {
            v.set().end();
        }
    }

    /** {@code "Type.method(): "} + {@link #ENDED}, once a policy has used an ended view on this machine; else null. */
    String misuse() {
        return misuse;
    }

    /** One question's views, aimed together and ended together. */
    final class ViewSet {
        final Page page = new Page(this);
        final Vma vma = new Vma(this);
        final PteImpl pte = new PteImpl(this);
        final Fault fault = new Fault(this);
        final Pin pin = new Pin(this);

        /** Whether this set's call has returned: one flag for the five views, two writes a question. */
        boolean ended = true;

        void aim(int f, Region r, long index) {
            page.frame = f;
            vma.region = r;
            vma.index = index;
            ended = false;
        }

        void end() {
            ended = true;
        }
    }

    /** A view of one set: every accessor calls {@link #live} first. */
    abstract class View {
        private final ViewSet set;

        View(ViewSet set) {
            this.set = set;
        }

        final ViewSet set() {
            return set;
        }

        /** Throws (and remembers) when this view's call has returned; {@code what} is a constant. */
        final void live(String what) {
            if (set.ended) {
                String message = what + ": " + ENDED;
                if (misuse == null) {
                    misuse = message;
                }
                throw new EndedViewException(message);
            }
        }
    }

    /** A use of an ended view; stackless, as it ends up as one line in a cell. */
    static final class EndedViewException extends IllegalStateException {
        EndedViewException(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
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

    final class Page extends View implements PageView {
        int frame;

        Page(ViewSet set) {
            super(set);
        }

        @Override
        public PageKind kind() {
            live("PageView.kind()");
            return seen("kind", m.frames.kind(frame));
        }

        @Override
        public String content() {
            live("PageView.content()");
            String v = m.stamps.value(m.frames.content(frame));
            if (recording) {
                read("content", "'" + v + "'");
            }
            return v;
        }

        @Override
        public int refCount() {
            live("PageView.refCount()");
            return seen("refCount", m.ref(frame));
        }

        @Override
        public int mapCount() {
            live("PageView.mapCount()");
            return seen("mapCount", m.mapCount(frame));
        }

        @Override
        public boolean anonExclusive() {
            live("PageView.anonExclusive()");
            return seen("anonExclusive", m.frames.test(frame, Frames.PG_ANON_EXCLUSIVE));
        }

        @Override
        public boolean swapCache() {
            live("PageView.swapCache()");
            return seen("swapCache", m.frames.test(frame, Frames.PG_SWAPCACHE));
        }

        @Override
        public int swapCount() {
            live("PageView.swapCount()");
            return seen("swapCount", m.swapCount(frame));
        }

        @Override
        public boolean maybeDmaPinned() {
            live("PageView.maybeDmaPinned()");
            return seen("maybeDmaPinned", m.maybeDmaPinned(frame));
        }

        @Override
        public int folioOrder() {
            live("PageView.folioOrder()");
            return seen("folioOrder", m.folioOrder(frame));
        }

        @Override
        public boolean large() {
            live("PageView.large()");
            return seen("large", m.folio(frame) != null);
        }

        @Override
        public int entireMapCount() {
            live("PageView.entireMapCount()");
            return seen("entireMapCount", m.entireMapCount(frame));
        }

        @Override
        public int folioMapCount() {
            live("PageView.folioMapCount()");
            return seen("folioMapCount", m.folioMapCount(frame));
        }

        @Override
        public int folioMaxMapCount() {
            live("PageView.folioMaxMapCount()");
            Folios.Folio folio = m.folio(frame);
            int max = folio == null ? m.frames.map(frame) : 0;
            for (int k = 0; folio != null && k < folio.nr; k++) {
                max = Math.max(max, m.frames.map(folio.head + k));
            }
            return seen("folioMaxMapCount", max + (folio == null ? 0 : folio.entireMap));
        }

        @Override
        public boolean maybeMappedShared() {
            live("PageView.maybeMappedShared()");
            return seen("maybeMappedShared", m.maybeMappedShared(frame));
        }

        @Override
        public boolean hugetlb() {
            live("PageView.hugetlb()");
            return seen("hugetlb", m.hugetlb(frame));
        }

        @Override
        public boolean anon() {
            live("PageView.anon()");
            return seen("anon", m.frames.anon(frame));
        }

        @Override
        public void because(String why) {
            live("PageView.because()");
            rule = why;
        }

        @Override
        public String toString() {
            return "frame " + frame;
        }
    }

    final class Vma extends View implements VmaView {
        Region region;
        long index;

        Vma(ViewSet set) {
            super(set);
        }

        @Override
        public boolean anonymous() {
            live("VmaView.anonymous()");
            return seen("vma.anonymous", region.anonymous);
        }

        @Override
        public boolean shared() {
            live("VmaView.shared()");
            return seen("vma.shared", region.shared);
        }

        @Override
        public boolean writable() {
            live("VmaView.writable()");
            int flags = region.vmas.flagsAt(index);
            return seen("vma.writable", flags >= 0 && (flags & Vmas.VM_WRITE) != 0);
        }
    }

    final class PteImpl extends View implements PteView {
        int pte;

        PteImpl(ViewSet set) {
            super(set);
        }

        @Override
        public State state() {
            live("PteView.state()");
            return Pte.isPresent(pte) ? State.PRESENT : Pte.isSwap(pte) ? State.SWAP : State.NONE;
        }

        @Override
        public boolean writable() {
            live("PteView.writable()");
            return Pte.isPresent(pte) && Pte.writable(pte);
        }

        @Override
        public boolean swapExclusive() {
            live("PteView.swapExclusive()");
            return Pte.isSwap(pte) && Pte.swapExclusive(pte);
        }
    }

    final class Fault extends View implements WpFault {
        final Page page;
        final Vma vma;
        long flags;

        Fault(ViewSet set) {
            super(set);
            page = set.page;
            vma = set.vma;
        }

        @Override
        public PageView page() {
            live("WpFault.page()");
            return page;
        }

        @Override
        public VmaView vma() {
            live("WpFault.vma()");
            return vma;
        }

        @Override
        public long flags() {
            live("WpFault.flags()");
            return flags;
        }

        @Override
        public boolean tryFreeSwap() {
            live("WpFault.tryFreeSwap()");
            boolean freed = m.tryFreeSwap(page.frame);
            return seen("tryFreeSwap", freed);
        }
    }

    final class Pin extends View implements PinRequest {
        final Page page;
        final PteImpl pte;
        final Vma vma;
        boolean longterm;
        boolean fast;

        Pin(ViewSet set) {
            super(set);
            page = set.page;
            pte = set.pte;
            vma = set.vma;
        }

        @Override
        public PageView page() {
            live("PinRequest.page()");
            return page;
        }

        @Override
        public PteView pte() {
            live("PinRequest.pte()");
            return pte;
        }

        @Override
        public VmaView vma() {
            live("PinRequest.vma()");
            return vma;
        }

        @Override
        public boolean longterm() {
            live("PinRequest.longterm()");
            return seen("longterm", longterm);
        }

        @Override
        public boolean fast() {
            live("PinRequest.fast()");
            return seen("fast", fast);
        }
    }
}
