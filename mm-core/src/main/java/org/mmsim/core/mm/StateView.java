package org.mmsim.core.mm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mmsim.api.MachineView;
import org.mmsim.api.PageKind;
import org.mmsim.api.PteView;

/**
 * The machine as a plugin's {@link org.mmsim.api.Invariant} reads it: a {@link MachineView} over a
 * {@link MachineState}, the same snapshot {@code run --state} prints, so that what an invariant
 * reports can be checked against what the user sees.
 */
public class StateView implements MachineView {
    private final MachineState state;
    private final boolean finished;
    private final Map<Integer, MachineState.FrameState> frames = new HashMap<>();
    private final Map<Integer, MachineState.FolioState> folios = new HashMap<>();
    private final Map<Integer, Integer> slotCounts = new HashMap<>();
    private final List<ProcessOf> processes = new ArrayList<>();
    private final List<HandleOf> handles = new ArrayList<>();

    /** {@code finished}: the state after the end-of-scenario teardown. */
    public StateView(MachineState state, boolean finished) {
        this.state = state;
        this.finished = finished;
        state.frames().forEach(f -> frames.put(f.id(), f));
        state.folios().forEach(f -> folios.put(f.head(), f));
        state.swap().forEach(s -> slotCounts.put(s.slot(), s.count()));
        state.processes().forEach(p -> processes.add(new ProcessOf(p)));
        state.handles().forEach(h -> handles.add(new HandleOf(h)));
    }

    @Override
    public List<ProcessOf> processes() {
        return processes;
    }

    @Override
    public List<HandleOf> handles() {
        return handles;
    }

    @Override
    public boolean finished() {
        return finished;
    }

    @Override
    public boolean keepsAnonExclusive() {
        return state.exclusiveFlag();
    }

    /** Frame {@code id}, or null when it is not allocated. */
    FrameOf frame(int id) {
        MachineState.FrameState f = frames.get(id);
        return f == null ? null : new FrameOf(f);
    }

    final class ProcessOf implements MachineView.Process {
        private final MachineState.ProcessState p;
        private final List<MappingOf> mappings = new ArrayList<>();

        ProcessOf(MachineState.ProcessState p) {
            this.p = p;
            p.regions().forEach(r -> mappings.add(new MappingOf(r)));
        }

        @Override
        public String name() {
            return p.name();
        }

        @Override
        public boolean alive() {
            return p.alive();
        }

        @Override
        public List<MappingOf> mappings() {
            return mappings;
        }
    }

    final class MappingOf implements MachineView.Mapping {
        private final MachineState.RegionState r;
        private final Map<Long, MachineState.PteState> ptes = new HashMap<>();

        MappingOf(MachineState.RegionState r) {
            this.r = r;
            r.ptes().forEach(e -> ptes.put(e.index(), e));
        }

        @Override
        public String name() {
            return r.name();
        }

        @Override
        public long pages() {
            return r.pages();
        }

        @Override
        public boolean anonymous() {
            return r.kind().startsWith("anon");
        }

        @Override
        public boolean shared() {
            return r.kind().endsWith("shared");
        }

        @Override
        public boolean writable() {
            return !r.vmas().isEmpty() && r.vmas().get(0).writable();
        }

        @Override
        public PteView pte(long index) {
            if (index < 0 || index >= r.pages()) {
                throw new IndexOutOfBoundsException("page " + index + " of " + r.name() + " (" + r.pages() + " pages)");
            }
            MachineState.PteState e = ptes.get(index);
            return new PteView() {
                @Override
                public State state() {
                    return e == null ? State.NONE : e.state().equals("present") ? State.PRESENT : State.SWAP;
                }

                @Override
                public boolean writable() {
                    return e != null && e.writable();
                }

                @Override
                public boolean swapExclusive() {
                    return e != null && e.state().equals("swap") && e.exclusive();
                }
            };
        }

        @Override
        public FrameOf frame(long index) {
            MachineState.PteState e = ptes.get(index);
            return e == null || !e.state().equals("present") ? null : StateView.this.frame(e.frame());
        }
    }

    final class FrameOf implements MachineView.Frame {
        private final MachineState.FrameState f;
        private final MachineState.FolioState folio;

        FrameOf(MachineState.FrameState f) {
            this.f = f;
            this.folio = f.folio() < 0 ? null : folios.get(f.folio());
        }

        @Override
        public int id() {
            return f.id();
        }

        @Override
        public int pins() {
            return folio != null ? folio.pins() : f.pins();
        }

        @Override
        public PageKind kind() {
            return switch (f.kind()) {
                case "anon" -> PageKind.ANON;
                case "page-cache" -> PageKind.PAGE_CACHE;
                default -> PageKind.ZERO_PAGE;
            };
        }

        @Override
        public String content() {
            return f.content();
        }

        @Override
        public int refCount() {
            return f.refcount();
        }

        @Override
        public int mapCount() {
            return f.mapcount();
        }

        @Override
        public boolean anonExclusive() {
            return f.exclusive();
        }

        @Override
        public boolean swapCache() {
            return f.swapCache();
        }

        @Override
        public int swapCount() {
            return f.swapCache() ? slotCounts.getOrDefault(f.slot(), 0) : 0;
        }

        @Override
        public int folioOrder() {
            return folio == null ? 0 : Integer.numberOfTrailingZeros(folio.pages());
        }

        @Override
        public int entireMapCount() {
            return folio == null ? 0 : folio.entireMapCount();
        }

        @Override
        public int folioMapCount() {
            return folio == null ? f.mapcount() : folio.mapcount();
        }

        @Override
        public boolean hugetlb() {
            return folio != null && folio.hugetlb();
        }

        @Override
        public String toString() {
            return "#" + f.id();
        }
    }

    final class HandleOf implements MachineView.Handle {
        private final MachineState.HandleState h;
        private final String mapping;
        private final long index;

        HandleOf(MachineState.HandleState h) {
            this.h = h;
            int open = h.page().lastIndexOf('[');
            this.mapping = h.page().substring(0, open);
            this.index = Long.parseLong(h.page().substring(open + 1, h.page().length() - 1));
        }

        @Override
        public String name() {
            return h.name();
        }

        @Override
        public boolean pin() {
            return h.pin();
        }

        @Override
        public boolean write() {
            return h.write();
        }

        @Override
        public boolean longterm() {
            return h.longterm();
        }

        @Override
        public FrameOf frame() {
            return StateView.this.frame(h.frame());
        }

        @Override
        public String process() {
            return h.process();
        }

        @Override
        public String mapping() {
            return mapping;
        }

        @Override
        public long index() {
            return index;
        }

        @Override
        public boolean detached() {
            return h.detached();
        }
    }
}
