package org.mmsim.plugins.makeanonexclusive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsim.testkit.Fixtures.PRIVATE_ANON;
import static org.mmsim.testkit.Fixtures.longterm;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.mock;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mmsim.api.FaultFlag;
import org.mmsim.api.FaultFlags;
import org.mmsim.api.PinDecision;
import org.mmsim.api.PinRequest;
import org.mmsim.api.Policy;
import org.mmsim.api.PolicyHost;
import org.mmsim.api.VmaView;
import org.mmsim.api.WpFault;
import org.mmsim.plugins.unshare.UnsharePolicies;
import org.mmsim.plugins.unshare.UnsharePolicy;
import org.pf4j.Extension;
import org.mmsim.testkit.FakePage;
import org.mmsim.testkit.Fixtures;
import org.mmsim.testkit.FakeFaultFlags;

class MakeAnonExclusivePoliciesTest {

    private FaultFlags flags;
    private Policy policy;
    private final Policy unshare = UnsharePolicies.unshare();

    @BeforeEach
    void load() {
        flags = spy(new FakeFaultFlags());
        PolicyHost host = mock(PolicyHost.class);
        when(host.faultFlags()).thenReturn(flags);
        List<Policy> policies = new MakeAnonExclusivePolicies().policies(host);
        assertEquals(1, policies.size());
        policy = policies.get(0);
    }

    @Test
    void idAndSummary() {
        assertEquals("make-anon-exclusive", policy.id());
        assertTrue(policy.summary().contains("linux-mm thread"), policy.summary());
        assertTrue(policy.summary().contains("FAULT_FLAG_MAKE_ANON_EXCLUSIVE"), policy.summary());
    }

    @Test
    void registersItsOwnFaultFlagThroughTheHost() {
        verify(flags, times(1)).register("FAULT_FLAG_MAKE_ANON_EXCLUSIVE");
        FaultFlag registered = flags.lookup("FAULT_FLAG_MAKE_ANON_EXCLUSIVE").orElseThrow();
        assertNotEquals(FaultFlag.UNSHARE.bit(), registered.bit());
        assertNotEquals(FaultFlag.WRITE.bit(), registered.bit());
    }

    @Test
    void reusesUnsharePolicyFromTheUnsharePlugin() {
        assertTrue(policy instanceof UnsharePolicy);
        UnsharePolicy reused = (UnsharePolicy) policy;
        assertFalse(reused.unshareCowMappings());
        assertEquals(UnsharePolicy.SharedAnonPin.UNSHARE, reused.sharedAnonPin());
    }

    @Test
    void unshareDecisionCarriesFaultFlagMakeAnonExclusive() {
        FakePage shared = FakePage.anonPage().exclusive(false).maps(2).refs(2);
        PinDecision decision = policy.pinReadOnly(longterm(shared, PRIVATE_ANON));
        assertEquals(PinDecision.Kind.UNSHARE, decision.kind());
        assertEquals("FAULT_FLAG_MAKE_ANON_EXCLUSIVE", decision.flag().name());
        assertEquals(flags.lookup("FAULT_FLAG_MAKE_ANON_EXCLUSIVE").orElseThrow(), decision.flag());
        assertNotEquals(FaultFlag.UNSHARE, decision.flag());
    }

    @Test
    void flagIsRegisteredOnceAcrossReloads() {
        // A second load against the same registry gets the same flag (register is idempotent).
        PolicyHost host = mock(PolicyHost.class);
        when(host.faultFlags()).thenReturn(flags);
        Policy again = new MakeAnonExclusivePolicies().policies(host).get(0);
        FakePage shared = FakePage.anonPage().exclusive(false);
        assertEquals(policy.pinReadOnly(longterm(shared, PRIVATE_ANON)).flag(),
                again.pinReadOnly(longterm(shared, PRIVATE_ANON)).flag());
    }

    /**
     * Every decision over a grid of machine states equals unshare's, except that an unshare
     * decision carries the plugin's flag instead of FAULT_FLAG_UNSHARE.
     */
    @Test
    void decidesExactlyLikeUnshareOtherwise() {
        FaultFlag own = flags.lookup("FAULT_FLAG_MAKE_ANON_EXCLUSIVE").orElseThrow();
        List<VmaView> vmas = List.of(Fixtures.PRIVATE_ANON, Fixtures.PRIVATE_FILE, Fixtures.SHARED_ANON,
                Fixtures.SHARED_FILE);
        int compared = 0;
        int unshares = 0;
        for (Supplier<FakePage> state : pageStates()) {
            FakePage a = state.get();
            FakePage b = state.get();
            String what = a.toString();
            for (VmaView vma : vmas) {
                for (boolean lt : new boolean[] {false, true}) {
                    for (boolean fast : new boolean[] {false, true}) {
                        PinRequest ra = new Fixtures.Pin(a, Fixtures.RO_PTE, vma, lt, fast);
                        PinRequest rb = new Fixtures.Pin(b, Fixtures.RO_PTE, vma, lt, fast);
                        PinDecision da = policy.pinReadOnly(ra);
                        PinDecision db = unshare.pinReadOnly(rb);
                        assertEquals(db.kind(), da.kind(), what);
                        if (db.kind() == PinDecision.Kind.UNSHARE) {
                            assertEquals(FaultFlag.UNSHARE, db.flag());
                            assertEquals(own, da.flag(), what);
                            unshares++;
                        } else {
                            assertNull(da.flag(), what);
                        }
                    }
                }
                assertEquals(unshare.copyPresentAnonPte(b, vma), policy.copyPresentAnonPte(a, vma), what);
                assertEquals(unshare.canChangePteWritable(b, vma), policy.canChangePteWritable(a, vma), what);
            }
            assertEquals(unshare.mayPageOut(b), policy.mayPageOut(a), what);
            if (a.anon()) {
                for (long faultFlags : new long[] {FaultFlag.WRITE.mask(), own.mask()}) {
                    FakePage fa = state.get();
                    FakePage fb = state.get();
                    WpFault wa = Fixtures.fault(fa, faultFlags);
                    WpFault wb = Fixtures.fault(fb, faultFlags);
                    assertEquals(unshare.doWpPage(wb), policy.doWpPage(wa), what);
                    assertEquals(countTryFreeSwap(wb), countTryFreeSwap(wa), what);
                    assertEquals(fb.toString(), fa.toString(), what);
                }
            }
            compared++;
        }
        assertEquals(policy.keepsAnonExclusive(), unshare.keepsAnonExclusive());
        // The grid must exercise the interesting branches, or the comparison proves little.
        assertEquals(2 + 2 * 3 * 2 * 2 * 3, compared, "states compared");
        assertTrue(unshares > 0, "no unshare decision in the grid");
    }

    private static long countTryFreeSwap(WpFault fault) {
        return mockingDetails(fault).getInvocations().stream()
                .filter(i -> i.getMethod().getName().equals("tryFreeSwap"))
                .count();
    }

    private static List<Supplier<FakePage>> pageStates() {
        List<Supplier<FakePage>> states = new ArrayList<>();
        for (boolean exclusive : new boolean[] {false, true}) {
            for (int refs : new int[] {1, 2, 3}) {
                for (int maps : new int[] {1, 2}) {
                    for (int pins : new int[] {0, 1}) {
                        for (int swap : new int[] {-1, 0, 1}) { // -1: not in swap cache
                            states.add(() -> {
                                FakePage p = FakePage.anonPage().exclusive(exclusive).refs(refs).maps(maps).pinned(pins);
                                return swap < 0 ? p : p.inSwapCache(swap);
                            });
                        }
                    }
                }
            }
        }
        states.add(FakePage::zeroPage);
        states.add(FakePage::pageCache);
        return states;
    }

    @Test
    void providerIsAPf4jExtension() {
        assertNotNull(MakeAnonExclusivePolicies.class.getAnnotation(Extension.class));
    }

    @Test
    void annotationProcessorIndexedOnlyThisPluginsProvider() throws IOException {
        // This module's own index must not list unshare's provider: that one comes from the
        // unshare plugin, through PF4J's plugin dependency.
        URL classes = MakeAnonExclusivePolicies.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader own = new URLClassLoader(new URL[] {classes}, null);
                InputStream in = own.getResourceAsStream("META-INF/extensions.idx")) {
            assertNotNull(in, "META-INF/extensions.idx missing in " + classes);
            String index = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(index.lines().anyMatch(MakeAnonExclusivePolicies.class.getName()::equals), index);
            assertFalse(index.contains(UnsharePolicies.class.getName()), index);
        }
    }

    @Test
    void unsharePolicyIsNotBundled() {
        // Compiled against the unshare plugin with scope provided: the class comes from elsewhere.
        URL own = MakeAnonExclusivePolicies.class.getProtectionDomain().getCodeSource().getLocation();
        URL unshareFrom = UnsharePolicy.class.getProtectionDomain().getCodeSource().getLocation();
        assertNotEquals(own, unshareFrom);
        assertSame(UnsharePolicy.class, policy.getClass());
    }
}
