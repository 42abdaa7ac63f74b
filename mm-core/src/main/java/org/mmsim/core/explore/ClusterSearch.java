package org.mmsim.core.explore;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.partition.Partition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * The explorer's breadth-first search across the members of a Hazelcast cluster: a state belongs to
 * the member that owns its hash's partition (Hazelcast's partition table, as it stood when the
 * search began); each member expands the states it owns and sends every successor to its owner
 * ({@link ClusterMember}); a level ends when every member has expanded and then committed what it
 * received. The smallest path wins every race, as the smallest key does on one machine, so the
 * findings, their counterexamples and the counts are those of {@link Explorer} whatever the number
 * of members. A member that leaves ends the search at the last complete level, and says so.
 */
public final class ClusterSearch implements Search {
    /** The Hazelcast executor the tasks of a search run on. */
    static final String EXECUTOR = "mmsim-search";

    /** Hears, at the end of each level, how much the members sent one another. */
    public interface Exchange {
        void level(int depth, long successors, long bytes);
    }

    private volatile Exchange exchange = (depth, successors, bytes) -> { };

    /** Who hears of each level's exchange (the CLI's progress lines). */
    public ClusterSearch onExchange(Exchange listener) {
        this.exchange = listener;
        return this;
    }

    /** What builds a search's target on a member, from that member's own plugins. */
    public interface Targets {
        Explorer.Target create(ClusterSpec spec);
    }

    private final HazelcastInstance hz;
    private final ClusterSpec spec;
    private final long maxStates;
    private volatile boolean stopped;
    private volatile String stopWhy = "interrupted";
    private volatile Explorer.Progress progress;
    private final long started = System.nanoTime();

    public ClusterSearch(HazelcastInstance hz, ClusterSpec spec, long maxStates) {
        this.hz = hz;
        this.spec = spec;
        this.maxStates = maxStates;
        this.progress = new Explorer.Progress(0, spec.universe().depth(), 0, 0, 1, 0, 0);
    }

    /**
     * Starts an embedded member of cluster {@code name}, which finds the others at {@code addresses}
     * (host or host:port) over TCP; on loopback only when every address is a loopback one. Hazelcast
     * logs nothing (mmsim's stderr carries one-line messages only) and has no shutdown hook of its own.
     */
    public static HazelcastInstance join(String name, List<String> addresses, int port) {
        Config c = new Config();
        NetworkConfig net = c.getNetworkConfig();
        net.setPort(port).setPortAutoIncrement(true).setPortCount(100);
        JoinConfig join = net.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(addresses);
        if (addresses.stream().allMatch(ClusterSearch::loopback)) {
            c.setProperty("hazelcast.socket.bind.any", "false");
            net.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        }
        return join(name, c);
    }

    /**
     * The same with the network of a Hazelcast configuration (XML or YAML: how members find each other,
     * interfaces, TLS, discovery), to which {@code addresses} (possibly none) are added as TCP members.
     * The cluster's name and logging stay mmsim's.
     */
    public static HazelcastInstance join(String name, List<String> addresses, Config c) {
        if (!addresses.isEmpty()) {
            com.hazelcast.config.TcpIpConfig tcp = c.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true);
            addresses.forEach(tcp::addMember);
        }
        return join(name, c);
    }

    /** Hazelcast logs nothing: read before any configuration is built or loaded (its JPMS warning comes early). */
    public static void quiet() {
        if (System.getProperty("hazelcast.logging.type") == null) {
            System.setProperty("hazelcast.logging.type", "none");
        }
    }

    private static HazelcastInstance join(String name, Config c) {
        quiet();
        c.setClusterName(name);
        c.setProperty("hazelcast.logging.type", "none");
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.shutdownhook.enabled", "false");
        // a member waits 5 s by default before it decides it is the first; searches start sooner
        if (c.getProperty("hazelcast.wait.seconds.before.join") == null) {
            c.setProperty("hazelcast.wait.seconds.before.join", "1");
        }
        return Hazelcast.newHazelcastInstance(c);
    }

    private static boolean loopback(String address) {
        String host = address.replaceFirst(":\\d+$", "");
        return host.equals("localhost") || host.startsWith("127.");
    }

    /**
     * Lets this member take part in searches, building their targets with {@code targets}. When any
     * member leaves, the searches in progress end (their coordinator says why), so this one drops its
     * part of them.
     */
    public static void serve(HazelcastInstance hz, Targets targets) {
        ClusterTasks.TARGETS.put(hz.getName(), targets);
        hz.getCluster().addMembershipListener(new com.hazelcast.cluster.MembershipListener() {
            @Override
            public void memberAdded(com.hazelcast.cluster.MembershipEvent event) {
            }

            @Override
            public void memberRemoved(com.hazelcast.cluster.MembershipEvent event) {
                ClusterTasks.forget(hz);
            }
        });
    }

    /** Leaves the cluster: this member takes part in no more searches. */
    public static void leave(HazelcastInstance hz) {
        ClusterTasks.TARGETS.remove(hz.getName());
        hz.shutdown();
    }

    @Override
    public void stop(String why) {
        stopWhy = why;
        stopped = true;
    }

    @Override
    public Explorer.Progress progress() {
        return progress;
    }

    /**
     * Runs the search from this member, which coordinates it ({@code target} says what finding kinds
     * there are and whether the first is enough). Every member must serve searches ({@link #serve}).
     */
    @Override
    public Explorer.Result run(Explorer.Target target, int maxFindings, Explorer.Listener listener) {
        int kinds = target.kinds();
        Set<Member> members = hz.getCluster().getMembers();
        IExecutorService executor = hz.getExecutorService(EXECUTOR);
        List<Explorer.Finding> findings = new ArrayList<>();
        int[] perKind = new int[kinds];
        long explored = 0;
        long distinct = 1;
        int depth = 0;
        String stopReason = null;
        try {
            long frontier = sum(executor.submitToAllMembers(new ClusterTasks.Start(spec, owners(members))));
            for (int level = 0; level < spec.universe().depth() && frontier > 0; level++) {
                progress = new Explorer.Progress(level + 1, spec.universe().depth(), (int) frontier, 0, distinct,
                        findings.size(), seconds());
                // counted only once the whole level is: a level a member left in the middle of counts not at all
                SmallestPaths best = new SmallestPaths(kinds, maxFindings);
                long steps = 0;
                long sent = 0;
                long bytes = 0;
                for (Future<ClusterTasks.Expanded> f
                        : executor.submitToAllMembers(new ClusterTasks.Expand(spec.id(), level)).values()) {
                    ClusterTasks.Expanded e = f.get();
                    steps += e.steps();
                    sent += e.sent();
                    bytes += e.bytes();
                    best.addAll(e.found());
                }
                frontier = 0;
                for (Future<ClusterTasks.Committed> f
                        : executor.submitToAllMembers(new ClusterTasks.Commit(spec.id(), level)).values()) {
                    ClusterTasks.Committed c = f.get();
                    frontier += c.added();
                    best.addAll(c.found());
                }
                explored += steps;
                distinct += frontier;
                depth = level + 1;
                exchange.level(depth, sent, bytes);
                boolean any = false;
                for (int k = 0; k < kinds; k++) {
                    for (int[] path : best.of(k)) {
                        if (perKind[k] < maxFindings) {
                            Explorer.Finding f = new Explorer.Finding(k, ++perKind[k], path);
                            findings.add(f);
                            listener.found(f);
                            any = true;
                        }
                    }
                }
                if (stopped || distinct >= maxStates) {
                    stopReason = stopped ? stopWhy : "--max-states reached";
                    break;
                }
                if (any && target.stopAtFirst()) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopReason = "interrupted";
        } catch (ExecutionException e) {
            stopReason = lost(members, depth).orElseThrow(() -> e.getCause() instanceof RuntimeException re ? re
                    : new IllegalStateException(e.getCause()));
        } catch (RuntimeException e) {
            stopReason = lost(members, depth).orElseThrow(() -> e);
        } finally {
            end(executor);
        }
        return new Explorer.Result(explored, distinct, depth, seconds(), stopReason == null, stopReason,
                List.copyOf(findings), 0);
    }

    /** The partition owners the members route states by, fixed for the whole search. */
    private UUID[] owners(Set<Member> members) throws InterruptedException {
        Set<UUID> ids = members.stream().map(Member::getUuid).collect(Collectors.toSet());
        for (int attempt = 0; ; attempt++) {
            Set<Partition> partitions = hz.getPartitionService().getPartitions();
            UUID[] owners = new UUID[partitions.size()];
            boolean assigned = true;
            for (Partition p : partitions) {
                Member owner = p.getOwner(); // the first call has the partitions assigned
                assigned &= owner != null && ids.contains(owner.getUuid());
                owners[p.getPartitionId()] = owner == null ? null : owner.getUuid();
            }
            if (assigned) {
                return owners;
            }
            if (attempt == 300) {
                throw new IllegalStateException("the cluster's partitions are not assigned to its members");
            }
            Thread.sleep(100);
        }
    }

    /**
     * Why the search ended, when a member it began with is gone. A task that failed because its member
     * is dying may be heard of before the member is seen to leave: this waits up to 10 s for that.
     */
    private java.util.Optional<String> lost(Set<Member> members, int depth) {
        List<String> gone = List.of();
        for (int wait = 0; wait < 100 && gone.isEmpty(); wait++) {
            Set<Member> now = hz.getLifecycleService().isRunning() ? hz.getCluster().getMembers() : Set.of();
            gone = members.stream().filter(m -> !now.contains(m)).map(m -> m.getAddress().toString()).sorted()
                    .toList();
            if (gone.isEmpty()) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (gone.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("cluster member " + String.join(", ", gone) + " left during depth " + (depth + 1)
                + "; what was found up to depth " + depth + " is complete");
    }

    /** Tells the members still there to forget the search. */
    private void end(IExecutorService executor) {
        try {
            for (Future<Boolean> f : executor.submitToAllMembers(new ClusterTasks.End(spec.id())).values()) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    // a member that left has nothing to forget
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // this member is shutting down: nothing to tell
        }
    }

    private static <T extends Number> long sum(Map<Member, Future<T>> answers)
            throws InterruptedException, ExecutionException {
        long n = 0;
        for (Future<T> f : answers.values()) {
            n += f.get().longValue();
        }
        return n;
    }

    private double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }
}
