package org.mmsim.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.testing.KernelUnsharePolicy;

/** A catalog that gains and loses plugins while mmsim runs ({@code mmsim shell}). */
class PolicyCatalogLiveTest {
    private final FlagRegistry flags = new FlagRegistry();
    private final AtomicInteger asked = new AtomicInteger();

    private PolicyCatalog.Contribution plugin(String id, boolean bundled, String... policies) {
        return new PolicyCatalog.Contribution(id, "1", bundled, h -> {
            asked.incrementAndGet();
            return java.util.Arrays.stream(policies).map(p -> (org.mmsim.api.Policy) new KernelUnsharePolicy(p)).toList();
        });
    }

    @Test
    void withAsksOnlyTheNewProvidersAndNamesClashesAnew() {
        PolicyCatalog base = PolicyCatalog.of(null, List.of(plugin("unshare", true, "unshare", "fail-pin")), flags,
                List.of("old problem"));
        assertEquals(1, asked.get());
        PolicyCatalog more = base.with(List.of(plugin("evil", false, "unshare")), flags, List.of("new problem"));
        assertEquals(2, asked.get(), "the old provider is not asked again");
        assertEquals(List.of("evil:unshare", "unshare:unshare", "fail-pin"), List.copyOf(more.policies().keySet()));
        assertEquals(List.of("plugin evil: declares policy 'unshare', as bundled plugin unshare does; name one: "
                + "unshare:unshare, evil:unshare"), more.clashes());
        assertEquals(List.of("new problem"), more.problems());
        assertEquals(base.get("fail-pin").orElseThrow().policy(), more.get("fail-pin").orElseThrow().policy());

        PolicyCatalog less = more.without("evil");
        assertEquals(List.of("unshare", "fail-pin"), List.copyOf(less.policies().keySet()), "unique again");
        assertEquals(List.of(), less.clashes());
        assertEquals(2, asked.get());
    }
}
