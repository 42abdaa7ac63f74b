package org.mmsim.testkit;

import static org.mmsim.testkit.Fixtures.PRIVATE_ANON;
import static org.mmsim.testkit.Fixtures.PRIVATE_FILE;
import static org.mmsim.testkit.Fixtures.longterm;
import static org.mmsim.testkit.Fixtures.shortterm;
import static org.mmsim.testkit.Fixtures.writeFault;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.mmsim.api.PinRequest;
import org.mmsim.api.Policy;

/** Checks that a policy names the rule behind its answers ({@code PageView.because}), for traces. */
public final class Rules {
    /** Pages of every kind and state a policy is asked about. */
    public static final List<Supplier<FakePage>> PAGES = List.of(FakePage::anonPage,
            () -> FakePage.anonPage().exclusive(false).maps(2).refs(2), () -> FakePage.anonPage().exclusive(false),
            () -> FakePage.anonPage().refs(2), () -> FakePage.anonPage().exclusive(false).inSwapCache(0),
            () -> FakePage.anonPage().exclusive(false).inSwapCache(1), () -> FakePage.anonPage().pinned(1),
            FakePage::zeroPage, FakePage::pageCache,
            () -> FakePage.anonPage().exclusive(false).large(4, 16), () -> FakePage.anonPage().large(4, 16).largePins(1),
            () -> FakePage.anonPage().exclusive(false).large(4, 32).mappedShared(true),
            () -> FakePage.anonPage().exclusive(false).pmdMapped(2), () -> FakePage.anonPage().pmdMapped(1));

    private Rules() {
    }

    /**
     * Asks the policy every question about each of {@link #PAGES} (a fresh page per question) and
     * returns the questions it answered without naming a rule.
     */
    public static List<String> unexplained(Policy policy) {
        List<String> missing = new ArrayList<>();
        for (Supplier<FakePage> page : PAGES) {
            if (page.get().anon()) {
                FakePage p = page.get();
                policy.doWpPage(writeFault(p));
                check(missing, "doWpPage", p);
                if (p.large()) {
                    p = page.get();
                    policy.doHugePmdWpPage(writeFault(p));
                    check(missing, "doHugePmdWpPage", p);
                    p = page.get();
                    policy.hugetlbWp(writeFault(p));
                    check(missing, "hugetlbWp", p);
                }
                p = page.get();
                policy.copyPresentAnonPte(p, PRIVATE_ANON);
                check(missing, "copyPresentAnonPte", p);
                p = page.get();
                policy.canChangePteWritable(p, PRIVATE_ANON);
                check(missing, "canChangePteWritable", p);
            }
            for (PinRequest r : List.of(longterm(page.get(), PRIVATE_ANON), shortterm(page.get(), PRIVATE_FILE))) {
                policy.pinReadOnly(r);
                check(missing, "pinReadOnly", (FakePage) r.page());
            }
            FakePage p = page.get();
            policy.mayPageOut(p);
            check(missing, "mayPageOut", p);
        }
        return missing;
    }

    private static void check(List<String> missing, String question, FakePage p) {
        if (p.rule() == null || p.rule().isBlank()) {
            missing.add(question + " " + p);
        }
    }
}
