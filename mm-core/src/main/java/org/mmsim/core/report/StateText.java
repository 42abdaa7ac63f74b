package org.mmsim.core.report;

import java.util.ArrayList;
import java.util.List;
import org.mmsim.core.mm.MachineState;
import org.mmsim.core.mm.MachineState.FileState;
import org.mmsim.core.mm.MachineState.FrameState;
import org.mmsim.core.mm.MachineState.HandleState;
import org.mmsim.core.mm.MachineState.ProcessState;
import org.mmsim.core.mm.MachineState.PteState;
import org.mmsim.core.mm.MachineState.RegionState;
import org.mmsim.core.mm.MachineState.SlotState;
import org.mmsim.core.mm.MachineState.VmaState;

/**
 * The machine as text, for {@code run --state}: processes with their page-table entries, then
 * frames, swap slots, files and handles. The exclusive bits are shown only under policies that
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
                for (PteState e : r.ptes()) {
                    out.add("      " + r.name() + "[" + e.index() + "]  " + pte(e, s.exclusiveFlag()));
                }
            }
        }
        out.add("frames");
        for (FrameState f : s.frames()) {
            out.add("  #" + f.id() + "  " + f.kind() + " '" + f.content() + "'  refcount " + f.refcount()
                    + "  mapcount " + f.mapcount() + (f.pins() > 0 ? "  pins " + f.pins() : "")
                    + (f.exclusive() && s.exclusiveFlag() ? "  PG_anon_exclusive" : "")
                    + (f.swapCache() ? "  swap cache (slot " + f.slot() + ")" : "") + (f.dirty() ? "  dirty" : "")
                    + (f.cacheOf() != null ? "  caches " + f.cacheOf() : ""));
        }
        if (!s.swap().isEmpty()) {
            out.add("swap slots");
            for (SlotState sl : s.swap()) {
                out.add("  slot " + sl.slot() + "  swap count " + sl.count() + "  holds '" + sl.content() + "'"
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

    private static String vmas(RegionState r) {
        List<String> parts = new ArrayList<>();
        for (VmaState v : r.vmas()) {
            String range = v.end() - v.start() == r.pages() ? "" : "[" + v.start() + ".." + (v.end() - 1) + "] ";
            parts.add(range + (v.writable() ? "rw" : "ro") + (v.dontfork() ? " dontfork" : ""));
        }
        return parts.isEmpty() ? "unmapped" : String.join(", ", parts);
    }

    private static String pte(PteState e, boolean exclusiveFlag) {
        if (e.state().equals("swap")) {
            return "swap entry, slot " + e.slot() + (e.exclusive() && exclusiveFlag ? ", exclusive" : "");
        }
        return "#" + e.frame() + (e.writable() ? ", writable" : ", read-only") + (e.dirty() ? ", dirty" : "");
    }
}
