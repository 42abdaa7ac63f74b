package org.mmsim.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmsim.api.FaultFlag;
import org.mmsim.api.Policy;
import org.mmsim.api.PolicyProvider;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.plugin.PolicyCatalog.Contribution;
import org.mmsim.core.testing.KernelUnsharePolicy;

class PolicyCatalogTest {
    private final FlagRegistry flags = new FlagRegistry();

    private static Contribution c(String plugin, PolicyProvider provider) {
        return new Contribution(plugin, "1.0", provider);
    }

    private static PolicyProvider providing(Policy... policies) {
        return host -> List.of(policies);
    }

    @Test
    void ordersByPluginIdThenProviderOrder() {
        PolicyCatalog cat = PolicyCatalog.of(null, List.of(
                c("zeta", providing(new KernelUnsharePolicy("z1"))),
                c("alpha", providing(new KernelUnsharePolicy("a2"), new KernelUnsharePolicy("a1"))),
                c("alpha", providing(new KernelUnsharePolicy("a3")))), flags, List.of());
        assertEquals(List.of("a2", "a1", "a3", "z1"), List.copyOf(cat.policies().keySet()));
        assertTrue(cat.problems().isEmpty());
        LoadedPolicy a1 = cat.get("a1").orElseThrow();
        assertEquals("alpha", a1.pluginId());
        assertEquals("1.0", a1.pluginVersion());
        assertEquals("alpha@1.0", a1.origin());
        assertEquals("test: Linux 5.19 unshare", a1.summary());
    }

    @Test
    void duplicateIdFirstPluginWins() {
        Policy first = new KernelUnsharePolicy("same");
        Policy second = new KernelUnsharePolicy("same");
        PolicyCatalog cat = PolicyCatalog.of(null, List.of(c("b-plugin", providing(second)),
                c("a-plugin", providing(first))), flags, List.of());
        assertEquals(1, cat.policies().size());
        assertSame(first, cat.get("same").orElseThrow().policy());
        assertEquals(List.of("plugin b-plugin: policy id 'same' is already provided by plugin a-plugin; "
                + "this one is ignored"), cat.problems());
    }

    @Test
    void throwingOrNullProvidersCostOnlyThemselves() {
        PolicyProvider throwing = host -> {
            throw new IllegalStateException("no policies today");
        };
        PolicyProvider nullList = host -> null;
        PolicyProvider nullElement = host -> Arrays.asList(new KernelUnsharePolicy("ok2"), null);
        PolicyProvider overflow = new PolicyProvider() {
            @Override
            public List<Policy> policies(org.mmsim.api.PolicyHost host) {
                return policies(host);
            }
        };
        PolicyCatalog cat = PolicyCatalog.of(null, List.of(
                c("a", throwing), c("b", nullList), c("c", nullElement), c("d", providing(new KernelUnsharePolicy("ok"))),
                c("e", overflow)), flags, List.of("plugin broken.jar: earlier problem"));
        assertEquals(List.of("ok2", "ok"), List.copyOf(cat.policies().keySet()));
        List<String> p = cat.problems();
        assertEquals(5, p.size(), p.toString());
        assertEquals("plugin broken.jar: earlier problem", p.get(0));
        assertTrue(p.get(1).startsWith("plugin a: provider ") && p.get(1).contains("no policies today"), p.get(1));
        assertTrue(p.get(2).startsWith("plugin b: provider ") && p.get(2).endsWith("returned no policy list (null)"));
        assertTrue(p.get(3).startsWith("plugin c: provider ") && p.get(3).contains("null policy (element 1)"));
        assertTrue(p.get(4).startsWith("plugin e: provider ") && p.get(4).contains("StackOverflowError"), p.get(4));
        for (String line : p) {
            assertTrue(!line.contains("\n"), line);
        }
    }

    @Test
    void unusableIdsAndFailingNamesAreProblems() {
        Policy nullId = mock(Policy.class);
        Policy throwingId = mock(Policy.class);
        when(throwingId.id()).thenThrow(new UnsupportedOperationException("nameless"));
        Policy spaced = new KernelUnsharePolicy("has space");
        Policy all = new KernelUnsharePolicy("all");
        Policy multiLine = mock(Policy.class);
        when(multiLine.id()).thenReturn("multi");
        when(multiLine.summary()).thenReturn("line one\n  line\ttwo\n");
        PolicyCatalog cat = PolicyCatalog.of(null, List.of(c("p", providing(nullId, throwingId, spaced, all, multiLine))),
                flags, List.of());
        assertEquals(List.of("multi"), List.copyOf(cat.policies().keySet()));
        assertEquals("line one line two", cat.get("multi").orElseThrow().summary());
        assertEquals(4, cat.problems().size(), cat.problems().toString());
        assertTrue(cat.problems().get(0).contains("unusable id (null)"));
        assertTrue(cat.problems().get(1).contains("failed to name itself") && cat.problems().get(1).contains("nameless"));
        assertTrue(cat.problems().get(2).contains("'has space'"));
        assertTrue(cat.problems().get(3).contains("'all'"));
    }

    @Test
    void hostHandsOutTheSharedFlagRegistry() {
        List<FaultFlag> registered = new ArrayList<>();
        PolicyProvider registering = host -> {
            registered.add(host.faultFlags().register("FAULT_FLAG_MAKE_ANON_EXCLUSIVE"));
            return List.of(new KernelUnsharePolicy("mae"));
        };
        PolicyCatalog.of(null, List.of(c("x", registering)), flags, List.of());
        assertEquals(registered.get(0), flags.lookup("FAULT_FLAG_MAKE_ANON_EXCLUSIVE").orElseThrow());
    }

    @Test
    void emptyCatalog() {
        PolicyCatalog cat = PolicyCatalog.empty(java.nio.file.Path.of("plugins"), List.of("plugin x: y"));
        assertTrue(cat.isEmpty());
        assertEquals(List.of("plugin x: y"), cat.problems());
        assertEquals(java.nio.file.Path.of("plugins"), cat.directory());
    }
}
