package org.mmsim.core.mm;

import java.util.List;
import org.mmsim.api.Invariant;
import org.mmsim.api.InvariantProvider;
import org.mmsim.api.MachineView;

/**
 * The invariants of the scenario language and of large-folios.md, contributed through {@link
 * InvariantProvider} like any plugin's. They read the live machine, all in one pass ({@link
 * Invariants}), so they can be checked only on the view a run hands them.
 */
public final class BuiltinInvariants implements InvariantProvider {
    /** The plugin id reports give the core's own contributions. */
    public static final String CORE = "core";

    private static final List<Invariant> ALL = List.of(
            new Builtin(Violation.ACCOUNTING, "each frame's reference count equals its mappings, references, pins "
                    + "(with the pin bias) and cache references; each map count equals the entries that map it"),
            new Builtin(Violation.ANON_EXCLUSIVE, "an anonymous page marked exclusive is mapped by at most one "
                    + "page-table entry"),
            new Builtin(Violation.PIN_COHERENCE, "every live FOLL_PIN on an anonymous page, and every live long-term "
                    + "pin, refers to the frame now mapped (or swapped) at its address, unless that page was unmapped "
                    + "or zapped since"),
            new Builtin(Violation.ISOLATION, "no process observes a value another process wrote through a private "
                    + "mapping after the fork that separated them"),
            new Builtin(Violation.LOST_WRITE, "a process reading its own private page sees the last value it stored "
                    + "there (or a device wrote through a pin of it since)"),
            new Builtin(Violation.UNPIN_NONEXCLUSIVE, "a pin on an anonymous page is never released while the page is "
                    + "no longer exclusive (policies that keep PG_anon_exclusive)"),
            new Builtin(Violation.LEAK, "once the scenario ends, no frame but the page cache's and the zeropage's is "
                    + "still allocated"),
            new Builtin(Violation.MAPCOUNT_REFCOUNT, "a folio's total map count never exceeds its reference count"));

    @Override
    public List<Invariant> invariants() {
        return ALL;
    }

    record Builtin(String name, String description) implements Invariant {
        @Override
        public void check(MachineView machine, Violations out) {
            if (!(machine instanceof InvariantCheck check)) {
                throw new IllegalArgumentException("the built-in invariant " + name + " reads the live machine of a run");
            }
            for (Violation v : check.builtin()) {
                if (v.invariant().equals(name)) {
                    out.report(v.object(), v.message());
                }
            }
        }
    }
}
