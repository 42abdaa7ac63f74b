package org.mmsim.core.report;

import java.util.ArrayList;
import java.util.List;
import org.mmsim.core.mm.MachineState;
import org.mmsim.core.mm.MachineState.FileState;
import org.mmsim.core.mm.MachineState.FolioState;
import org.mmsim.core.mm.MachineState.FrameState;
import org.mmsim.core.mm.MachineState.HandleState;
import org.mmsim.core.mm.MachineState.ProcessState;
import org.mmsim.core.mm.MachineState.PteState;
import org.mmsim.core.mm.MachineState.RegionState;
import org.mmsim.core.mm.MachineState.SlotState;
import org.mmsim.core.mm.MachineState.VmaState;

/**
 * The machine as text, for {@code run --state}: processes with their page-table entries, then
 * frames (a large folio as one line with its counts, then its pages, alike neighbours folded into one
 * line), swap slots (alike neighbours folded too), files and handles. The exclusive bits are shown only under policies that
 * keep PG_anon_exclusive.
 */
public final class StateText {
    private StateText() {
    }

    public static List<String> lines(MachineState s) {
        List<String> out = new ArrayList<>();
        out.add("processes");
        for (ProcessState p : s.processes()) {
            out.add("  " + p.name() + (p.parent() == null ? "" : " (forked from " + p.parent() + ")")
                    + (p.alive() ? "" : " exited"));
            for (RegionState r : p.regions()) {
                out.add("    " + r.name() + ": " + r.kind() + ", " + r.pages() + (r.pages() == 1 ? " page" : " pages")
                        + (r.offset() > 0 ? " from page " + r.offset() : "") + ", " + vmas(r));
                ptes(r, s.exclusiveFlag(), out);
            }
        }
        out.add("frames");
        for (Runs.FrameGroup g : Runs.byFolio(s)) {
            FrameState f = g.pages().get(0);
            if (g.folio() == null) {
                out.add("  #" + f.id() + "  " + f.kind() + " '" + f.content() + "'  refcount " + f.refcount()
                        + "  mapcount " + f.mapcount() + flags(f, s.exclusiveFlag()));
            } else {
                out.add("  " + folio(g.folio(), f.kind()));
                pages(g.pages(), s.exclusiveFlag(), out);
            }
        }
        if (!s.swap().isEmpty()) {
            out.add("swap slots");
            for (Runs.Run run : Runs.slots(s.swap())) {
                SlotState sl = s.swap().get(run.from());
                out.add("  slot" + (run.size() > 1 ? "s " + sl.slot() + ".." + s.swap().get(run.to() - 1).slot()
                        : " " + sl.slot()) + "  swap count " + sl.count() + "  holds '" + sl.content() + "'"
                        + (sl.cacheFrame() >= 0 ? "  in the swap cache as #" + sl.cacheFrame() : ""));
            }
        }
        if (!s.files().isEmpty()) {
            out.add("files");
            for (FileState f : s.files()) {
                StringBuilder sb = new StringBuilder("  " + f.name() + (f.shmem() ? " (shared memory)" : "") + ", "
                        + f.pages() + (f.pages() == 1 ? " page" : " pages"));
                f.cached().forEach(c -> sb.append(", [").append(c.index()).append("] cached as #").append(c.frame()));
                f.stored().forEach(c -> sb.append(", [").append(c.index()).append("] written out holding '")
                        .append(c.content()).append('\''));
                out.add(sb.toString());
            }
        }
        if (!s.handles().isEmpty()) {
            out.add("handles");
            for (HandleState h : s.handles()) {
                out.add("  " + h.name() + "  " + (h.pin() ? "FOLL_PIN" : "FOLL_GET") + (h.write() ? " rw" : " ro")
                        + (h.longterm() ? " longterm" : "") + "  holds #" + h.frame() + ", taken at " + h.process() + " "
                        + h.page() + (h.detached() ? " (detached: unmapped or zapped since)" : ""));
            }
        }
        return out;
    }

    /** {@code folio #1..#4  16K anon  refcount 6  mapcount 6  entire 0  mapped by p0, p1}. */
    private static String folio(FolioState f, String kind) {
        String what = f.hugeZero() ? "huge zeropage" : f.hugetlb() ? kind + " hugetlb" : kind;
        return "folio #" + f.head() + "..#" + (f.head() + f.pages() - 1) + "  " + f.size() + " " + what
                + "  refcount " + f.refcount() + "  mapcount " + f.mapcount() + "  entire " + f.entireMapCount()
                + (f.pins() > 0 ? "  pins " + f.pins() : "")
                + (f.mappedBy().isEmpty() ? "  unmapped" : "  mapped by " + String.join(", ", f.mappedBy()));
    }

    /** A folio's pages, a run of alike neighbours (same content, map count and flags) on one line. */
    private static void pages(List<FrameState> pages, boolean exclusiveFlag, List<String> out) {
        for (Runs.Run run : Runs.of(pages, (p, q) -> page(p, exclusiveFlag).equals(page(q, exclusiveFlag)))) {
            FrameState f = pages.get(run.from());
            out.add("    #" + f.id() + (run.size() > 1 ? "..#" + pages.get(run.to() - 1).id() : "") + "  "
                    + page(f, exclusiveFlag));
        }
    }

    private static String page(FrameState f, boolean exclusiveFlag) {
        return "'" + f.content() + "'  mapcount " + f.mapcount() + flags(f, exclusiveFlag);
    }

    private static String flags(FrameState f, boolean exclusiveFlag) {
        return (f.pins() > 0 ? "  pins " + f.pins() : "") + (f.exclusive() && exclusiveFlag ? "  PG_anon_exclusive" : "")
                + (f.swapCache() ? "  swap cache (slot " + f.slot() + ")" : "") + (f.dirty() ? "  dirty" : "")
                + (f.cacheOf() != null ? "  caches " + f.cacheOf() : "");
    }

    private static String vmas(RegionState r) {
        List<String> parts = new ArrayList<>();
        for (VmaState v : r.vmas()) {
            String range = v.end() - v.start() == r.pages() ? "" : "[" + v.start() + ".." + (v.end() - 1) + "] ";
            parts.add(range + (v.writable() ? "rw" : "ro") + (v.dontfork() ? " dontfork" : ""));
        }
        return parts.isEmpty() ? "unmapped" : String.join(", ", parts);
    }

    /**
     * A region's entries; a run of neighbours that map neighbouring frames alike (a PMD, a PTE-mapped
     * folio) is one line: {@code buf[0..511]  #1..#512, huge, read-only}.
     */
    private static void ptes(RegionState r, boolean exclusiveFlag, List<String> out) {
        List<PteState> ptes = r.ptes();
        for (Runs.Run run : Runs.of(ptes, StateText::continues)) {
            PteState a = ptes.get(run.from());
            PteState z = ptes.get(run.to() - 1);
            String what = run.size() == 1 ? pte(a, exclusiveFlag) : a.state().equals("swap")
                    ? "swap entries, slots " + a.slot() + ".." + z.slot() + (a.exclusive() && exclusiveFlag ? ", exclusive" : "")
                    : "#" + a.frame() + "..#" + z.frame() + pte(a, exclusiveFlag).substring(("#" + a.frame()).length());
            out.add("      " + r.name() + "[" + a.index() + (run.size() > 1 ? ".." + z.index() : "") + "]  " + what);
        }
    }

    /**
     * Whether entry q continues p's run: it maps the frame after p's alike (neighbouring present
     * entries of a PMD or a folio), or names the swap slot after p's alike (a swapped-out folio).
     */
    static boolean continues(PteState p, PteState q) {
        if (q.index() != p.index() + 1 || !q.state().equals(p.state())) {
            return false;
        }
        return p.state().equals("swap") ? q.slot() == p.slot() + 1 && q.exclusive() == p.exclusive()
                : q.frame() == p.frame() + 1 && q.writable() == p.writable() && q.dirty() == p.dirty()
                && q.huge() == p.huge();
    }

    private static String pte(PteState e, boolean exclusiveFlag) {
        if (e.state().equals("swap")) {
            return "swap entry, slot " + e.slot() + (e.exclusive() && exclusiveFlag ? ", exclusive" : "");
        }
        return "#" + e.frame() + (e.huge() ? ", huge" : "") + (e.writable() ? ", writable" : ", read-only")
                + (e.dirty() ? ", dirty" : "");
    }
}
