package org.mmsim.core.explore;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.Future;

/**
 * One member's part of a search across a cluster ({@link ClusterSearch}): the states it owns (their
 * hash's Hazelcast partition is its), the frontier of those at the current level, and the successors
 * the members sent it for the next. The coordinator drives it a level at a time through {@link
 * ClusterTasks}: expand the frontier, sending each successor to its owner; then commit what arrived
 * (the smallest path of each new state, as the single-machine search keeps the smallest key) and
 * check the new states.
 */
final class ClusterMember {
    /** Successors buffered for one member before they go as one task. */
    private static final int BATCH = 8192;
    /** Worker threads of a member: one per core, as the single-machine search has. */
    private static final int THREADS = Runtime.getRuntime().availableProcessors();

    /** This member's workers for this search (daemons: a search its coordinator abandoned holds no JVM up). */
    private final ExecutorService workers = Executors.newFixedThreadPool(THREADS, r -> {
        Thread t = new Thread(r, "mmsim-cluster-worker");
        t.setDaemon(true);
        return t;
    });

    private final HazelcastInstance hz;
    private final String id;
    private final Explorer.Target target;
    private final Universe universe;
    private final Moves moves;
    private final int maxFindings;
    private final boolean sleepSets;
    /** The owner of each Hazelcast partition, as the coordinator saw it when the search began. */
    private final UUID[] owners;
    private final UUID self;
    private StateTable table;
    /** The states in {@link #table}: every state this member ever owned. */
    private long owned;

    /** The frontier: states this member owns at the current level, with their paths and findings. */
    private Level frontier = new Level(0);
    /** The next level's states so far, as the members send them ({@link #receive}, from any thread). */
    private Level next = new Level(16);

    ClusterMember(HazelcastInstance hz, ClusterSpec spec, Explorer.Target target, UUID[] owners) {
        this.hz = hz;
        this.id = spec.id();
        this.target = target;
        this.universe = spec.universe();
        this.moves = new Moves(universe);
        this.maxFindings = spec.maxFindings();
        this.sleepSets = target.sleepSets() && moves.sleepSets();
        this.owners = owners;
        this.self = hz.getCluster().getLocalMember().getUuid();
        this.table = new StateTable(1 << 12, sleepSets);
    }

    /** Ends this member's part of the search: its workers stop. */
    void close() {
        workers.shutdownNow();
    }

    /** Takes the root if this member owns it; returns this member's frontier size. */
    int start() {
        target.enter(new int[0], 0);
        long h = target.enteredHash();
        if (owner(h).equals(self)) {
            table.offer(h, StateTable.key(1, 0, 0));
            owned++;
            frontier.add(h, new int[0], 0, 0); // the root is not checked, and nothing sleeps there
        }
        return frontier.size;
    }

    /** The member whose partition holds a state's hash. */
    private UUID owner(long hash) {
        return owners[(int) Long.remainderUnsigned(StateTable.mix(hash), owners.length)];
    }

    /**
     * Expands the frontier at level on every core, sending every successor to its owner; what the
     * moves found by themselves.
     */
    ClusterTasks.Expanded expand(int level) throws InterruptedException, ExecutionException {
        AtomicInteger next = new AtomicInteger();
        List<Callable<ClusterTasks.Expanded>> parts = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            parts.add(() -> expand(level, target.copy(), next));
        }
        SmallestPaths found = new SmallestPaths(target.kinds(), maxFindings);
        long steps = 0;
        long sent = 0;
        long bytes = 0;
        for (Future<ClusterTasks.Expanded> f : workers.invokeAll(parts)) {
            ClusterTasks.Expanded e = f.get();
            found.addAll(e.found());
            steps += e.steps();
            sent += e.sent();
            bytes += e.bytes();
        }
        return new ClusterTasks.Expanded(steps, found, sent, bytes);
    }

    /** One worker's part of {@link #expand}: the frontier states it claims, with its own copy of the target. */
    private ClusterTasks.Expanded expand(int level, Explorer.Target target, AtomicInteger claim)
            throws InterruptedException, ExecutionException {
        SmallestPaths found = new SmallestPaths(target.kinds(), maxFindings);
        Map<UUID, Level> out = new HashMap<>();
        List<Future<?>> sent = new ArrayList<>();
        IExecutorService executor = hz.getExecutorService(ClusterSearch.EXECUTOR);
        long steps = 0;
        long remote = 0;
        int[] candidates = new int[moves.maxCandidates()];
        Moves.Context context = new Moves.Context(universe);
        for (int j = claim.getAndIncrement(); j < frontier.size; j = claim.getAndIncrement()) {
            int[] path = frontier.paths.get(j);
            int n = moves.candidatesAfter(context, path, level, candidates);
            int parentBits = frontier.bits[j];
            target.enter(path, level);
            long sleep = sleepSets ? target.enteredSleep(frontier.sleep[j]) : 0;
            long tried = 0;
            for (int k = 0; k < n; k++) {
                int mv = candidates[k];
                int bit = sleepSets ? moves.sleepBit(mv) : -1;
                if (bit >= 0 && (sleep >>> bit & 1) != 0) {
                    continue;
                }
                long hash = target.step(mv);
                steps++;
                int stepFound = target.found() & ~parentBits;
                int[] child = stepFound == 0 && hash == 0 ? null : Arrays.copyOf(path, level + 1);
                if (child != null) {
                    child[level] = mv;
                    found.add(stepFound, child);
                }
                long childSleep = bit < 0 ? 0 : (sleep | tried) & moves.independentOf(mv);
                tried |= bit < 0 ? 0 : 1L << bit;
                if (hash == 0) {
                    continue;
                }
                UUID to = owner(hash);
                remote += to.equals(self) ? 0 : 1;
                Level batch = out.computeIfAbsent(to, u -> new Level(BATCH));
                batch.add(hash, child, parentBits, sleepSets ? target.steppedSleep(childSleep) : -1L);
                if (batch.size == BATCH) {
                    send(executor, level, to, batch, sent);
                    out.remove(to);
                }
            }
        }
        for (Map.Entry<UUID, Level> e : out.entrySet()) {
            send(executor, level, e.getKey(), e.getValue(), sent);
        }
        for (Future<?> f : sent) {
            f.get(); // the level ends only once every successor is with its owner
        }
        // a successor on the wire: its hash, findings word and sleep set, and its path (Java serialization
        // writes an int[] as about 10 bytes of header and its ints)
        return new ClusterTasks.Expanded(steps, found, remote, remote * (8 + 4 + 8 + 10 + 4L * (level + 1)));
    }

    private void send(IExecutorService executor, int level, UUID to, Level batch, List<Future<?>> sent) {
        if (to.equals(self)) {
            receive(level, batch);
            return;
        }
        Member member = hz.getCluster().getMembers().stream().filter(m -> m.getUuid().equals(to)).findFirst()
                .orElseThrow(() -> new IllegalStateException("member " + to + " left the cluster"));
        sent.add(executor.submitToMember(new ClusterTasks.Deliver(id, level, batch), member));
    }

    /**
     * Successors another member (or this one) found at level for states this member owns. Each is
     * matched at once, so a member holds the distinct states of the next level, not every arrival:
     * a new state is kept with its path, one seen at this level keeps the smaller path and the sleep
     * set both arrivals agree on, one seen at an earlier level is dropped.
     */
    synchronized void receive(int level, Level batch) {
        for (int i = 0; i < batch.size; i++) {
            if (table.wantsToGrow(owned)) {
                table = table.grown();
            }
            int r = table.offer(batch.hashes[i], StateTable.key(level + 2, next.size, 0));
            if (r < 0) {
                throw new IllegalStateException("the state table is full");
            }
            if (StateTable.outcome(r) == StateTable.NEW) {
                owned++;
                next.add(batch.hashes[i], batch.paths.get(i), batch.bits[i], batch.sleep[i]);
            } else if (StateTable.outcome(r) == StateTable.THIS_LEVEL) {
                int at = (int) StateTable.parent(table.keyAt(StateTable.slot(r)));
                if (Arrays.compare(batch.paths.get(i), next.paths.get(at)) < 0) {
                    next.paths.set(at, batch.paths.get(i));
                    next.bits[at] = batch.bits[i]; // the parent's findings go with the path that is kept
                }
                next.sleep[at] &= batch.sleep[i];
            }
        }
    }

    /**
     * Makes the states that arrived the next frontier, once every member has sent its successors,
     * and checks them (on the path kept, which leads to the same state as any other). Returns how
     * many there are and what their checks found.
     */
    ClusterTasks.Committed commit(int level) {
        Level next;
        synchronized (this) {
            next = this.next;
            this.next = new Level(16);
        }
        Level fresh = next;
        int[] checked = new int[fresh.size];
        AtomicInteger claim = new AtomicInteger();
        List<Callable<SmallestPaths>> parts = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Explorer.Target mine = target.copy();
            parts.add(() -> {
                SmallestPaths found = new SmallestPaths(mine.kinds(), maxFindings);
                for (int j = claim.getAndIncrement(); j < fresh.size; j = claim.getAndIncrement()) {
                    int[] path = fresh.paths.get(j);
                    mine.enter(path, level);
                    mine.step(path[level]);
                    checked[j] = mine.check();
                    found.add(checked[j] & ~fresh.bits[j], path);
                }
                return found;
            });
        }
        SmallestPaths found = new SmallestPaths(target.kinds(), maxFindings);
        try {
            for (Future<SmallestPaths> f : workers.invokeAll(parts)) {
                found.addAll(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
        next.bits = checked;
        frontier = next;
        return new ClusterTasks.Committed(next.size, found);
    }

    /**
     * States with their paths, a findings word and a sleep set each: a frontier, what arrived for
     * the next one, or a batch on its way to the member that owns its states. In a batch and among
     * arrivals the word is the parent's findings; in a frontier, the state's own.
     */
    static final class Level implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        long[] hashes;
        final List<int[]> paths;
        int[] bits;
        long[] sleep;
        int size;

        Level(int capacity) {
            hashes = new long[Math.max(1, capacity)];
            paths = new ArrayList<>(capacity);
            bits = new int[Math.max(1, capacity)];
            sleep = new long[Math.max(1, capacity)];
        }

        void add(long hash, int[] path, int word, long sleepSet) {
            if (size == hashes.length) {
                int n = size * 2;
                hashes = Arrays.copyOf(hashes, n);
                bits = Arrays.copyOf(bits, n);
                sleep = Arrays.copyOf(sleep, n);
            }
            hashes[size] = hash;
            paths.add(path);
            bits[size] = word;
            sleep[size++] = sleepSet;
        }

    }
}
