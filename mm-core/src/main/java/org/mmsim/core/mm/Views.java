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
     * Starts a question to the policy: forgets the last rule and, when tracing, records what the
     * policy reads from here on (a trace without a rule shows that instead).
     */
    void ask() {
        rule = null;
        recording = m.tracing();
        if (recording) {
            reads.setLength(0);
        }
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

    final class Page implements PageView {
        int frame;

        @Override
        public PageKind kind() {
            PageKind k = m.frames.kind(frame);
            if (recording) {
                read("kind", k);
            }
            return k;
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
            int v = m.frames.ref(frame);
            if (recording) {
                read("refCount", v);
            }
            return v;
        }

        @Override
        public int mapCount() {
            int v = m.frames.map(frame);
            if (recording) {
                read("mapCount", v);
            }
            return v;
        }

        @Override
        public boolean anonExclusive() {
            boolean v = m.frames.test(frame, Frames.PG_ANON_EXCLUSIVE);
            if (recording) {
                read("anonExclusive", v);
            }
            return v;
        }

        @Override
        public boolean swapCache() {
            boolean v = m.frames.test(frame, Frames.PG_SWAPCACHE);
            if (recording) {
                read("swapCache", v);
            }
            return v;
        }

        @Override
        public int swapCount() {
            int v = m.frames.test(frame, Frames.PG_SWAPCACHE) ? m.swap.count[m.frames.slot(frame)] : 0;
            if (recording) {
                read("swapCount", v);
            }
            return v;
        }

        @Override
        public boolean maybeDmaPinned() {
            boolean v = m.frames.ref(frame) >= GUP_PIN_COUNTING_BIAS;
            if (recording) {
                read("maybeDmaPinned", v);
            }
            return v;
        }

        @Override
        public boolean anon() {
            boolean v = m.frames.anon(frame);
            if (recording) {
                read("anon", v);
            }
            return v;
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
            if (recording) {
                read("vma.anonymous", region.anonymous);
            }
            return region.anonymous;
        }

        @Override
        public boolean shared() {
            if (recording) {
                read("vma.shared", region.shared);
            }
            return region.shared;
        }

        @Override
        public boolean writable() {
            int flags = region.vmas.flagsAt(index);
            boolean v = flags >= 0 && (flags & Vmas.VM_WRITE) != 0;
            if (recording) {
                read("vma.writable", v);
            }
            return v;
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
            if (recording) {
                read("tryFreeSwap", freed);
            }
            return freed;
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
            if (recording) {
                read("longterm", longterm);
            }
            return longterm;
        }

        @Override
        public boolean fast() {
            if (recording) {
                read("fast", fast);
            }
            return fast;
        }
    }
}
