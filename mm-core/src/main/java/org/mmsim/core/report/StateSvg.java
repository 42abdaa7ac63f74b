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

/**
 * The machine as an SVG drawn by mmsim itself, for {@code run --state LINE --format svg}: three
 * columns, the processes' page tables (one row per entry, runs folded as in the text), the frames
 * (a large folio as a box around its pages), then handles, swap slots and files; an arrow from each
 * entry, handle and file page to what it refers to. Every box has an id ({@code pte-P-R-i},
 * {@code frame-N}, {@code handle-H}, {@code slot-N}, {@code file-F}) and every arrow says what it
 * joins ({@code data-from}, {@code data-to}), so that a reader, a test or a report can find them.
 */
public final class StateSvg {
    private static final int ROW = 18;
    private static final int GAP = 12;
    private static final int LEFT_X = 10;
    private static final int LEFT_W = 300;
    private static final int MID_X = 420;
    private static final int MID_W = 250;
    private static final int RIGHT_X = 780;
    private static final int RIGHT_W = 260;
    private static final String EXCLUSIVE = "#dde8f6";

    private final StringBuilder body = new StringBuilder();
    private final StringBuilder edges = new StringBuilder();
    /** Where each element's arrows attach: id -> {left x, right x, middle y}. */
    private final Map<String, int[]> anchors = new HashMap<>();
    private final boolean exclusiveFlag;

    private StateSvg(boolean exclusiveFlag) {
        this.exclusiveFlag = exclusiveFlag;
    }

    /** The drawing, titled {@code title}. */
    public static String of(MachineState s, String title) {
        StateSvg d = new StateSvg(s.exclusiveFlag());
        Map<Integer, String> frameIds = new HashMap<>();
        int mid = d.frames(s, 40, frameIds);
        int right = d.others(s, 40);
        int left = d.processes(s, 40, frameIds);
        for (HandleState h : s.handles()) {
            d.arrow("handle-" + h.name(), frameIds.get(h.frame()), false, "handle");
        }
        for (FileState f : s.files()) {
            f.cached().forEach(c -> d.arrow("file-" + f.name(), frameIds.get(c.frame()), false, "cache"));
        }
        for (SlotState sl : s.swap()) {
            if (sl.cacheFrame() >= 0) {
                d.arrow("slot-" + sl.slot(), frameIds.get(sl.cacheFrame()), false, "cache");
            }
        }
        int height = Math.max(left, Math.max(mid, right)) + 20;
        int width = RIGHT_X + RIGHT_W + 20;
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + width + " " + height + "\" font-family=\"monospace\" font-size=\"11\">\n"
                + "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" "
                + "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\"/></marker></defs>\n"
                + "<text x=\"" + LEFT_X + "\" y=\"20\" font-size=\"13\" font-weight=\"bold\">" + xml(title) + "</text>\n"
                + d.body + d.edges + "</svg>\n";
    }

    /** The processes' page tables, down the left column; returns where the column ends. */
    private int processes(MachineState s, int y, Map<Integer, String> frameIds) {
        for (ProcessState p : s.processes()) {
            text(LEFT_X, y + 13, p.name() + (p.parent() == null ? "" : " (forked from " + p.parent() + ")")
                    + (p.alive() ? "" : " exited"), true);
            y += ROW + 4;
            if (p.regions().isEmpty()) {
                text(LEFT_X + 8, y + 13, "(no mappings)", false);
                y += ROW;
            }
            for (RegionState r : p.regions()) {
                box(null, LEFT_X, y, LEFT_W, ROW, "#f0f0f0", r.name() + ": " + r.kind() + ", " + r.pages()
                        + (r.pages() == 1 ? " page" : " pages"));
                y += ROW;
                List<PteState> ptes = r.ptes();
                for (Runs.Run run : Runs.of(ptes, StateText::continues)) {
                    PteState a = ptes.get(run.from());
                    PteState z = ptes.get(run.to() - 1);
                    String id = "pte-" + p.name() + "-" + r.name() + "-" + a.index();
                    boolean swap = a.state().equals("swap");
                    String what = swap ? "swap entry" + (a.exclusive() && exclusiveFlag ? ", exclusive" : "")
                            : (a.huge() ? "huge, " : "") + (a.writable() ? "writable" : "read-only") + (a.dirty() ? ", dirty" : "");
                    box(id, LEFT_X, y, LEFT_W, ROW, "white", r.name() + "[" + a.index()
                            + (run.size() > 1 ? ".." + z.index() : "") + "]  " + what);
                    arrow(id, swap ? "slot-" + a.slot() : frameIds.get(a.frame()), true,
                            run.size() > 1 ? "x" + run.size() : null);
                    y += ROW;
                }
            }
            y += GAP;
        }
        return y;
    }

    /** The frames down the middle column, a large folio as a box around its (folded) pages. */
    private int frames(MachineState s, int y, Map<Integer, String> frameIds) {
        for (Runs.FrameGroup group : Runs.byFolio(s)) {
            FrameState f = group.pages().get(0);
            FolioState folio = group.folio();
            if (folio == null) {
                String id = "frame-" + f.id();
                frameIds.put(f.id(), id);
                y = frame(id, MID_X, y, MID_W, List.of("#" + f.id() + " " + f.kind() + " '" + f.content() + "'",
                        "refcount " + f.refcount() + "  mapcount " + f.mapcount(), flags(f)), f) + GAP / 2;
                continue;
            }
            List<FrameState> pages = group.pages();
            int top = y;
            y += 2 * ROW;
            List<Runs.Run> runs = Runs.of(pages, (p, q) -> page(p).equals(page(q)));
            int inner = y;
            for (Runs.Run run : runs) {
                FrameState a = pages.get(run.from());
                String id = "frame-" + a.id();
                for (int k = run.from(); k < run.to(); k++) {
                    frameIds.put(pages.get(k).id(), id);
                }
                inner = frame(id, MID_X + 10, inner, MID_W - 20, List.of("#" + a.id()
                        + (run.size() > 1 ? "..#" + pages.get(run.to() - 1).id() : "") + "  " + page(a), flags(a)), a) + 4;
            }
            body.append("<rect class=\"folio\" id=\"folio-").append(folio.head()).append("\" x=\"").append(MID_X)
                    .append("\" y=\"").append(top).append("\" width=\"").append(MID_W).append("\" height=\"")
                    .append(inner - top + 6).append("\" fill=\"none\" stroke=\"#555\" stroke-dasharray=\"4 2\"/>\n");
            text(MID_X + 6, top + 13, "folio #" + folio.head() + "..#" + (folio.head() + folio.pages() - 1) + " "
                    + folio.size() + (folio.hugeZero() ? " huge zeropage" : folio.hugetlb() ? " hugetlb" : ""), true);
            text(MID_X + 6, top + 13 + ROW - 4, "refcount " + folio.refcount() + "  mapcount " + folio.mapcount()
                    + "  entire " + folio.entireMapCount() + (folio.pins() > 0 ? "  pins " + folio.pins() : ""), false);
            y = inner + 6 + GAP / 2;
        }
        return y;
    }

    /** Handles, swap slots and files down the right column. */
    private int others(MachineState s, int y) {
        for (HandleState h : s.handles()) {
            y = frame("handle-" + h.name(), RIGHT_X, y, RIGHT_W, List.of(h.name() + "  " + (h.pin() ? "FOLL_PIN" : "FOLL_GET")
                    + (h.write() ? " rw" : " ro") + (h.longterm() ? " longterm" : ""), "taken at " + h.process() + " "
                    + h.page() + (h.detached() ? " (detached)" : "")), null) + GAP / 2;
        }
        for (SlotState sl : s.swap()) {
            y = frame("slot-" + sl.slot(), RIGHT_X, y, RIGHT_W, List.of("swap slot " + sl.slot() + "  '" + sl.content() + "'",
                    "swap count " + sl.count()), null) + GAP / 2;
        }
        for (FileState f : s.files()) {
            y = frame("file-" + f.name(), RIGHT_X, y, RIGHT_W, List.of(f.name() + (f.shmem() ? " (shmem)" : "") + ", "
                    + f.pages() + (f.pages() == 1 ? " page" : " pages")), null) + GAP / 2;
        }
        return y;
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

    /** A box of text lines (empty ones left out); returns its bottom. */
    private int frame(String id, int x, int y, int w, List<String> lines, FrameState f) {
        List<String> shown = lines.stream().filter(l -> !l.isEmpty()).toList();
        int h = shown.size() * (ROW - 4) + 6;
        String fill = f != null && f.exclusive() && exclusiveFlag ? EXCLUSIVE : "white";
        body.append("<g class=\"node\" id=\"").append(xml(id)).append("\"><rect x=\"").append(x).append("\" y=\"")
                .append(y).append("\" width=\"").append(w).append("\" height=\"").append(h).append("\" fill=\"")
                .append(fill).append("\" stroke=\"").append(f != null && f.pins() > 0 ? "#b00" : "#333").append("\"/>");
        for (int k = 0; k < shown.size(); k++) {
            body.append("<text x=\"").append(x + 5).append("\" y=\"").append(y + 13 + k * (ROW - 4)).append("\">")
                    .append(xml(shown.get(k))).append("</text>");
        }
        body.append("</g>\n");
        anchors.put(id, new int[] {x, x + w, y + h / 2});
        return y + h;
    }

    private void box(String id, int x, int y, int w, int h, String fill, String label) {
        body.append("<g class=\"row\"").append(id == null ? "" : " id=\"" + xml(id) + "\"").append("><rect x=\"")
                .append(x).append("\" y=\"").append(y).append("\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" fill=\"").append(fill).append("\" stroke=\"#333\"/><text x=\"").append(x + 5).append("\" y=\"")
                .append(y + 13).append("\">").append(xml(label)).append("</text></g>\n");
        if (id != null) {
            anchors.put(id, new int[] {x, x + w, y + h / 2});
        }
    }

    private void text(int x, int y, String s, boolean bold) {
        body.append("<text x=\"").append(x).append("\" y=\"").append(y).append("\"")
                .append(bold ? " font-weight=\"bold\"" : "").append(">").append(xml(s)).append("</text>\n");
    }

    /**
     * An arrow from element {@code from} to element {@code to} (both drawn already, or {@code from}
     * drawn right now): from its right edge to the target's left edge when {@code rightward}, else
     * from its left edge to the target's right edge; {@code label} on the way (or null).
     */
    private void arrow(String from, String to, boolean rightward, String label) {
        int[] a = anchors.get(from);
        int[] b = to == null ? null : anchors.get(to);
        if (a == null || b == null) {
            return;
        }
        int x1 = rightward ? a[1] : a[0];
        int x2 = rightward ? b[0] : b[1];
        int dx = Math.max(30, Math.abs(x2 - x1) / 2) * (rightward ? 1 : -1);
        String style = "handle".equals(label) ? " stroke-dasharray=\"6 3\"" : "cache".equals(label)
                ? " stroke-dasharray=\"2 2\"" : "";
        edges.append("<path class=\"edge\" data-from=\"").append(xml(from)).append("\" data-to=\"").append(xml(to))
                .append("\" d=\"M ").append(x1).append(' ').append(a[2]).append(" C ").append(x1 + dx).append(' ')
                .append(a[2]).append(", ").append(x2 - dx).append(' ').append(b[2]).append(", ").append(x2).append(' ')
                .append(b[2]).append("\" fill=\"none\" stroke=\"#333\"").append(style)
                .append(" marker-end=\"url(#arrow)\"/>\n");
        if (label != null && !"handle".equals(label) && !"cache".equals(label)) {
            edges.append("<text x=\"").append(x1 + 6).append("\" y=\"").append(a[2] - 3).append("\" font-size=\"9\">")
                    .append(xml(label)).append("</text>\n");
        }
    }

    private static String xml(String s) {
        return StateDot.html(s); // the same escaping as Graphviz's HTML-like labels
    }
}
