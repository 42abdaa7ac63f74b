package org.mmsim.core.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.mmsim.api.Policy;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.testing.AlwaysReuse;
import org.mmsim.core.testing.KernelUnsharePolicy;

/**
 * A search across three Hazelcast members (in this JVM, on loopback) finds what the single-machine
 * search finds, with the same counterexamples and counts; a member that leaves mid-search ends it at
 * the last complete level, with what was found up to there. The distribution's ClusterIT runs the
 * members as separate JVMs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterSearchTest {
    private static final FlagRegistry FLAGS = new FlagRegistry();
    private static final Policy UNSHARE = new KernelUnsharePolicy();
    private static final Policy REUSE = new AlwaysReuse();
    private static final List<HazelcastInstance> MEMBERS = new ArrayList<>();

    @BeforeAll
    static void startMembers() {
        String name = "mmsim-test-" + UUID.randomUUID();
        List<String> addresses = List.of("127.0.0.1:5901", "127.0.0.1:5902", "127.0.0.1:5903");
        for (int i = 0; i < 3; i++) {
            HazelcastInstance hz = ClusterSearch.join(name, addresses, 5901);
            ClusterSearch.serve(hz, ClusterSearchTest::target);
            MEMBERS.add(hz);
        }
        assertEquals(3, MEMBERS.get(0).getCluster().getMembers().size(), "the three members found each other");
    }

    @AfterAll
    static void stopMembers() {
        MEMBERS.forEach(hz -> {
            if (hz.getLifecycleService().isRunning()) {
                ClusterSearch.leave(hz);
            }
        });
    }

    private static Policy policy(String id) {
        return id.equals(REUSE.id()) ? REUSE : UNSHARE;
    }

    static Explorer.Target target(ClusterSpec spec) {
        return spec.kind().equals("diff")
                ? new DiffTarget(policy(spec.policies().get(0)), policy(spec.policies().get(1)), FLAGS, spec.universe(),
                        spec.reductions())
                : new InvariantTarget(policy(spec.policies().get(0)), FLAGS, spec.universe(), spec.reductions());
    }

    /** Every finding as kind, number and path: what the two searches must agree on exactly. */
    private static List<String> described(Explorer.Result r) {
        List<String> out = new ArrayList<>();
        for (Explorer.Finding f : r.findings()) {
            out.add(f.kind() + "#" + f.number() + " " + Arrays.toString(f.path()));
        }
        return out;
    }

    private static void sameAsOneMachine(ClusterSpec spec) {
        Explorer.Target target = target(spec);
        Explorer.Result one = new Explorer(spec.universe(), 5_000_000, 2).run(target, spec.maxFindings(), f -> { });
        List<Explorer.Finding> heard = new ArrayList<>();
        Explorer.Result three = new ClusterSearch(MEMBERS.get(0), spec, 5_000_000).run(target, spec.maxFindings(),
                heard::add);
        assertTrue(three.complete(), three.stopReason());
        assertEquals(described(one), described(three), spec.toString());
        assertEquals(one.findings().size(), heard.size(), "the listener heard of each finding");
        assertEquals(one.distinct(), three.distinct(), "distinct states");
        assertEquals(one.explored(), three.explored(), "moves explored");
        assertEquals(one.depth(), three.depth());
    }

    private static ClusterSpec spec(String kind, List<String> policies, Universe u, Reductions r, int maxFindings) {
        return new ClusterSpec(UUID.randomUUID().toString(), kind, policies, u, r, maxFindings);
    }

    @Test
    @Order(1)
    void threeMembersFindWhatOneMachineFinds() {
        Universe u = new Universe(2, 2, 0, 2, 4, Universe.DEFAULT);
        ClusterSpec reuse = spec("explore", List.of(REUSE.id()), u, Reductions.DEFAULT, 3);
        sameAsOneMachine(reuse);
        assertFalse(new Explorer(u, 5_000_000, 1).run(target(reuse)).findings().isEmpty(), "something to agree on");
        sameAsOneMachine(spec("explore", List.of(UNSHARE.id()), new Universe(2, 2, 0, 2, 4, Universe.DEFAULT),
                Reductions.NONE, 1));
        sameAsOneMachine(spec("explore", List.of(UNSHARE.id()), u, Reductions.ALL, 2));
        sameAsOneMachine(spec("explore", List.of(REUSE.id()), new Universe(2, 2, 1, 2, 4,
                Set.of("write", "read", "fork", "fwrite", "pin", "release", "peek")), Reductions.DEFAULT, 1));
    }

    /**
     * A member that dies in the middle of expanding depth 4: the search ends there, says which member
     * left, and reports what depths 1 to 3 found, as one machine finds it to depth 3.
     */
    @Test
    @Order(3) // the last: it takes a member down
    void aMemberThatLeavesEndsTheSearchAtTheLastCompleteLevel() {
        HazelcastInstance dying = MEMBERS.get(2);
        ClusterSearch.serve(dying, spec -> new DiesAtDepth(target(spec), dying, 3));
        Universe u = new Universe(2, 2, 0, 2, 5, Universe.DEFAULT);
        ClusterSpec spec = spec("explore", List.of(REUSE.id()), u, Reductions.DEFAULT, 1);
        Explorer.Result r = new ClusterSearch(MEMBERS.get(0), spec, 5_000_000).run(target(spec), 1, f -> { });
        assertFalse(r.complete(), r.summary());
        assertTrue(r.stopReason().startsWith("cluster member [127.0.0.1]:590"), r.stopReason());
        assertTrue(r.stopReason().endsWith(" left during depth 4; what was found up to depth 3 is complete"),
                r.stopReason());
        assertEquals(3, r.depth());
        Universe three = new Universe(2, 2, 0, 2, 3, Universe.DEFAULT);
        Explorer.Result one = new Explorer(three, 5_000_000, 2).run(target(spec("explore", List.of(REUSE.id()),
                three, Reductions.DEFAULT, 1)));
        assertEquals(described(one), described(r), "the findings of the complete levels, no others");
        assertEquals(one.distinct(), r.distinct());
        assertEquals(one.explored(), r.explored(), "a level a member left in the middle of counts not at all");
    }

    /**
     * A target whose member dies abruptly (no goodbye to the cluster) when it enters a state at depth:
     * the member is terminated, and its workers never answer, as on a machine that is gone.
     */
    private record DiesAtDepth(Explorer.Target target, HazelcastInstance hz, int depth) implements Explorer.Target {
        @Override
        public void enter(int[] path, int len) {
            if (len == depth) {
                new Thread(hz.getLifecycleService()::terminate).start();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("this member is gone");
            }
            target.enter(path, len);
        }

        @Override
        public long enteredHash() {
            return target.enteredHash();
        }

        @Override
        public long step(int mv) {
            return target.step(mv);
        }

        @Override
        public int found() {
            return target.found();
        }

        @Override
        public int check() {
            return target.check();
        }

        @Override
        public int kinds() {
            return target.kinds();
        }

        @Override
        public boolean stopAtFirst() {
            return target.stopAtFirst();
        }

        @Override
        public Explorer.Target copy() {
            return new DiesAtDepth(target.copy(), hz, depth); // a target per worker thread, as every target
        }
    }

    @Test
    @Order(2)
    void diffStopsAtTheSameFirstDifference() {
        sameAsOneMachine(spec("diff", List.of(UNSHARE.id(), REUSE.id()), Universe.defaults(), Reductions.DEFAULT, 1));
    }
}
