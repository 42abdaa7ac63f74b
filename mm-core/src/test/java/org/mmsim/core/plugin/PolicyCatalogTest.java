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
        return new Contribution(plugin, "1.0", false, provider);
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

    private static Contribution bundled(String plugin, PolicyProvider provider) {
        return new Contribution(plugin, "0.1.0", true, provider);
    }

    @Test
    void anImpostorOfABundledPolicyIsKeptApartAndBlamed() {
        Policy real = new KernelUnsharePolicy("unshare");
        Policy impostor = new KernelUnsharePolicy("unshare");
        // "evil" sorts before "unshare": the old catalog let it take the bare id and blamed the bundled plugin
        PolicyCatalog cat = PolicyCatalog.of(null, List.of(bundled("unshare", providing(real,
                new KernelUnsharePolicy("fail-pin"))), c("evil", providing(impostor))), flags, List.of());
        assertEquals(List.of("evil:unshare", "unshare:unshare", "fail-pin"), List.copyOf(cat.policies().keySet()));
        assertTrue(cat.get("unshare").isEmpty(), "a bare id that two plugins provide names neither");
        assertSame(real, cat.get("unshare:unshare").orElseThrow().policy());
        assertSame(impostor, cat.get("evil:unshare").orElseThrow().policy());
        assertEquals("fail-pin", cat.get("unshare:fail-pin").orElseThrow().id(), "unique ids stay bare");
        assertEquals(List.of(impostor, real), cat.named("unshare").stream().map(LoadedPolicy::policy).toList());
        assertTrue(cat.problems().isEmpty(), "every policy loaded: " + cat.problems());
        assertEquals(List.of("plugin evil: declares policy 'unshare', as bundled plugin unshare does; "
                + "name one: unshare:unshare, evil:unshare"), cat.clashes());
        assertEquals("policy 'unshare' is provided by plugins unshare and evil; name one: unshare:unshare, evil:unshare",
                Clash.ambiguous("unshare", cat.named("unshare")));
        LoadedPolicy evil = cat.get("evil:unshare").orElseThrow();
        assertEquals("evil_unshare", evil.fileNameId());
        assertEquals("fail-pin", cat.get("fail-pin").orElseThrow().fileNameId());
    }

    @Test
    void aClashBetweenThirdPartyPluginsNamesBoth() {
        PolicyCatalog cat = PolicyCatalog.of(null, List.of(c("b-plugin", providing(new KernelUnsharePolicy("same"))),
                c("a-plugin", providing(new KernelUnsharePolicy("same"))),
                c("c-plugin", providing(new KernelUnsharePolicy("other")))), flags, List.of());
        assertEquals(List.of("a-plugin:same", "b-plugin:same", "other"), List.copyOf(cat.policies().keySet()));
        assertEquals(List.of("plugins a-plugin and b-plugin: each declare policy 'same'; "
                + "name one: a-plugin:same, b-plugin:same"), cat.clashes());
    }

    @Test
    void onePluginProvidingAnIdTwiceKeepsTheFirst() {
        Policy first = new KernelUnsharePolicy("same");
        PolicyCatalog cat = PolicyCatalog.of(null, List.of(c("p", providing(first)),
                c("p", providing(new KernelUnsharePolicy("same")))), flags, List.of());
        assertSame(first, cat.get("same").orElseThrow().policy());
        assertSame(first, cat.get("p:same").orElseThrow().policy());
        assertEquals(List.of("plugin p: provides policy id 'same' twice; the later one is ignored"), cat.problems());
    }

    /** A provider registering {@code n} flags of its own, going on past any exception (as a hostile one would). */
    private static PolicyProvider registering(int n, String policyId) {
        return host -> {
            for (int i = 0; i < n; i++) {
                try {
                    host.faultFlags().register("FAULT_FLAG_" + policyId.toUpperCase().replace('-', '_') + "_" + i);
                } catch (IllegalStateException ignored) {
                    // swallowed: the catalog must find out anyway
                }
            }
            return List.of(new KernelUnsharePolicy(policyId));
        };
    }

    @Test
    void aPluginOverItsFlagQuotaFailsAloneAndBundledFlagsStillFit() {
        PolicyCatalog cat = PolicyCatalog.of(null, List.of(
                c("aaa-greedy", registering(63, "greedy")),
                c("aab-modest", registering(FlagRegistry.PLUGIN_QUOTA, "modest")),
                bundled("make-anon-exclusive", registering(1, "make-anon-exclusive"))), flags, List.of());
        assertEquals(List.of("modest", "make-anon-exclusive"), List.copyOf(cat.policies().keySet()));
        assertEquals(List.of("plugin aaa-greedy: registers more than 8 fault flags (the per-plugin quota); not loaded"),
                cat.problems());
        assertTrue(flags.lookup("FAULT_FLAG_GREEDY_0").isEmpty(), "a plugin that is not loaded gives its bits back");
        FaultFlag bundledFlag = flags.lookup("FAULT_FLAG_MAKE_ANON_EXCLUSIVE_0").orElseThrow();
        assertTrue(bundledFlag.bit() >= 20 && bundledFlag.bit() < 36, bundledFlag.toString());
        for (int i = 0; i < FlagRegistry.PLUGIN_QUOTA; i++) {
            int bit = flags.lookup("FAULT_FLAG_MODEST_" + i).orElseThrow().bit();
            assertTrue(bit >= 36 && bit <= 62, "third-party bits lie above the reserved ones: " + bit);
        }
    }

    @Test
    void thirdPartyPluginsShareTheOpenBitsAndTheLastOneFindsNoneLeft() {
        List<Contribution> four = new ArrayList<>();
        for (String p : List.of("p1", "p2", "p3", "p4")) {
            four.add(c(p, registering(FlagRegistry.PLUGIN_QUOTA, p)));
        }
        PolicyCatalog cat = PolicyCatalog.of(null, four, flags, List.of());
        assertEquals(List.of("p1", "p2", "p3", "p4"), List.copyOf(cat.policies().keySet()),
                "the flags it could not get were swallowed by the plugin itself");
        assertEquals(27 - 3 * FlagRegistry.PLUGIN_QUOTA, java.util.stream.IntStream.range(0, FlagRegistry.PLUGIN_QUOTA)
                .filter(i -> flags.lookup("FAULT_FLAG_P4_" + i).isPresent()).count());
        FaultFlag shared = flags.forPlugin(false).register("FAULT_FLAG_P1_0");
        assertEquals(flags.lookup("FAULT_FLAG_P1_0").orElseThrow(), shared, "a known name is shared, at no cost");
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
