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

    final class Page implements PageView {
        int frame;

        @Override
        public PageKind kind() {
            return m.frames.kind(frame);
        }

        @Override
        public String content() {
            return m.stamps.value(m.frames.content(frame));
        }

        @Override
        public int refCount() {
            return m.frames.ref(frame);
        }

        @Override
        public int mapCount() {
            return m.frames.map(frame);
        }

        @Override
        public boolean anonExclusive() {
            return m.frames.test(frame, Frames.PG_ANON_EXCLUSIVE);
        }

        @Override
        public boolean swapCache() {
            return m.frames.test(frame, Frames.PG_SWAPCACHE);
        }

        @Override
        public int swapCount() {
            return swapCache() ? m.swap.count[m.frames.slot(frame)] : 0;
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
            return region.anonymous;
        }

        @Override
        public boolean shared() {
            return region.shared;
        }

        @Override
        public boolean writable() {
            int flags = region.vmas.flagsAt(index);
            return flags >= 0 && (flags & Vmas.VM_WRITE) != 0;
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
            return m.tryFreeSwap(page.frame);
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
            return longterm;
        }

        @Override
        public boolean fast() {
            return fast;
        }
    }
}
