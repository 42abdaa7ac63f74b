package org.mmsim.core.mm;

import org.mmsim.api.FaultFlag;
import org.mmsim.api.PinDecision;

/** mm/gup.c: __get_user_pages() with follow_page_pte(), faultin_page() and gup_must_unshare(). */
final class Gup {
    /** Faults one GUP call may take before we call the policy's answers a loop. */
    private static final int MAX_FAULTS = 4;
    private final Machine m;
    /** The last call failed because a fault raised SIGBUS (no huge page for a hugetlb mapping). */
    boolean sigbus;

    Gup(Machine m) {
        this.m = m;
    }

    /**
     * __get_user_pages() for one page: faults the page in (a FOLL_WRITE on a write-protected PTE is a
     * COW break), asks the policy what a read-only FOLL_PIN does with the page it found, and takes the
     * reference or the pin. Returns null when the call fails (unmapped address, no permission, refused).
     */
    Handle getUserPages(Process p, String region, Region r, long i, boolean pin, boolean write, boolean longterm,
                        boolean fast, String name) {
        if (m.tracing()) {
            m.tp().gup(p, r == null ? region + "[" + i + "]" : r.describe(i), pin, write, longterm, fast, name);
        }
        sigbus = false;
        m.nest();
        try {
            return checkVmaFlags(r, i, pin, write, longterm) ? walk(p, r, i, pin, write, longterm, fast, name) : null;
        } finally {
            m.unnest();
        }
    }

    /** check_vma_flags(): whether GUP may touch r[i] at all; traces why not (EFAULT). */
    private boolean checkVmaFlags(Region r, long i, boolean pin, boolean write, boolean longterm) {
        String refusal = vmaRefusal(r, i, write);
        if (refusal == null && pin && write && longterm && r.shared && r.cache != null && !r.cache.shmem
                && m.policy.kernel().atLeast(6, 5)) {
            // writable_file_mapping_allowed() (6.5): the device would write behind the file system's back
            refusal = "writable_file_mapping_allowed(): no long-term R/W pin of a shared file mapping that needs "
                    + "dirty tracking (6.5): EFAULT";
        }
        if (refusal != null && m.tracing()) {
            m.tp().gupRefused(refusal);
        }
        return refusal == null;
    }

    /**
     * The refusals of check_vma_flags() that ask the policy nothing, or null: no VMA at r[i], or
     * FOLL_WRITE on one without VM_WRITE ({@link Machine#gupChanges} skips a GUP they refuse).
     */
    static String vmaRefusal(Region r, long i, boolean write) {
        int vm = r == null || i < 0 || i >= r.pages ? -1 : r.vmas.flagsAt(i);
        if (vm < 0) {
            return "no VMA there: EFAULT";
        }
        return write && (vm & Vmas.VM_WRITE) == 0 ? "FOLL_WRITE on a VMA without VM_WRITE: EFAULT" : null;
    }

    /** The retry loop of __get_user_pages(): follow_page_pte(), faultin_page() until the page can be taken. */
    private Handle walk(Process p, Region r, long i, boolean pin, boolean write, boolean longterm, boolean fast,
                        String name) {
        for (int faults = 0; ; faults++) {
            if (faults > MAX_FAULTS) {
                throw new PolicyFailure("policy " + m.policy.id() + " keeps faulting " + r.describe(i)
                        + " without letting GUP pin it");
            }
            int pte = r.pte(i);
            if (!Pte.isPresent(pte) || write && !Pte.writable(pte)) {
                // faultin_page(): no page yet, swapped out, or FOLL_WRITE breaking COW now
                if (!m.memory().handleMmFault(p, r, i, write ? FaultFlag.WRITE.mask() : 0, null)) {
                    sigbus = true;
                    return null;
                }
                continue;
            }
            int f = Pte.id(pte);
            if (pin && !write) {
                Object[] facts = m.tracing() ? m.tp().pageFacts(f) : null;
                PinDecision d = gupMustUnshare(r, i, pte, f, longterm, fast);
                if (m.tracing()) {
                    m.tp().decision("gup_must_unshare", r.describe(i), facts,
                            d.kind().name().toLowerCase(java.util.Locale.ROOT), "longterm", longterm, "fast", fast,
                            "flag", d.flag() == null ? null : d.flag().name());
                }
                if (d.kind() == PinDecision.Kind.REFUSE) {
                    m.counters.pinFailures++;
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
                    if (!m.memory().handleMmFault(p, r, i, flag.mask(), flag)) {
                        sigbus = true;
                        return null;
                    }
                    continue;
                }
            }
            int before = m.ref(f);
            Folios.Folio folio = m.folio(f);
            // try_grab_folio(): a pin on a large folio counts in _pincount, on a small one by the bias
            m.getPage(f, pin && folio == null ? org.mmsim.api.PageView.GUP_PIN_COUNTING_BIAS : 1);
            if (pin && folio != null) {
                folio.pins++;
            }
            if (pin) {
                m.counters.pins++;
            }
            if (m.tracing()) {
                m.tp().grabbed(name, f, before, pin, write, longterm);
            }
            return new Handle(name, f, pin, write, longterm, p.pid, r, i, m.frames.anon(f), folio != null);
        }
    }

    /** gup_must_unshare(): the policy's pin rule for a read-only FOLL_PIN. */
    private PinDecision gupMustUnshare(Region r, long i, int pte, int f, boolean longterm, boolean fast) {
        Views views = m.views();
        Views.Pin req = views.pin(f, pte, r, i, longterm, fast);
        return m.decide("gup_must_unshare", (policy, pin, unused) -> policy.pinReadOnly(pin), req, null);
    }

}
