package org.mmsim.core.mm;

import org.mmsim.api.FaultFlag;
import org.mmsim.api.PinDecision;

/** mm/gup.c: __get_user_pages() with follow_page_pte(), faultin_page() and gup_must_unshare(). */
final class Gup {
    /** Faults one GUP call may take before we call the policy's answers a loop. */
    private static final int MAX_FAULTS = 4;
    private final Machine m;

    Gup(Machine m) {
        this.m = m;
    }

    /**
     * __get_user_pages() for one page: faults the page in (a FOLL_WRITE on a write-protected PTE is a
     * COW break), asks the policy what a read-only FOLL_PIN does with the page it found, and takes the
     * reference or the pin. Returns null when the call fails (unmapped address, no permission, refused).
     */
    Handle getUserPages(Process p, Region r, long i, boolean pin, boolean write, boolean longterm, boolean fast,
                        String name) {
        // built only when tracing: string work on every GUP call showed up in `mmsim bench pin-churn`
        String what = !m.tracing() ? null
                : (pin ? "FOLL_PIN" : "FOLL_GET") + (write ? "|FOLL_WRITE" : "") + (longterm ? "|FOLL_LONGTERM" : "");
        if (r == null || i < 0 || i >= r.pages) {
            trace(p, r, i, what, "no VMA: EFAULT");
            return null;
        }
        int vm = r.vmas.flagsAt(i);
        // check_vma_flags(): FOLL_WRITE needs VM_WRITE
        if (vm < 0 || (write && (vm & Vmas.VM_WRITE) == 0)) {
            trace(p, r, i, what, vm < 0 ? "no VMA: EFAULT" : "VMA not writable: EFAULT");
            return null;
        }
        if (fast && m.tracing()) {
            trace(p, r, i, what, "GUP-fast: lockless walk, slow path where it cannot proceed");
        }
        for (int faults = 0; ; faults++) {
            if (faults > MAX_FAULTS) {
                throw new PolicyFailure("policy " + m.policy.id() + " keeps faulting " + r.describe(i)
                        + " without letting GUP pin it");
            }
            int pte = r.pte(i);
            if (!Pte.isPresent(pte)) {
                // faultin_page(): no page yet, or swapped out
                m.memory.handleMmFault(p, r, i, write ? FaultFlag.WRITE.mask() : 0, null);
                continue;
            }
            if (write && !Pte.writable(pte)) {
                // faultin_page() with FOLL_WRITE: break COW now
                m.memory.handleMmFault(p, r, i, FaultFlag.WRITE.mask(), null);
                continue;
            }
            int f = Pte.id(pte);
            if (pin && !write) {
                PinDecision d = gupMustUnshare(r, i, pte, f, longterm, fast);
                if (d.kind() == PinDecision.Kind.REFUSE) {
                    m.counters.pinFailures++;
                    trace(p, r, i, what, "policy refuses the pin");
                    return null;
                }
                if (d.kind() == PinDecision.Kind.UNSHARE) {
                    FaultFlag flag = d.flag();
                    if (flag.mask() == FaultFlag.WRITE.mask()) {
                        throw new PolicyFailure("policy " + m.policy.id()
                                + " asked for an unshare fault combined with FAULT_FLAG_WRITE");
                    }
                    if (r.shared) {
                        throw new PolicyFailure("policy " + m.policy.id() + " asked to unshare " + r.describe(i)
                                + " in a shared mapping");
                    }
                    if (m.tracing()) {
                        trace(p, r, i, what, "gup_must_unshare -> " + flag.name());
                    }
                    m.memory.handleMmFault(p, r, i, flag.mask(), flag);
                    continue;
                }
            }
            m.getPage(f, pin ? org.mmsim.api.PageView.GUP_PIN_COUNTING_BIAS : 1);
            if (pin) {
                m.counters.pins++;
            }
            if (m.tracing()) {
                trace(p, r, i, what, (pin ? "pinned" : "got") + " #" + f);
            }
            return new Handle(name, f, pin, write, longterm, p.pid, r, i, m.frames.anon(f));
        }
    }

    /** gup_must_unshare(): the policy's pin rule for a read-only FOLL_PIN. */
    private PinDecision gupMustUnshare(Region r, long i, int pte, int f, boolean longterm, boolean fast) {
        Views views = m.views();
        Views.Pin req = views.pin;
        views.page(f);
        views.vma(r, i);
        views.pte.pte = pte;
        req.longterm = longterm;
        req.fast = fast;
        return m.decide("gup_must_unshare", (policy, pin, unused) -> policy.pinReadOnly(pin), req, null);
    }

    private void trace(Process p, Region r, long i, String what, String result) {
        if (m.tracing()) {
            m.trace("  gup " + p.name + " " + (r == null ? "?" : r.describe(i)) + " " + what + ": " + result);
        }
    }
}
