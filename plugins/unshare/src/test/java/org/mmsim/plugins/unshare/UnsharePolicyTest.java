package org.mmsim.plugins.unshare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsim.testkit.Fixtures.PRIVATE_ANON;
import static org.mmsim.testkit.Fixtures.PRIVATE_FILE;
import static org.mmsim.testkit.Fixtures.SHARED_ANON;
import static org.mmsim.testkit.Fixtures.SHARED_FILE;
import static org.mmsim.testkit.Fixtures.fault;
import static org.mmsim.testkit.Fixtures.longterm;
import static org.mmsim.testkit.Fixtures.shortterm;
import static org.mmsim.testkit.Fixtures.writeFault;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmsim.api.FaultFlag;
import org.mmsim.api.ForkDecision;
import org.mmsim.api.PinDecision;
import org.mmsim.api.PinRequest;
import org.mmsim.api.Policy;
import org.mmsim.api.WpDecision;
import org.mmsim.api.WpFault;
import org.mmsim.testkit.FakePage;
import org.mmsim.testkit.Fixtures;
import org.mmsim.testkit.Rules;

class UnsharePolicyTest {

    private static final UnsharePolicy UNSHARE = UnsharePolicies.unshare();
    private static final UnsharePolicy COW_MAPPING = UnsharePolicies.unshareCowMapping();
    private static final UnsharePolicy FAIL_PIN = UnsharePolicies.failPin();

    /** The three policies of the plugin: do_wp_page(), fork, reclaim and mprotect are common to all. */
    static Stream<UnsharePolicy> family() {
        return Stream.of(UNSHARE, COW_MAPPING, FAIL_PIN);
    }

    /** Write faults and unshare faults take the same reuse decision. */
    static Stream<Arguments> familyAndFaultKind() {
        return family().flatMap(p -> Stream.of(
                Arguments.of(p, FaultFlag.WRITE.mask()),
                Arguments.of(p, FaultFlag.UNSHARE.mask())));
    }

    @Nested
    class LargeFolios {
        @Test
        void aNonExclusivePageOfALargeFolioIsReusedBy61WhenNothingElseHoldsTheFolio() {
            FakePage lastPage = FakePage.anonPage().exclusive(false).large(4, 1);
            assertEquals(WpDecision.REUSE, UNSHARE.doWpPage(fault(lastPage, FaultFlag.WRITE.mask())));
            FakePage mapped = FakePage.anonPage().exclusive(false).large(4, 16);
            assertEquals(WpDecision.COPY, UNSHARE.doWpPage(fault(mapped, FaultFlag.WRITE.mask())),
                    "the folio's other PTEs hold references");
        }

        @Test
        void from610ALargeFolioIsNeverReusedUnlessThePageIsExclusive() {
            FakePage lastPage = FakePage.anonPage().exclusive(false).large(4, 1);
            assertEquals(WpDecision.COPY, COW_MAPPING.doWpPage(fault(lastPage, FaultFlag.WRITE.mask())));
            assertTrue(lastPage.rule().contains("6.10"), lastPage.rule());
            assertEquals(WpDecision.REUSE, COW_MAPPING.doWpPage(fault(FakePage.anonPage().large(4, 16),
                    FaultFlag.WRITE.mask())));
        }

        @ParameterizedTest
        @MethodSource("org.mmsim.plugins.unshare.UnsharePolicyTest#family")
        void aPmdIsReusedWholeWhenExclusiveOrHeldOnceElseSplit(UnsharePolicy policy) {
            long w = FaultFlag.WRITE.mask();
            assertEquals(WpDecision.REUSE, policy.doHugePmdWpPage(fault(FakePage.anonPage().pmdMapped(1), w)));
            assertEquals(WpDecision.REUSE, policy.doHugePmdWpPage(fault(FakePage.anonPage().exclusive(false)
                    .pmdMapped(1), w)));
            FakePage shared = FakePage.anonPage().exclusive(false).pmdMapped(2);
            assertEquals(WpDecision.COPY, policy.doHugePmdWpPage(fault(shared, w)));
            assertTrue(shared.rule().contains("split"), shared.rule());
        }

        @ParameterizedTest
        @MethodSource("org.mmsim.plugins.unshare.UnsharePolicyTest#family")
        void hugetlbReuseLooksAtTheMapCountOnly(UnsharePolicy policy) {
            FakePage heldByGup = FakePage.anonPage().exclusive(false).pmdMapped(1).refs(2);
            assertEquals(WpDecision.REUSE, policy.hugetlbWp(fault(heldByGup, FaultFlag.WRITE.mask())),
                    "the vmsplice() leak cow.c marks XFAIL on hugetlb");
            assertEquals(WpDecision.COPY, policy.hugetlbWp(fault(FakePage.anonPage().exclusive(false).pmdMapped(2),
                    FaultFlag.WRITE.mask())));
        }

        @Test
        void aMaybePinnedExclusiveLargeFolioIsCopiedPerPageAtFork() {
            assertEquals(ForkDecision.COPY, UNSHARE.copyPresentAnonPte(FakePage.anonPage().large(9, 512).largePins(1),
                    PRIVATE_ANON));
            assertEquals(ForkDecision.SHARE, UNSHARE.copyPresentAnonPte(FakePage.anonPage().large(9, 512),
                    PRIVATE_ANON));
        }
    }

    @Nested
    class DoWpPage {

        @ParameterizedTest
        @MethodSource("org.mmsim.plugins.unshare.UnsharePolicyTest#familyAndFaultKind")
        void exclusivePageIsReusedWhateverItsReferences(UnsharePolicy policy, long flags) {
            // A FOLL_GET reference and a pin: page-count would copy; PG_anon_exclusive says reuse.
            FakePage page = FakePage.anonPage().refs(2).pinned(1);
            WpFault fault = fault(page, flags);
            assertEquals(WpDecision.REUSE, policy.doWpPage(fault));
            verify(fault, never()).tryFreeSwap();
        }

        @ParameterizedTest
        @MethodSource("org.mmsim.plugins.unshare.UnsharePolicyTest#familyAndFaultKind")
        void exclusivePageInSwapCacheIsReusedWithoutTouchingTheSwapCache(UnsharePolicy policy, long flags) {
            FakePage page = FakePage.anonPage().inSwapCache(0);
            WpFault fault = fault(page, flags);
            assertEquals(WpDecision.REUSE, policy.doWpPage(fault));
            verify(fault, never()).tryFreeSwap();
        }

        @ParameterizedTest
        @MethodSource("org.mmsim.plugins.unshare.UnsharePolicyTest#familyAndFaultKind")
        void sharedPageWhoseOnlyReferenceIsOurMappingIsReused(UnsharePolicy policy, long flags) {
            // Not exclusive (was shared at fork, the child has unmapped it): refCount 1 shows no other user.
            FakePage page = FakePage.anonPage().exclusive(false).refs(1).maps(1);
            WpFault fault = fault(page, flags);
            assertEquals(WpDecision.REUSE, policy.doWpPage(fault));
            verify(fault, never()).tryFreeSwap();
        }

        @ParameterizedTest
        @MethodSource("org.mmsim.plugins.unshare.UnsharePolicyTest#family")
        void sharedPageWithAnExtraReferenceIsCopied(UnsharePolicy policy) {
            // mapCount 1 but a GUP reference (vmsplice): mapcount would reuse and leak.
            FakePage page = FakePage.anonPage().exclusive(false).refs(2).maps(1);
            assertEquals(WpDecision.COPY, policy.doWpPage(writeFault(page)));
        }

        @ParameterizedTest
        @MethodSource("org.mmsim.plugins.unshare.UnsharePolicyTest#family")
        void pageMappedTwiceIsCopied(UnsharePolicy policy) {
            FakePage page = FakePage.anonPage().exclusive(false).refs(2).maps(2);
            assertEquals(WpDecision.COPY, policy.doWpPage(writeFault(page)));
        }

        @ParameterizedTest
        @MethodSource("org.mmsim.plugins.unshare.UnsharePolicyTest#family")
        void swapCacheIsDroppedAndThePageReused(UnsharePolicy policy) {
            FakePage page = FakePage.anonPage().exclusive(false).refs(1).inSwapCache(0); // refCount 2
            WpFault fault = writeFault(page);
            assertEquals(WpDecision.REUSE, policy.doWpPage(fault));
            verify(fault, times(1)).tryFreeSwap();
            assertFalse(page.swapCache());
        }

        @ParameterizedTest
        @MethodSource("org.mmsim.plugins.unshare.UnsharePolicyTest#family")
        void swapCacheThatCannotBeDroppedForcesACopy(UnsharePolicy policy) {
            // Another process still has a swap PTE on the slot: try_to_free_swap() fails.
            FakePage page = FakePage.anonPage().exclusive(false).refs(1).inSwapCache(1);
            WpFault fault = writeFault(page);
            assertEquals(WpDecision.COPY, policy.doWpPage(fault));
            verify(fault, times(1)).tryFreeSwap();
        }

        @ParameterizedTest
        @MethodSource("org.mmsim.plugins.unshare.UnsharePolicyTest#family")
        void swapCachePageWithAnotherUserIsCopiedWithoutTryingToFreeSwap(UnsharePolicy policy) {
            FakePage page = FakePage.anonPage().exclusive(false).refs(2).inSwapCache(0); // refCount 3
            WpFault fault = writeFault(page);
            assertEquals(WpDecision.COPY, policy.doWpPage(fault));
            verify(fault, never()).tryFreeSwap();
            assertTrue(page.swapCache());
        }

        @ParameterizedTest
        @MethodSource("org.mmsim.plugins.unshare.UnsharePolicyTest#family")
        void pinnedSharedPageIsCopied(UnsharePolicy policy) {
            FakePage page = FakePage.anonPage().exclusive(false).pinned(1);
            WpFault fault = writeFault(page);
            assertEquals(WpDecision.COPY, policy.doWpPage(fault));
            verify(fault, never()).tryFreeSwap();
        }
    }

    @Nested
    class PinReadOnly {

        @ParameterizedTest
        @MethodSource("org.mmsim.plugins.unshare.UnsharePolicyTest#family")
        void exclusiveAnonPageIsPinned(UnsharePolicy policy) {
            FakePage page = FakePage.anonPage();
            assertSame(PinDecision.Kind.PIN, policy.pinReadOnly(longterm(page, PRIVATE_ANON)).kind());
            assertSame(PinDecision.Kind.PIN, policy.pinReadOnly(shortterm(page, PRIVATE_ANON)).kind());
        }

        @Test
        void sharedAnonPageIsUnsharedWithFaultFlagUnshare() {
            FakePage page = FakePage.anonPage().exclusive(false).maps(2).refs(2);
            for (UnsharePolicy policy : List.of(UNSHARE, COW_MAPPING)) {
                for (PinRequest request : List.of(longterm(page, PRIVATE_ANON), shortterm(page, PRIVATE_ANON))) {
                    PinDecision decision = policy.pinReadOnly(request);
                    assertEquals(PinDecision.Kind.UNSHARE, decision.kind(), policy.id());
                    assertEquals(FaultFlag.UNSHARE, decision.flag(), policy.id());
                }
            }
        }

        @Test
        void sharedAnonPageThatWasOnceSharedIsUnsharedEvenWithMapCountOne() {
            // "previously shared" in cow.c: the child unmapped it, but PG_anon_exclusive is still clear.
            FakePage page = FakePage.anonPage().exclusive(false);
            assertEquals(PinDecision.Kind.UNSHARE, UNSHARE.pinReadOnly(longterm(page, PRIVATE_ANON)).kind());
        }

        @Test
        void failPinRefusesSharedAnonPage() {
            FakePage page = FakePage.anonPage().exclusive(false).maps(2).refs(2);
            PinDecision decision = FAIL_PIN.pinReadOnly(longterm(page, PRIVATE_ANON));
            assertEquals(PinDecision.Kind.REFUSE, decision.kind());
            assertNull(decision.flag());
            assertEquals(PinDecision.Kind.REFUSE, FAIL_PIN.pinReadOnly(shortterm(page, PRIVATE_ANON)).kind());
        }

        @Test
        void longtermPinOfZeroPageInCowMappingIsUnsharedOnlyFrom62() {
            FakePage zero = FakePage.zeroPage();
            PinDecision cow = COW_MAPPING.pinReadOnly(longterm(zero, PRIVATE_ANON));
            assertEquals(PinDecision.Kind.UNSHARE, cow.kind());
            assertEquals(FaultFlag.UNSHARE, cow.flag());
            assertEquals(PinDecision.Kind.PIN, UNSHARE.pinReadOnly(longterm(zero, PRIVATE_ANON)).kind());
            assertEquals(PinDecision.Kind.PIN, FAIL_PIN.pinReadOnly(longterm(zero, PRIVATE_ANON)).kind());
        }

        @Test
        void longtermPinOfPageCacheInPrivateFileMappingIsUnsharedOnlyFrom62() {
            FakePage file = FakePage.pageCache();
            assertEquals(PinDecision.Kind.UNSHARE, COW_MAPPING.pinReadOnly(longterm(file, PRIVATE_FILE)).kind());
            assertEquals(PinDecision.Kind.PIN, UNSHARE.pinReadOnly(longterm(file, PRIVATE_FILE)).kind());
            assertEquals(PinDecision.Kind.PIN, FAIL_PIN.pinReadOnly(longterm(file, PRIVATE_FILE)).kind());
        }

        @ParameterizedTest
        @MethodSource("org.mmsim.plugins.unshare.UnsharePolicyTest#family")
        void shorttermPinOfNonAnonPageKeepsSnapshotSemantics(UnsharePolicy policy) {
            assertEquals(PinDecision.Kind.PIN, policy.pinReadOnly(shortterm(FakePage.zeroPage(), PRIVATE_ANON)).kind());
            assertEquals(PinDecision.Kind.PIN, policy.pinReadOnly(shortterm(FakePage.pageCache(), PRIVATE_FILE)).kind());
        }

        @ParameterizedTest
        @MethodSource("org.mmsim.plugins.unshare.UnsharePolicyTest#family")
        void longtermPinOfPageCacheInSharedMappingIsPinned(UnsharePolicy policy) {
            // Not a COW mapping: the pin sees every write anyway.
            assertEquals(PinDecision.Kind.PIN, policy.pinReadOnly(longterm(FakePage.pageCache(), SHARED_FILE)).kind());
            assertEquals(PinDecision.Kind.PIN, policy.pinReadOnly(longterm(FakePage.pageCache(), SHARED_ANON)).kind());
        }

        @Test
        void gupFastTakesTheSameDecisions() {
            FakePage shared = FakePage.anonPage().exclusive(false).maps(2).refs(2);
            FakePage zero = FakePage.zeroPage();
            assertEquals(PinDecision.Kind.UNSHARE,
                    UNSHARE.pinReadOnly(new Fixtures.Pin(shared, Fixtures.RO_PTE, PRIVATE_ANON, true, true)).kind());
            assertEquals(PinDecision.Kind.UNSHARE,
                    COW_MAPPING.pinReadOnly(new Fixtures.Pin(zero, Fixtures.RO_PTE, PRIVATE_ANON, true, true)).kind());
            assertEquals(PinDecision.Kind.PIN,
                    UNSHARE.pinReadOnly(new Fixtures.Pin(zero, Fixtures.RO_PTE, PRIVATE_ANON, true, true)).kind());
        }
    }

    @Nested
    class CopyPresentAnonPte {

        @ParameterizedTest
        @MethodSource("org.mmsim.plugins.unshare.UnsharePolicyTest#family")
        void pinnedExclusivePageIsCopied(UnsharePolicy policy) {
            assertEquals(ForkDecision.COPY, policy.copyPresentAnonPte(FakePage.anonPage().pinned(1), PRIVATE_ANON));
        }

        @ParameterizedTest
        @MethodSource("org.mmsim.plugins.unshare.UnsharePolicyTest#family")
        void unpinnedExclusivePageIsShared(UnsharePolicy policy) {
            // A FOLL_GET reference is not a pin.
            assertEquals(ForkDecision.SHARE, policy.copyPresentAnonPte(FakePage.anonPage().refs(2), PRIVATE_ANON));
        }

        @ParameterizedTest
        @MethodSource("org.mmsim.plugins.unshare.UnsharePolicyTest#family")
        void sharedPageThatLooksPinnedIsShared(UnsharePolicy policy) {
            // Not exclusive: it cannot be pinned legitimately, so page_try_dup_anon_rmap() shares it
            // (page-count copies it, since it only looks at the reference count).
            FakePage page = FakePage.anonPage().exclusive(false).maps(2).refs(2).pinned(1);
            assertEquals(ForkDecision.SHARE, policy.copyPresentAnonPte(page, PRIVATE_ANON));
        }
    }

    @Nested
    class Reclaim {

        @ParameterizedTest
        @MethodSource("org.mmsim.plugins.unshare.UnsharePolicyTest#family")
        void pinnedPageStaysInMemory(UnsharePolicy policy) {
            assertFalse(policy.mayPageOut(FakePage.anonPage().pinned(1)));
        }

        @ParameterizedTest
        @MethodSource("org.mmsim.plugins.unshare.UnsharePolicyTest#family")
        void unpinnedPageMayGoToSwap(UnsharePolicy policy) {
            assertTrue(policy.mayPageOut(FakePage.anonPage().refs(2)));
            assertTrue(policy.mayPageOut(FakePage.anonPage().exclusive(false).maps(2).refs(2)));
        }
    }

    @Nested
    class CanChangePteWritable {

        @ParameterizedTest
        @MethodSource("org.mmsim.plugins.unshare.UnsharePolicyTest#family")
        void exclusiveAnonPageMayBeMappedWritable(UnsharePolicy policy) {
            assertTrue(policy.canChangePteWritable(FakePage.anonPage(), PRIVATE_ANON));
        }

        @ParameterizedTest
        @MethodSource("org.mmsim.plugins.unshare.UnsharePolicyTest#family")
        void possiblySharedAnonPageStaysReadOnly(UnsharePolicy policy) {
            assertFalse(policy.canChangePteWritable(FakePage.anonPage().exclusive(false), PRIVATE_ANON));
        }

        @ParameterizedTest
        @MethodSource("org.mmsim.plugins.unshare.UnsharePolicyTest#family")
        void nonAnonPagesStayReadOnly(UnsharePolicy policy) {
            assertFalse(policy.canChangePteWritable(FakePage.zeroPage(), PRIVATE_ANON));
            assertFalse(policy.canChangePteWritable(FakePage.pageCache().exclusive(true), PRIVATE_FILE));
        }
    }

    @ParameterizedTest
    @MethodSource("org.mmsim.plugins.unshare.UnsharePolicyTest#family")
    void keepsAnonExclusive(Policy policy) {
        assertTrue(policy.keepsAnonExclusive());
    }

    @ParameterizedTest
    @MethodSource("org.mmsim.plugins.unshare.UnsharePolicyTest#family")
    void everyAnswerNamesTheRuleBehindIt(Policy policy) {
        assertEquals(List.of(), Rules.unexplained(policy));
    }

    @Test
    void eachPolicyRunsOnTheKernelOfItsEra() {
        assertEquals("6.1", UNSHARE.kernel().toString());
        assertEquals("6.1", FAIL_PIN.kernel().toString());
        assertEquals("6.14", COW_MAPPING.kernel().toString(), "the last kernel before MM owner tracking (6.15)");
    }

    @Test
    void unshareFaultsNeverCarryTheWriteFlag() {
        assertThrows(IllegalArgumentException.class,
                () -> new UnsharePolicy("x", "x", FaultFlag.WRITE, false));
    }

    @Test
    void constructorKeepsTheVariant() {
        FaultFlag flag = new FaultFlag("FAULT_FLAG_TEST", 20);
        UnsharePolicy policy = new UnsharePolicy("t", "s", flag, true, UnsharePolicy.SharedAnonPin.REFUSE);
        assertEquals("t", policy.id());
        assertEquals("s", policy.summary());
        assertEquals(flag, policy.unshareFlag());
        assertTrue(policy.unshareCowMappings());
        assertEquals(UnsharePolicy.SharedAnonPin.REFUSE, policy.sharedAnonPin());
        // The 6.2 extension unshares with the policy's own flag.
        PinDecision decision = policy.pinReadOnly(longterm(FakePage.zeroPage(), PRIVATE_ANON));
        assertEquals(PinDecision.Kind.UNSHARE, decision.kind());
        assertEquals(flag, decision.flag());
        // ... while a shared anon page is refused.
        assertEquals(PinDecision.Kind.REFUSE,
                policy.pinReadOnly(longterm(FakePage.anonPage().exclusive(false), PRIVATE_ANON)).kind());
    }

    @Test
    void customFlagIsCarriedByUnshareDecisions() {
        FaultFlag flag = new FaultFlag("FAULT_FLAG_TEST", 20);
        UnsharePolicy policy = new UnsharePolicy("t", "s", flag, false);
        assertEquals(UnsharePolicy.SharedAnonPin.UNSHARE, policy.sharedAnonPin());
        PinDecision decision = policy.pinReadOnly(longterm(FakePage.anonPage().exclusive(false), PRIVATE_ANON));
        assertEquals(PinDecision.Kind.UNSHARE, decision.kind());
        assertEquals(flag, decision.flag());
    }
}
