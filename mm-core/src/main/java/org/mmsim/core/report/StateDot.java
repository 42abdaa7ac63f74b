package org.mmsim.core.report;

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
 * The machine as a Graphviz graph, for {@code run --state LINE --format dot}: each process a box of
 * its page tables, one row per entry (runs of a PMD or a folio folded into one row), an arrow from
 * each present entry to its frame and from each swap entry to its slot; a large folio a box around
 * its pages; handles and file pages with dashed and dotted arrows to the frames they hold.
 */
public final class StateDot {
    private StateDot() {
    }

    /** The graph, titled {@code title} (the scenario, the line, the policy, the statement and its outcome). */
    public static String of(MachineState s, String title) {
        StringBuilder g = new StringBuilder();
        g.append("digraph mmsim {\n  rankdir=LR;\n  labelloc=t;\n  label=").append(quote(title)).append(";\n")
                .append("  node [fontname=\"monospace\", fontsize=10];\n  edge [fontname=\"monospace\", fontsize=9];\n");
        Map<Integer, String> nodeOf = frames(s, g);
        Map<Integer, String> slotNode = new java.util.HashMap<>(); // a run of alike slots is one node, as in the text
        for (Runs.Run run : Runs.slots(s.swap())) {
            for (int k = run.from(); k < run.to(); k++) {
                slotNode.put(s.swap().get(k).slot(), "slot" + s.swap().get(run.from()).slot());
            }
        }
        for (ProcessState p : s.processes()) {
            g.append("  subgraph \"cluster_p").append(p.pid()).append("\" {\n    label=").append(quote(p.name()
                    + (p.parent() == null ? "" : " (forked from " + p.parent() + ")") + (p.alive() ? "" : " exited")))
                    .append(";\n");
            for (RegionState r : p.regions()) {
                g.append("    ").append(quote(regionNode(p, r))).append(" [shape=plaintext, label=<")
                        .append(table(r, s.exclusiveFlag())).append(">];\n");
            }
            if (p.regions().isEmpty()) { // an empty cluster would not be drawn at all
                g.append("    ").append(quote(p.name() + ".")).append(" [shape=plaintext, label=\"(no mappings)\"];\n");
            }
            g.append("  }\n");
            for (RegionState r : p.regions()) {
                List<PteState> ptes = r.ptes();
                for (Runs.Run run : Runs.of(ptes, StateText::continues)) {
                    PteState e = ptes.get(run.from());
                    String to = quote(e.state().equals("swap") ? slotNode.get(e.slot()) : nodeOf.get(e.frame()));
                    g.append("  ").append(quote(regionNode(p, r))).append(":e").append(run.from()).append(" -> ")
                            .append(to).append(run.size() > 1 ? " [label=\"x" + run.size() + "\"]" : "").append(";\n");
                }
            }
        }
        for (Runs.Run run : Runs.slots(s.swap())) {
            SlotState sl = s.swap().get(run.from());
            g.append("  ").append(quote("slot" + sl.slot())).append(" [shape=cylinder, label=").append(quote(
                    (run.size() > 1 ? "slots " + sl.slot() + ".." + s.swap().get(run.to() - 1).slot() : "slot " + sl.slot())
                    + "\n'" + sl.content() + "'\nswap count " + sl.count())).append("];\n");
            if (sl.cacheFrame() >= 0) {
                g.append("  ").append(quote("slot" + sl.slot())).append(" -> ").append(quote(nodeOf.get(sl.cacheFrame())))
                        .append(" [style=dotted, label=\"swap cache\"];\n");
            }
        }
        for (FileState f : s.files()) {
            String node = "file " + f.name();
            g.append("  ").append(quote(node)).append(" [shape=folder, label=").append(quote(f.name()
                    + (f.shmem() ? " (shmem)" : "") + ", " + f.pages() + (f.pages() == 1 ? " page" : " pages")))
                    .append("];\n");
            f.cached().forEach(c -> g.append("  ").append(quote(node)).append(" -> ").append(quote(nodeOf.get(c.frame())))
                    .append(" [style=dotted, label=").append(quote("[" + c.index() + "]")).append("];\n"));
        }
        for (HandleState h : s.handles()) {
            String node = "handle " + h.name();
            g.append("  ").append(quote(node)).append(" [shape=ellipse, label=").append(quote(h.name() + "\n"
                    + (h.pin() ? "FOLL_PIN" : "FOLL_GET") + (h.write() ? " rw" : " ro") + (h.longterm() ? " longterm" : "")
                    + "\ntaken at " + h.process() + " " + h.page() + (h.detached() ? " (detached)" : ""))).append("];\n");
            g.append("  ").append(quote(node)).append(" -> ").append(quote(nodeOf.get(h.frame())))
                    .append(" [style=dashed];\n");
        }
        return g.append("}\n").toString();
    }

    /** Writes the frame nodes (a folio's in a box of their own, alike neighbours folded) and maps each frame to its node. */
    private static Map<Integer, String> frames(MachineState s, StringBuilder g) {
        Map<Integer, String> nodeOf = new HashMap<>();
        for (Runs.FrameGroup group : Runs.byFolio(s)) {
            FrameState f = group.pages().get(0);
            FolioState folio = group.folio();
            if (folio == null) {
                nodeOf.put(f.id(), "f" + f.id());
                g.append("  ").append(quote("f" + f.id())).append(" [shape=box").append(fill(f, s.exclusiveFlag()))
                        .append(", label=").append(quote("#" + f.id() + " " + f.kind() + " '" + f.content() + "'\nrefcount "
                                + f.refcount() + " mapcount " + f.mapcount() + flags(f, s.exclusiveFlag()))).append("];\n");
                continue;
            }
            List<FrameState> pages = group.pages();
            g.append("  subgraph \"cluster_folio").append(folio.head()).append("\" {\n    label=").append(quote("folio #"
                    + folio.head() + "..#" + (folio.head() + folio.pages() - 1) + " " + folio.size()
                    + (folio.hugeZero() ? " huge zeropage" : folio.hugetlb() ? " hugetlb" : "") + "\nrefcount "
                    + folio.refcount() + " mapcount " + folio.mapcount() + " entire " + folio.entireMapCount()
                    + (folio.pins() > 0 ? " pins " + folio.pins() : ""))).append(";\n");
            for (Runs.Run run : Runs.of(pages, (p, q) -> page(p, s.exclusiveFlag()).equals(page(q, s.exclusiveFlag())))) {
                FrameState a = pages.get(run.from());
                String node = "f" + a.id();
                for (int k = run.from(); k < run.to(); k++) {
                    nodeOf.put(pages.get(k).id(), node);
                }
                String ids = "#" + a.id() + (run.size() > 1 ? "..#" + pages.get(run.to() - 1).id() : "");
                g.append("    ").append(quote(node)).append(" [shape=box").append(fill(a, s.exclusiveFlag()))
                        .append(", label=").append(quote(ids + "\n" + page(a, s.exclusiveFlag()))).append("];\n");
            }
            g.append("  }\n");
        }
        return nodeOf;
    }

    private static String page(FrameState f, boolean exclusiveFlag) {
        return "'" + f.content() + "' mapcount " + f.mapcount() + flags(f, exclusiveFlag);
    }

    private static String flags(FrameState f, boolean exclusiveFlag) {
        return (f.pins() > 0 ? "\npins " + f.pins() : "") + (f.exclusive() && exclusiveFlag ? "\nPG_anon_exclusive" : "")
                + (f.swapCache() ? "\nswap cache" : "") + (f.dirty() ? "\ndirty" : "")
                + (f.cacheOf() != null ? "\ncaches " + f.cacheOf() : "");
    }

    /** Exclusive anonymous pages are shaded: the page a write may reuse in place. */
    private static String fill(FrameState f, boolean exclusiveFlag) {
        return f.exclusive() && exclusiveFlag ? ", style=filled, fillcolor=\"#dde8f6\"" : "";
    }

    private static String regionNode(ProcessState p, RegionState r) {
        return p.name() + "." + r.name();
    }

    /** A region's page table as an HTML-like table: a header, then one row (port e<i>) per run of entries. */
    private static String table(RegionState r, boolean exclusiveFlag) {
        StringBuilder t = new StringBuilder("<table border=\"0\" cellborder=\"1\" cellspacing=\"0\">");
        t.append("<tr><td><b>").append(html(r.name() + ": " + r.kind() + ", " + r.pages()
                + (r.pages() == 1 ? " page" : " pages"))).append("</b></td></tr>");
        List<PteState> ptes = r.ptes();
        for (Runs.Run run : Runs.of(ptes, StateText::continues)) {
            PteState a = ptes.get(run.from());
            PteState z = ptes.get(run.to() - 1);
            String what = a.state().equals("swap") ? (run.size() > 1 ? "swap entries" : "swap entry")
                    + (a.exclusive() && exclusiveFlag ? ", exclusive" : "")
                    : (a.huge() ? "huge, " : "") + (a.writable() ? "writable" : "read-only") + (a.dirty() ? ", dirty" : "");
            t.append("<tr><td port=\"e").append(run.from()).append("\" align=\"left\">")
                    .append(html(r.name() + "[" + a.index() + (run.size() > 1 ? ".." + z.index() : "") + "]  " + what))
                    .append("</td></tr>");
        }
        if (ptes.isEmpty()) {
            t.append("<tr><td>(nothing mapped)</td></tr>");
        }
        return t.append("</table>").toString();
    }

    /** A DOT string: quoted, with backslashes and quotes escaped and new lines as {@code \n}. */
    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** Text inside an HTML-like label. */
    static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
