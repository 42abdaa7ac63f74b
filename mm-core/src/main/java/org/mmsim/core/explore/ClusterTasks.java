package org.mmsim.core.explore;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import java.io.Serializable;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the coordinator of a cluster search asks of each member, as Hazelcast executor tasks (Java
 * serialization, Hazelcast's own transport), and what the members answer. A member finds its part
 * of a search by the name of the Hazelcast instance the task runs on and the search's id, so that
 * several members can share one JVM (the tests do).
 */
final class ClusterTasks {
    private ClusterTasks() {
    }

    /** Per Hazelcast instance name: what builds a search's target there (its own plugins' policies). */
    static final Map<String, ClusterSearch.Targets> TARGETS = new ConcurrentHashMap<>();
    /** Per Hazelcast instance name and search id: that member's part of the search. */
    private static final Map<String, ClusterMember> SEARCHES = new ConcurrentHashMap<>();

    /** Drops every search a member takes part in. */
    static void forget(HazelcastInstance hz) {
        SEARCHES.entrySet().removeIf(e -> {
            boolean mine = e.getKey().startsWith(hz.getName() + "/");
            if (mine) {
                e.getValue().close();
            }
            return mine;
        });
    }

    private static ClusterMember member(HazelcastInstance hz, String search) {
        ClusterMember m = SEARCHES.get(hz.getName() + "/" + search);
        if (m == null) {
            throw new IllegalStateException("no search " + search + " on member " + hz.getName());
        }
        return m;
    }

    /** The base of every task: which search, and the member it runs on. */
    abstract static class Task<T> implements Callable<T>, Serializable, HazelcastInstanceAware {
        private static final long serialVersionUID = 1L;
        final String search;
        transient HazelcastInstance hz;

        Task(String search) {
            this.search = search;
        }

        @Override
        public void setHazelcastInstance(HazelcastInstance instance) {
            this.hz = instance;
        }
    }

    /** Sets the member up for a search and takes the root if it owns it; answers its frontier's size. */
    static final class Start extends Task<Integer> {
        private static final long serialVersionUID = 1L;
        private final ClusterSpec spec;
        private final UUID[] owners;

        Start(ClusterSpec spec, UUID[] owners) {
            super(spec.id());
            this.spec = spec;
            this.owners = owners;
        }

        @Override
        public Integer call() {
            ClusterSearch.Targets targets = TARGETS.get(hz.getName());
            if (targets == null) {
                throw new IllegalStateException("member " + hz.getName() + " serves no searches");
            }
            ClusterMember m = new ClusterMember(hz, spec, targets.create(spec), owners);
            SEARCHES.put(hz.getName() + "/" + search, m);
            return m.start();
        }
    }

    /**
     * What expanding a member's frontier did: the moves it tried, what they found by themselves, and the
     * successors it sent to other members with about how many bytes they took.
     */
    record Expanded(long steps, SmallestPaths found, long sent, long bytes) implements Serializable {}

    /** What a member's commit of the next level did: the new states it owns and what their checks found. */
    record Committed(int added, SmallestPaths found) implements Serializable {}

    static final class Expand extends Task<Expanded> {
        private static final long serialVersionUID = 1L;
        private final int level;

        Expand(String search, int level) {
            super(search);
            this.level = level;
        }

        @Override
        public Expanded call() throws Exception {
            return member(hz, search).expand(level);
        }
    }

    /** Successors for states the receiving member owns. */
    static final class Deliver extends Task<Boolean> {
        private static final long serialVersionUID = 1L;
        private final int level;
        private final ClusterMember.Level batch;

        Deliver(String search, int level, ClusterMember.Level batch) {
            super(search);
            this.level = level;
            this.batch = batch;
        }

        @Override
        public Boolean call() {
            member(hz, search).receive(level, batch);
            return true;
        }
    }

    static final class Commit extends Task<Committed> {
        private static final long serialVersionUID = 1L;
        private final int level;

        Commit(String search, int level) {
            super(search);
            this.level = level;
        }

        @Override
        public Committed call() {
            return member(hz, search).commit(level);
        }
    }

    /** The search is over: the member forgets it. */
    static final class End extends Task<Boolean> {
        private static final long serialVersionUID = 1L;

        End(String search) {
            super(search);
        }

        @Override
        public Boolean call() {
            ClusterMember m = SEARCHES.remove(hz.getName() + "/" + search);
            if (m != null) {
                m.close();
            }
            return m != null;
        }
    }
}
