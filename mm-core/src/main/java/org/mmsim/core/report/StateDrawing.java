package org.mmsim.core.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mmsim.core.mm.MachineState;
import org.mmsim.core.mm.MachineState.FileState;
import org.mmsim.core.mm.MachineState.FolioState;
import org.mmsim.core.mm.MachineState.FrameState;
import org.mmsim.core.mm.MachineState.HandleState;
import org.mmsim.core.mm.MachineState.ProcessState;
import org.mmsim.core.mm.MachineState.PteState;
import org.mmsim.core.mm.MachineState.RegionState;
import org.mmsim.core.mm.MachineState.SlotState;
import org.mmsim.core.report.Drawing.Arrow;
import org.mmsim.core.report.Drawing.Box;
import org.mmsim.core.report.Drawing.Kind;
import org.mmsim.core.report.Drawing.Style;

/**
 * What the diagram of a state shows: the processes' page tables (runs of alike entries folded as in
 * the text), the frames (a large folio as a box around its folded pages), then handles, swap slots
 * and files; an arrow from each entry, handle, slot and file page to what it refers to.
 */
public final class StateDrawing {
    static final String WHITE = "white";
    static final String REGION = "#f0f0f0";
    /** A page the policy keeps PG_anon_exclusive. */
    static final String EXCLUSIVE = "#dde8f6";
    static final String BLACK = "#333";
    /** A pinned page's outline. */
    static final String PINNED = "#b00";

    private final boolean exclusiveFlag;
    private final List<Arrow> arrows = new ArrayList<>();
    /** Which box shows each frame (a folded run shows all of its frames). */
    private final Map<Integer, String> frameIds = new HashMap<>();
    /** Which box shows each swap slot. */
    private final Map<Integer, String> slotIds = new HashMap<>();

    private StateDrawing(boolean exclusiveFlag) {
        this.exclusiveFlag = exclusiveFlag;
    }

    /** The title of the state after a statement, the same in {@code run --state} and in the HTML report. */
    public static String title(String file, int line, String policyId, String statement, String outcome) {
        return file + " line " + line + " under " + policyId + ": " + statement + "  => " + outcome;
    }

    /** The drawing of {@code s}, titled {@code title}. */
    public static Drawing of(MachineState s, String title) {
        StateDrawing d = new StateDrawing(s.exclusiveFlag());
        List<Box> middle = d.frames(s);
        List<Box> right = d.others(s);
        List<Box> left = d.processes(s);
        for (HandleState h : s.handles()) {
            d.arrow("handle-" + h.name(), d.frameIds.get(h.frame()), Style.HANDLE, null, false);
        }
        for (FileState f : s.files()) {
            f.cached().forEach(c -> d.arrow("file-" + f.name(), d.frameIds.get(c.frame()), Style.CACHE, null, false));
        }
        for (SlotState sl : s.swap()) {
            if (sl.cacheFrame() >= 0) {
                d.arrow("slot-" + sl.slot(), d.frameIds.get(sl.cacheFrame()), Style.CACHE, null, false);
            }
        }
        return new Drawing(title, left, middle, right, d.arrows);
    }

    private List<Box> processes(MachineState s) {
        List<Box> boxes = new ArrayList<>();
        for (ProcessState p : s.processes()) {
            boxes.add(text("process-" + p.name(), Kind.HEADING, p.name() + (p.parent() == null ? ""
                    : " (forked from " + p.parent() + ")") + (p.alive() ? "" : " exited")));
            if (p.regions().isEmpty()) {
                boxes.add(text(null, Kind.NOTE, "(no mappings)"));
            }
            for (RegionState r : p.regions()) {
                boxes.add(new Box("region-" + p.name() + "-" + r.name(), Kind.ROW, List.of(r.name() + ": " + r.kind()
                        + ", " + r.pages() + (r.pages() == 1 ? " page" : " pages")), REGION, BLACK, List.of()));
                List<PteState> ptes = r.ptes();
                for (Runs.Run run : Runs.of(ptes, StateText::continues)) {
                    PteState a = ptes.get(run.from());
                    PteState z = ptes.get(run.to() - 1);
                    String id = "pte-" + p.name() + "-" + r.name() + "-" + a.index();
                    boolean swap = a.state().equals("swap");
                    String what = swap ? (run.size() > 1 ? "swap entries" : "swap entry")
                            + (a.exclusive() && exclusiveFlag ? ", exclusive" : "")
                            : (a.huge() ? "huge, " : "") + (a.writable() ? "writable" : "read-only")
                            + (a.dirty() ? ", dirty" : "");
                    boxes.add(new Box(id, Kind.ROW, List.of(r.name() + "[" + a.index() + (run.size() > 1 ? ".."
                            + z.index() : "") + "]  " + what), WHITE, BLACK, List.of()));
                    arrow(id, swap ? slotIds.get(a.slot()) : frameIds.get(a.frame()), Style.MAP,
                            run.size() > 1 ? "x" + run.size() : null, true);
                }
            }
            boxes.add(new Box(null, Kind.GAP, List.of(), WHITE, BLACK, List.of()));
        }
        return boxes;
    }

    private List<Box> frames(MachineState s) {
        List<Box> boxes = new ArrayList<>();
        for (Runs.FrameGroup group : Runs.byFolio(s)) {
            FrameState f = group.pages().get(0);
            FolioState folio = group.folio();
            if (folio == null) {
                String id = "frame-" + f.id();
                frameIds.put(f.id(), id);
                boxes.add(node(id, f, "#" + f.id() + " " + f.kind() + " '" + f.content() + "'",
                        "refcount " + f.refcount() + "  mapcount " + f.mapcount(), flags(f)));
                continue;
            }
            List<FrameState> pages = group.pages();
            List<Box> inner = new ArrayList<>();
            for (Runs.Run run : Runs.of(pages, (p, q) -> page(p).equals(page(q)))) {
                FrameState a = pages.get(run.from());
                String id = "frame-" + a.id();
                for (int k = run.from(); k < run.to(); k++) {
                    frameIds.put(pages.get(k).id(), id);
                }
                inner.add(node(id, a, "#" + a.id() + (run.size() > 1 ? "..#" + pages.get(run.to() - 1).id() : "")
                        + "  " + page(a), flags(a)));
            }
            boxes.add(new Box("folio-" + folio.head(), Kind.FOLIO, List.of("folio #" + folio.head() + "..#"
                    + (folio.head() + folio.pages() - 1) + " " + folio.size() + (folio.hugeZero() ? " huge zeropage"
                    : folio.hugetlb() ? " hugetlb" : ""), "refcount " + folio.refcount() + "  mapcount "
                    + folio.mapcount() + "  entire " + folio.entireMapCount() + (folio.pins() > 0 ? "  pins "
                    + folio.pins() : "")), WHITE, BLACK, inner));
        }
        return boxes;
    }

    private List<Box> others(MachineState s) {
        List<Box> boxes = new ArrayList<>();
        for (HandleState h : s.handles()) {
            boxes.add(node("handle-" + h.name(), h.name() + "  " + (h.pin() ? "FOLL_PIN" : "FOLL_GET")
                    + (h.write() ? " rw" : " ro") + (h.longterm() ? " longterm" : ""), "taken at " + h.process()
                    + " " + h.page() + (h.detached() ? " (detached)" : "")));
        }
        for (Runs.Run run : Runs.slots(s.swap())) {
            SlotState sl = s.swap().get(run.from());
            String id = "slot-" + sl.slot();
            for (int k = run.from(); k < run.to(); k++) {
                slotIds.put(s.swap().get(k).slot(), id);
            }
            boxes.add(node(id, (run.size() > 1 ? "swap slots " + sl.slot() + ".." + s.swap().get(run.to() - 1).slot()
                    : "swap slot " + sl.slot()) + "  '" + sl.content() + "'", "swap count " + sl.count()));
        }
        for (FileState f : s.files()) {
            boxes.add(node("file-" + f.name(), f.name() + (f.shmem() ? " (shmem)" : "") + ", " + f.pages()
                    + (f.pages() == 1 ? " page" : " pages")));
        }
        return boxes;
    }

    private static Box text(String id, Kind kind, String line) {
        return new Box(id, kind, List.of(line), WHITE, BLACK, List.of());
    }

    /** A box of lines, the empty ones left out; a frame {@code f} is shaded when exclusive and red when pinned. */
    private Box node(String id, FrameState f, String... lines) {
        return box(id, f != null && f.exclusive() && exclusiveFlag ? EXCLUSIVE : WHITE,
                f != null && f.pins() > 0 ? PINNED : BLACK, lines);
    }

    private static Box node(String id, String... lines) {
        return box(id, WHITE, BLACK, lines);
    }

    private static Box box(String id, String fill, String stroke, String... lines) {
        List<String> shown = java.util.Arrays.stream(lines).filter(l -> !l.isEmpty()).toList();
        return new Box(id, Kind.NODE, shown, fill, stroke, List.of());
    }

    private static String page(FrameState f) {
        return "'" + f.content() + "'  mapcount " + f.mapcount();
    }

    private String flags(FrameState f) {
        List<String> l = new ArrayList<>();
        if (f.pins() > 0) {
            l.add("pins " + f.pins());
        }
        if (f.exclusive() && exclusiveFlag) {
            l.add("PG_anon_exclusive");
        }
        if (f.swapCache()) {
            l.add("swap cache");
        }
        if (f.dirty()) {
            l.add("dirty");
        }
        if (f.cacheOf() != null) {
            l.add("caches " + f.cacheOf());
        }
        return String.join(", ", l);
    }

    private void arrow(String from, String to, Style style, String label, boolean rightward) {
        if (to != null) {
            arrows.add(new Arrow(from, to, style, label, rightward));
        }
    }
}
