package org.mmsim.plugins.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsim.testkit.Fixtures.PRIVATE_ANON;
import static org.mmsim.testkit.Fixtures.longterm;
import static org.mmsim.testkit.Fixtures.writeFault;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.mmsim.api.Policy;
import org.mmsim.testkit.FakePage;

/** The legacy policies explain every answer and name the kernel whose machine they run on. */
class LegacyRulesTest {
    private static final List<Supplier<FakePage>> PAGES = List.of(FakePage::anonPage,
            () -> FakePage.anonPage().exclusive(false).maps(2).refs(2), () -> FakePage.anonPage().refs(2),
            () -> FakePage.anonPage().inSwapCache(0), () -> FakePage.anonPage().inSwapCache(1),
            () -> FakePage.anonPage().pinned(1), FakePage::zeroPage, FakePage::pageCache);

    @Test
    void everyAnswerNamesTheRuleBehindIt() {
        for (Policy policy : List.of(new MapcountPolicy(), new PageCountPolicy())) {
            for (Supplier<FakePage> page : PAGES) {
                List<FakePage> asked = new ArrayList<>();
                FakePage p = page.get();
                policy.pinReadOnly(longterm(p, PRIVATE_ANON));
                asked.add(p);
                if (p.anon()) {
                    p = page.get();
                    policy.doWpPage(writeFault(p));
                    asked.add(p);
                    p = page.get();
                    policy.copyPresentAnonPte(p, PRIVATE_ANON);
                    asked.add(p);
                    p = page.get();
                    policy.canChangePteWritable(p, PRIVATE_ANON);
                    asked.add(p);
                }
                for (FakePage a : asked) {
                    assertTrue(a.rule() != null && !a.rule().isBlank(), policy.id() + " gave no rule for " + a);
                }
            }
        }
    }

    @Test
    void eachPolicyRunsOnTheLastKernelOfItsEra() {
        assertEquals("5.7", new MapcountPolicy().kernel().toString());
        assertEquals("5.18", new PageCountPolicy().kernel().toString());
    }
}
