package org.mmsim.core.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.mmsim.api.ForkDecision;
import org.mmsim.api.PageView;
import org.mmsim.api.PinDecision;
import org.mmsim.api.PinRequest;
import org.mmsim.api.VmaView;
import org.mmsim.api.WpDecision;
import org.mmsim.api.WpFault;
import org.mmsim.core.testing.KernelUnsharePolicy;

/** A view or fault handed to a policy ends when the call returns; during the call it works, also when delegated. */
class EndedViewTest {
    private static final String ENDED = "view used after the call it was passed to";

    /** Keeps every view it is given; {@link #later}, if set, runs at the start of every call. */
    static final class Keeper extends KernelUnsharePolicy {
        final List<Object> kept = new ArrayList<>();
        Consumer<Keeper> later;

        Keeper() {
            super("keeper");
        }

        private void called(Object... views) {
            if (later != null) {
                later.accept(this);
            }
            kept.addAll(List.of(views));
        }

        <T> T last(Class<T> type) {
            for (int k = kept.size() - 1; k >= 0; k--) {
                if (type.isInstance(kept.get(k))) {
                    return type.cast(kept.get(k));
                }
            }
            throw new AssertionError("no " + type.getSimpleName() + " kept");
        }

        @Override
        public WpDecision doWpPage(WpFault fault) {
            called(fault, fault.page(), fault.vma());
            return super.doWpPage(fault);
        }

        @Override
        public PinDecision pinReadOnly(PinRequest request) {
            called(request, request.page(), request.pte(), request.vma());
            return super.pinReadOnly(request);
        }

        @Override
        public ForkDecision copyPresentAnonPte(PageView page, VmaView vma) {
            called(page, vma);
            return super.copyPresentAnonPte(page, vma);
        }

        @Override
        public boolean mayPageOut(PageView page) {
            called(page);
            return super.mayPageOut(page);
        }
    }

    private final Keeper keeper = new Keeper();
    private final Machine m = new Machine(keeper, new FlagRegistry(), Limits.DEFAULT);

    /** A fork (copy_present_pte), a R/O pin of the shared page (gup_must_unshare) and a write fault (do_wp_page). */
    private void everyQuestion() {
        everyQuestion(m);
    }

    private static void everyQuestion(Machine m) {
        m.spawn("p");
        m.mmap("p", "b", null, false, true, 2, 0);
        m.write("p", "b", 0, "A");
        m.fork("p", "c");
        m.gup("p", "b", 0, true, false, false, false, "ro");
        m.write("c", "b", 0, "C");
    }

    /** A bundled plugin's policy is trusted: its machines skip ending views, so a kept view still reads. */
    @Test
    void aTrustedPolicysViewsAreNotEnded() {
        Keeper trusted = new Keeper();
        Machine.trust(trusted);
        everyQuestion(new Machine(trusted, new FlagRegistry(), Limits.DEFAULT));
        assertEquals(1, trusted.last(PageView.class).refCount(), "the copy the child's write made");
        everyQuestion(); // the same questions under the untrusted keeper: its kept view is ended
        assertEnded("PageView.refCount()", () -> keeper.last(PageView.class).refCount());
    }

    @Test
    void everyKindOfViewThrowsAfterItsCall() {
        everyQuestion();
        assertEnded("PageView.refCount()", () -> keeper.last(PageView.class).refCount());
        assertEnded("PageView.because()", () -> keeper.last(PageView.class).because("late"));
        assertEnded("VmaView.shared()", () -> keeper.last(VmaView.class).shared());
        assertEnded("WpFault.flags()", () -> keeper.last(WpFault.class).flags());
        assertEnded("WpFault.page()", () -> keeper.last(WpFault.class).page());
        assertEnded("PinRequest.longterm()", () -> keeper.last(PinRequest.class).longterm());
        assertEnded("PinRequest.vma()", () -> keeper.last(PinRequest.class).vma());
        assertEnded("PteView.state()", () -> keeper.last(org.mmsim.api.PteView.class).state());
        // the default methods end too, as they read through an accessor
        assertEnded("WpFault.flags()", () -> keeper.last(WpFault.class).unshare());
        assertEnded("PageView.maybeMappedShared()", () -> keeper.last(PageView.class).maybeMappedShared());
    }

    @Test
    void everyKindOfKeptViewFailsTheLaterCallThatUsesIt() {
        everyQuestion();
        int views = keeper.kept.size();
        assertTrue(views >= 9, "every question was asked: " + keeper.kept);
        for (int k = 0; k < views; k++) {
            Keeper late = new Keeper();
            Machine other = new Machine(late, new FlagRegistry(), Limits.DEFAULT);
            everyQuestion(other);
            Object view = late.kept.get(k);
            late.later = self -> use(view);
            // a fork asks copy_present_pte: another question, or the next one of the kept fork views' kind
            PolicyFailure f = assertThrows(PolicyFailure.class, () -> other.fork("p", "d"), view.toString());
            assertTrue(f.getMessage().matches("policy keeper: \\w+\\.\\w+\\(\\): " + ENDED
                    + " \\(in copy_present_pte\\)"), f.getMessage());
        }
    }

    @Test
    void aKeptFaultNoLongerFreesSwap() {
        keeper.wp = WpDecision.REUSE; // a reuse that leaves the page in the swap cache
        m.spawn("p");
        m.mmap("p", "b", null, false, true, 1, 0);
        m.write("p", "b", 0, "A");
        m.madvise("p", "b", "pageout");
        m.read("p", "b", 0);          // swapped in read-only: in the swap cache, no swap PTE left
        m.write("p", "b", 0, "B");    // do_wp_page: the keeper keeps the fault
        WpFault kept = keeper.last(WpFault.class);
        MachineState before = m.state();
        int frame = ((Views.Fault) kept).page.frame;
        assertTrue(before.frames().stream().anyMatch(f -> f.id() == frame && f.swapCache()),
                "the page is still in the swap cache: " + before);
        assertEnded("WpFault.tryFreeSwap()", kept::tryFreeSwap);
        assertEquals(before, m.state());
        // a live fault on the same page would have freed it, so the assertion above can fail
        Views v = m.views();
        assertTrue(v.fault(frame, null, 0, 0).tryFreeSwap());
        assertFalse(m.state().equals(before));
    }

    @Test
    void aPolicyCannotSwallowTheError() {
        everyQuestion();
        Object kept = keeper.last(PageView.class);
        keeper.later = self -> {
            try {
                ((PageView) kept).refCount();
            } catch (IllegalStateException swallowed) {
                // carry on as if nothing happened
            }
        };
        PolicyFailure f = assertThrows(PolicyFailure.class, () -> m.write("p", "b", 0, "B"));
        assertEquals("policy keeper: PageView.refCount(): " + ENDED + " (in do_wp_page)", f.getMessage());
    }

    @Test
    void delegatingAndNestedCallsWorkDuringTheCall() {
        KernelUnsharePolicy inner = KernelUnsharePolicy.stub();
        KernelUnsharePolicy outer = new KernelUnsharePolicy("outer") {
            @Override
            public WpDecision doWpPage(WpFault fault) {
                WpDecision d = inner.doWpPage(fault);       // another policy's code, the same fault
                fault.page().refCount();                    // still live after the delegate returned
                fault.vma().shared();
                return d;
            }

            @Override
            public PinDecision pinReadOnly(PinRequest request) {
                PinDecision d = inner.pinReadOnly(request);
                request.pte().state();
                return d;
            }

            @Override
            public ForkDecision copyPresentAnonPte(PageView page, VmaView vma) {
                ForkDecision d = inner.copyPresentAnonPte(page, vma);
                page.mapCount();
                vma.writable();
                return d;
            }
        };
        Machine a = new Machine(outer, new FlagRegistry(), Limits.DEFAULT);
        Machine b = new Machine(inner, new FlagRegistry(), Limits.DEFAULT);
        for (Machine x : List.of(a, b)) {
            x.spawn("p");
            x.mmap("p", "b", null, false, true, 2, 0);
            x.write("p", "b", 0, "A");
            x.fork("p", "c");
            assertEquals("ok", x.gup("p", "b", 0, true, false, false, false, "ro"));
            x.write("c", "b", 0, "C");
        }
        assertEquals(b.state(), a.state());
    }

    private static void use(Object view) {
        if (view instanceof WpFault f) {
            f.tryFreeSwap();
        } else if (view instanceof PinRequest r) {
            r.fast();
        } else if (view instanceof PageView p) {
            p.swapCount();
        } else if (view instanceof VmaView v) {
            v.writable();
        } else if (view instanceof org.mmsim.api.PteView t) {
            t.swapExclusive();
        } else {
            throw new AssertionError("not a view: " + view);
        }
    }

    private static void assertEnded(String method, Runnable use) {
        IllegalStateException e = assertThrows(IllegalStateException.class, use::run);
        assertEquals(method + ": " + ENDED, e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
