package org.mmsim.core.explore;

import java.util.List;
import java.util.Optional;
import org.mmsim.core.mm.Machine;
import org.mmsim.core.mm.MachineState;
import org.mmsim.core.mm.Violation;

/**
 * The statements that end a counterexample by making its violation visible to a scenario: a read
 * or peek whose expectation names what the broken object should show, so that {@code mmsim run}
 * of the file fails on an expectation, not only on an invariant. Bookkeeping invariants
 * (accounting, anon-exclusive, unpin-nonexclusive, leak) have no such statement.
 */
final class Observation {
    /** A value no explored statement writes, to see where a write through one side arrives. */
    static final String PROBE = "PROBE";

    private Observation() {
    }

    /** The statements, each with its {@code expect}, for violation v of the machine {@code end}; may be empty. */
    static List<String> of(Machine end, Violation v) {
        switch (v.invariant()) {
            case Violation.ISOLATION, Violation.LOST_WRITE -> {
                if (v.entitled() == null) {
                    return List.of();
                }
                String look = (v.object().startsWith("handle ") ? "peek " + v.object().substring(7)
                        : "read " + v.object()) + " expect " + Findings.quote(v.entitled());
                MachineState s = end.state();
                int frame = frameOf(s, v.object());
                boolean sameValue = s.frames().stream().anyMatch(f -> f.id() == frame
                        && f.content().equals(v.entitled()));
                if (!sameValue) {
                    return List.of(look);
                }
                // the leaked write stored the value the observer should see anyway: store another
                // through a writable mapping of the same page, which the observer then sees too
                return writerOf(s, frame, v.object()).map(w -> List.of("write " + w + " " + PROBE, look))
                        .orElse(List.of());
            }
            case Violation.PIN_COHERENCE -> {
                return pin(end.state(), v.object().substring("pin ".length()));
            }
            default -> {
                return List.of();
            }
        }
    }

    /** The frame an object such as {@code p1 buf[0]} or {@code handle h0} shows, or -1. */
    private static int frameOf(MachineState s, String object) {
        if (object.startsWith("handle ")) {
            String h = object.substring(7);
            return s.handles().stream().filter(x -> x.name().equals(h)).mapToInt(MachineState.HandleState::frame)
                    .findFirst().orElse(-1);
        }
        String process = object.substring(0, object.indexOf(' '));
        String page = object.substring(object.indexOf(' ') + 1);
        return s.processes().stream().filter(p -> p.name().equals(process)).flatMap(p -> p.regions().stream())
                .flatMap(r -> r.ptes().stream().filter(e -> page.equals(r.name() + "[" + e.index() + "]")))
                .mapToInt(MachineState.PteState::frame).findFirst().orElse(-1);
    }

    /** {@code p0 buf[0]}: a writable mapping of the frame in another live process than the object's. */
    private static Optional<String> writerOf(MachineState s, int frame, String object) {
        String observer = object.startsWith("handle ") ? null : object.substring(0, object.indexOf(' '));
        return s.processes().stream().filter(p -> p.alive() && !p.name().equals(observer))
                .flatMap(p -> p.regions().stream().flatMap(r -> r.ptes().stream()
                        .filter(e -> e.frame() == frame && e.writable())
                        .map(e -> p.name() + " " + r.name() + "[" + e.index() + "]")))
                .findFirst();
    }

    /**
     * A write through the mapping that the pin must see, or a device write through the pin that the
     * mapping must show, whichever the mapping and the pin allow.
     */
    private static List<String> pin(MachineState s, String handle) {
        Optional<MachineState.HandleState> h = s.handles().stream().filter(x -> x.name().equals(handle)).findFirst();
        if (h.isEmpty()) {
            return List.of();
        }
        String process = h.get().process();
        String page = h.get().page();
        String region = page.substring(0, page.indexOf('['));
        long index = Long.parseLong(page.substring(page.indexOf('[') + 1, page.length() - 1));
        boolean writable = s.processes().stream().filter(p -> p.name().equals(process) && p.alive())
                .flatMap(p -> p.regions().stream()).filter(r -> r.name().equals(region))
                .flatMap(r -> r.vmas().stream()).anyMatch(v -> v.start() <= index && index < v.end() && v.writable());
        String at = process + " " + page;
        if (writable) {
            return List.of("write " + at + " " + PROBE, "peek " + handle + " expect " + PROBE);
        }
        if (h.get().write()) {
            return List.of("poke " + handle + " " + PROBE, "read " + at + " expect " + PROBE);
        }
        return List.of();
    }
}
