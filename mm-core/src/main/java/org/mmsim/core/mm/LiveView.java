package org.mmsim.core.mm;

import java.util.ArrayList;
import java.util.List;
import org.mmsim.api.MachineView;
import org.mmsim.api.PageKind;
import org.mmsim.api.PteView;

/**
 * The machine as a plugin's {@link org.mmsim.api.Invariant} reads it, straight from its arrays: an
 * invariant pays for what it reads, not for a copy of the machine. Valid during one check.
 */
final class LiveView {
    private final Machine m;

    LiveView(Machine m) {
        this.m = m;
    }

    List<MachineView.Process> processes() {
        List<MachineView.Process> out = new ArrayList<>(m.byPid.size());
        for (Process p : m.byPid) {
            out.add(new ProcessOf(p));
        }
        return out;
    }

    List<MachineView.Handle> handles() {
        List<MachineView.Handle> out = new ArrayList<>();
        for (Handle h : m.liveHandles) {
            out.add(new HandleOf(h));
        }
        return out;
    }

    private final class ProcessOf implements MachineView.Process {
        private final Process p;

        ProcessOf(Process p) {
            this.p = p;
        }

        @Override
        public String name() {
            return p.name;
        }

        @Override
        public boolean alive() {
            return p.alive;
        }

        @Override
        public List<MachineView.Mapping> mappings() {
            List<MachineView.Mapping> out = new ArrayList<>();
            for (Region r : p.regions) {
                out.add(new MappingOf(r));
            }
            return out;
        }
    }

    private final class MappingOf implements MachineView.Mapping {
        private final Region r;

        MappingOf(Region r) {
            this.r = r;
        }

        @Override
        public String name() {
            return r.name;
        }

        @Override
        public long pages() {
            return r.pages;
        }

        @Override
        public boolean anonymous() {
            return r.anonymous;
        }

        @Override
        public boolean shared() {
            return r.shared;
        }

        @Override
        public boolean writable() {
            int flags = r.vmas.flagsAt(0);
            return flags >= 0 && (flags & Vmas.VM_WRITE) != 0;
        }

        private int entry(long index) {
            if (index < 0 || index >= r.pages) {
                throw new IndexOutOfBoundsException("page " + index + " of " + r.name + " (" + r.pages + " pages)");
            }
            return r.pte(index);
        }

        @Override
        public PteView pte(long index) {
            int pte = entry(index);
            return new PteView() {
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
            };
        }

        @Override
        public MachineView.Frame frame(long index) {
            int pte = entry(index);
            return Pte.isPresent(pte) ? new FrameOf(Pte.id(pte)) : null;
        }
    }

    private final class FrameOf implements MachineView.Frame {
        private final int f;

        FrameOf(int f) {
            this.f = f;
        }

        @Override
        public int id() {
            return f;
        }

        @Override
        public int pins() {
            Folios.Folio folio = m.folio(f);
            if (folio != null) {
                return folio.pins;
            }
            int n = 0;
            for (Handle h : m.liveHandles) {
                n += h.pin && h.frame == f ? 1 : 0;
            }
            return n;
        }

        @Override
        public PageKind kind() {
            return m.frames.kind(f);
        }

        @Override
        public String content() {
            return m.stamps.value(m.frames.content(f));
        }

        @Override
        public int refCount() {
            return m.ref(f);
        }

        @Override
        public int mapCount() {
            return m.mapCount(f);
        }

        @Override
        public boolean anonExclusive() {
            return m.frames.anon(f) && m.frames.test(f, Frames.PG_ANON_EXCLUSIVE);
        }

        @Override
        public boolean swapCache() {
            return m.frames.test(f, Frames.PG_SWAPCACHE);
        }

        @Override
        public int swapCount() {
            return m.swapCount(f);
        }

        @Override
        public boolean maybeDmaPinned() {
            return m.maybeDmaPinned(f);
        }

        @Override
        public int folioOrder() {
            return m.folioOrder(f);
        }

        @Override
        public int entireMapCount() {
            return m.entireMapCount(f);
        }

        @Override
        public int folioMapCount() {
            return m.folioMapCount(f);
        }

        @Override
        public boolean maybeMappedShared() {
            return m.maybeMappedShared(f);
        }

        @Override
        public boolean hugetlb() {
            return m.hugetlb(f);
        }

        @Override
        public boolean anon() {
            return m.frames.anon(f);
        }

        @Override
        public String toString() {
            return "#" + f;
        }
    }

    private final class HandleOf implements MachineView.Handle {
        private final Handle h;

        HandleOf(Handle h) {
            this.h = h;
        }

        @Override
        public String name() {
            return h.name;
        }

        @Override
        public boolean pin() {
            return h.pin;
        }

        @Override
        public boolean write() {
            return h.write;
        }

        @Override
        public boolean longterm() {
            return h.longterm;
        }

        @Override
        public MachineView.Frame frame() {
            return new FrameOf(h.frame);
        }

        @Override
        public String process() {
            return m.byPid.get(h.pid).name;
        }

        @Override
        public String mapping() {
            return h.region.name;
        }

        @Override
        public long index() {
            return h.index;
        }

        @Override
        public boolean detached() {
            return h.detached;
        }
    }
}
