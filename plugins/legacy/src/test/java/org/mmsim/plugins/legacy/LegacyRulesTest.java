package org.mmsim.plugins.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmsim.testkit.Rules;

/** The legacy policies explain every answer and name the kernel whose machine they run on. */
class LegacyRulesTest {
    @Test
    void everyAnswerNamesTheRuleBehindIt() {
        assertEquals(List.of(), Rules.unexplained(new MapcountPolicy()));
        assertEquals(List.of(), Rules.unexplained(new PageCountPolicy()));
    }

    @Test
    void eachPolicyRunsOnTheLastKernelOfItsEra() {
        assertEquals("5.7", new MapcountPolicy().kernel().toString());
        assertEquals("5.18", new PageCountPolicy().kernel().toString());
    }
}
