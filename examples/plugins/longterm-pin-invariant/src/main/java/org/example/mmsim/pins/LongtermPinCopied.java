package org.example.mmsim.pins;

import org.mmsim.api.Invariant;
import org.mmsim.api.MachineView;
import org.mmsim.api.PteView;

/**
 * No anonymous page is copied while a long-term pin holds it: the frame a live long-term pin holds
 * is still the one its process maps at the pinned address (the guarantee FOLL_LONGTERM users such
 * as RDMA and vfio rely on; what CVE-2020-29374 broke). A pin whose mapping went away is exempt.
 */
public final class LongtermPinCopied implements Invariant {
    @Override
    public String name() {
        return "longterm-pin-copied";
    }

    @Override
    public String description() {
        return "no anonymous page is copied while a long-term pin holds it";
    }

    @Override
    public void check(MachineView machine, Violations out) {
        for (MachineView.Handle h : machine.handles()) {
            MachineView.Frame pinned = h.frame();
            if (!h.pin() || !h.longterm() || h.detached() || pinned == null || !pinned.anon()) {
                continue;
            }
            for (MachineView.Process p : machine.processes()) {
                if (!p.name().equals(h.process())) {
                    continue;
                }
                for (MachineView.Mapping m : p.mappings()) {
                    if (!m.name().equals(h.mapping()) || m.pte(h.index()).state() != PteView.State.PRESENT) {
                        continue;
                    }
                    MachineView.Frame mapped = m.frame(h.index());
                    if (mapped.id() != pinned.id()) {
                        out.report("handle " + h.name(), "long-term pin " + h.name() + " holds #" + pinned.id()
                                + " but " + p.name() + " " + m.name() + "[" + h.index() + "] now maps a copy, #"
                                + mapped.id() + " ('" + mapped.content() + "')");
                    }
                }
            }
        }
    }
}
