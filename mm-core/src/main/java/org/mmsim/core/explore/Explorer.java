package org.mmsim.core.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Breadth-first search over statement sequences. A state is the machine after the prelude and a
 * path of moves; it is rebuilt by replaying its path, hashed canonically, and kept only if no
 * state with the same hash was seen. A {@link Target} says what a state's hash is and what it
 * finds there (invariant violations, or a difference between two policies). The smallest key
 * (level, parent, move) wins every race, so results do not depend on thread timing.
 */
public final class Explorer implements Search {
    /** What is searched for. One instance per worker thread ({@link #copy()}). */
    public interface Target {
        /** Replays the prelude and path[0..len) on fresh machines, the parent of the next {@link #step}s. */
        void enter(int[] path, int len);

        /** The hash of the entered state (only the root's is needed: every other was hashed as a step). */
        long enteredHash();

        /** The entered state followed by move mv (on a copy): its hash, or 0 to prune it. */
        long step(int mv);

        /** What the last step found by itself (a policy error, a difference): a bit per finding kind. */
        int found();

        /**
         * Checks the state of the last step, which the search has just seen for the first time
         * (a state seen before was checked then); returns a bit per finding kind.
         */
        int check();

        /** How many finding kinds there are. */
        int kinds();

        /** Whether the search may stop once anything is found (diff: the shortest difference is enough). */
        boolean stopAtFirst();

        /** Whether the search may use sleep sets (its moves' outcomes do not matter, only the states). */
        default boolean sleepSets() {
            return false;
        }

        /**
         * A sleep set of the entered state, from the bits of its symmetry class (what the table
         * keeps) to its own (symmetry reduction may have hashed its page-reversed twin, or named its
         * processes otherwise).
         */
        default long enteredSleep(long canonical) {
            return canonical;
        }

        /** A sleep set of the last step's state, from its own bits to its class's. */
        default long steppedSleep(long own) {
            return own;
        }

        Target copy();
    }

    /** A counterexample: the {@code number}-th found of its kind (1: the shortest), as moves after the prelude. */
    public record Finding(int kind, int number, int[] path) {}

    /** Hears of each finding once the level that found it is complete, on the thread that runs the search. */
    public interface Listener {
        void found(Finding finding);
    }

    /**
     * How far a running search is, readable from any thread: it expands the frontier of states at
     * depth - 1 ({@code expanded} of {@code frontier} nodes taken so far) into states at depth.
     */
    public record Progress(int depth, int maxDepth, int frontier, int expanded, long distinct, int findings,
                           double seconds) {}

    /**
     * The outcome of a search; findings in the order they were found. {@code explored} counts every
     * move tried (skipped ones too: SPIN's transitions), {@code bytes} what the search held at its
     * end: the state table and every level's keys and findings.
     */
    public record Result(long explored, long distinct, int depth, double seconds, boolean complete,
                         String stopReason, List<Finding> findings, long bytes) {
        /** The path of the shortest finding of kind, or null. */
        public int[] first(int kind) {
            return findings.stream().filter(f -> f.kind() == kind).map(Finding::path).findFirst().orElse(null);
        }

        public double statesPerSecond() {
            return seconds > 0 ? distinct / seconds : 0;
        }

        public String summary() {
            return String.format(java.util.Locale.ROOT, "explored %d states (%d distinct) to depth %d in %.2f s: %.0f distinct states/s",
                    explored, distinct, depth, seconds, statesPerSecond());
        }
    }

    /** Slots of the state table to start with; it doubles whenever it is half full. */
    private static final int INITIAL_TABLE = 1 << 16;

    private final Universe universe;
    private final Moves moves;
    private final long maxStates;
    private final int threads;
    private final int tableSize;
    private volatile boolean stopped;
    private volatile String stopWhy = "interrupted";
    // what progress() reads: the search thread and the workers publish them anyway
    private final AtomicLong distinct = new AtomicLong(1);
    private volatile Pass pass;
    private volatile int findingsSoFar;
    private volatile long started; // 0 until run() starts

    public Explorer(Universe universe, long maxStates, int threads) {
        this(universe, maxStates, threads, INITIAL_TABLE);
    }

    /** With a state table of {@code tableSize} slots to start with (tests make it grow early). */
    Explorer(Universe universe, long maxStates, int threads, int tableSize) {
        this.universe = universe;
        this.moves = new Moves(universe);
        this.maxStates = maxStates;
        this.threads = Math.max(1, threads);
        this.tableSize = tableSize;
    }

    /** Asks a running search to stop after the moves in flight, saying why (Ctrl-C, the deadline) in its result. */
    @Override
    public void stop(String why) {
        stopWhy = why;
        stopped = true;
    }

    /** A search that keeps the shortest finding of each kind and tells no one until it ends. */
    public Result run(Target target) {
        return run(target, 1, finding -> { });
    }

    /**
     * A search that keeps up to maxFindings findings per kind, shortest first, ties broken by the
     * smallest key. A state counts as a finding of a kind only if its parent did not have that kind
     * too: otherwise it is the parent's finding extended by one move.
     */
    @Override
    public Result run(Target target, int maxFindings, Listener listener) {
        long start = System.nanoTime();
        started = start;
        boolean sleepSets = target.sleepSets() && moves.sleepSets();
        StateTable table = new StateTable(tableSize, sleepSets);
        int kinds = target.kinds();
        List<Finding> findings = new ArrayList<>();
        int[] perKind = new int[kinds];
        List<long[]> levels = new ArrayList<>();
        AtomicLong explored = new AtomicLong();
        distinct.set(1);
        Target root = target.copy();
        root.enter(new int[0], 0);
        table.offer(root.enteredHash(), StateTable.key(1, 0, 0));
        levels.add(new long[] {StateTable.key(1, 0, 0)});
        int[] bits = {0}; // what the frontier's states found themselves; the root is not checked
        long[] sleep = sleepSets ? new long[] {0} : null; // the frontier's sleep sets; nothing sleeps at the root
        String stopReason = null;
        int depth = 0;
        boolean complete = true;
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "mmsim-explore");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int level = 0; level < universe.depth(); level++) {
                long[] frontier = levels.get(level);
                if (frontier.length == 0) {
                    break;
                }
                SmallestKeys best = new SmallestKeys(kinds, maxFindings);
                List<long[]> added = new ArrayList<>();
                // passes over the frontier: a pass ends early when the table is half full, which
                // then doubles, and the next pass takes the nodes not expanded yet
                for (int[] todo = indices(frontier.length); ; ) {
                    Pass pass = new Pass(level, frontier.length, todo, bits, sleep, table);
                    this.pass = pass;
                    List<SmallestKeys> found = new ArrayList<>();
                    List<Future<long[]>> tasks = new ArrayList<>();
                    for (int t = 0; t < threads; t++) {
                        Target worker = target.copy();
                        SmallestKeys mine = new SmallestKeys(kinds, maxFindings);
                        found.add(mine);
                        tasks.add(pool.submit(() -> expand(worker, levels, pass, mine, explored)));
                    }
                    for (Future<long[]> f : tasks) {
                        added.add(f.get());
                    }
                    found.forEach(best::addAll);
                    todo = pass.left();
                    if (todo.length == 0 || stopped || distinct.get() >= maxStates) {
                        break;
                    }
                    table = table.grown();
                }
                NextLevel next = new NextLevel(table, added, bits, best, sleepSets);
                depth = level + 1;
                boolean any = false;
                for (int k = 0; k < kinds; k++) {
                    for (long key : best.of(k)) {
                        if (perKind[k] < maxFindings) {
                            Finding f = new Finding(k, ++perKind[k], path(levels, key));
                            findings.add(f);
                            findingsSoFar = findings.size();
                            listener.found(f);
                            any = true;
                        }
                    }
                }
                if (stopped || distinct.get() >= maxStates) {
                    stopReason = stopped ? stopWhy : "--max-states reached";
                    complete = false;
                    break;
                }
                if (any && target.stopAtFirst()) {
                    break;
                }
                levels.add(next.keys);
                bits = next.bits;
                sleep = next.sleep;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopReason = "interrupted";
            complete = false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long bytes = table.bytes();
        for (long[] keys : levels) {
            bytes += 12L * keys.length; // a key, and the findings beside it
        }
        return new Result(explored.get(), distinct.get(), depth, seconds, complete, stopReason, List.copyOf(findings),
                bytes);
    }

    /** Where the running search is; a snapshot of counters, consistent within itself. */
    @Override
    public Progress progress() {
        Pass p = pass;
        long t = started;
        double seconds = t == 0 ? 0 : (System.nanoTime() - t) / 1e9;
        int max = universe.depth();
        return p == null ? new Progress(0, max, 0, 0, distinct.get(), findingsSoFar, seconds)
                : new Progress(p.level + 1, max, p.frontier, p.expanded(), distinct.get(), findingsSoFar, seconds);
    }

    /**
     * One pass of the workers over (part of) a level's frontier: the nodes are claimed in turn;
     * a worker that finds the table half full gives its claimed node back and stops.
     */
    private static final class Pass {
        final int level;
        /** How many nodes the whole frontier has. */
        final int frontier;
        /** The frontier indices to expand. */
        final int[] todo;
        /** What each frontier state found itself, by frontier index. */
        final int[] bits;
        /** Each frontier state's sleep set, in the bits of its canonical orientation; null without sleep sets. */
        final long[] sleep;
        final StateTable table;
        final AtomicInteger next = new AtomicInteger();
        final Queue<Integer> givenBack = new ConcurrentLinkedQueue<>();

        Pass(int level, int frontier, int[] todo, int[] bits, long[] sleep, StateTable table) {
            this.level = level;
            this.frontier = frontier;
            this.todo = todo;
            this.bits = bits;
            this.sleep = sleep;
            this.table = table;
        }

        /** The frontier's nodes taken so far, by earlier passes and this one. */
        int expanded() {
            return frontier - todo.length + Math.min(next.get(), todo.length);
        }

        /** The most nodes a worker claims at once. */
        static final int RUN = 16;

        /**
         * The frontier index of the next node to expand, or -1: the next of the worker's run of
         * claimed nodes, claiming a new run when it is used up. A run is consecutive nodes, mostly
         * siblings (their paths share all but the last move, so that entering one after the other
         * replays little), and one bump of the shared counter; it shrinks towards the end of the
         * pass, so that no worker is left with many nodes while the others wait.
         */
        int claim(int[] run) {
            if (run[0] == run[1]) {
                int n = Math.max(1, Math.min(RUN, (todo.length - next.get()) / (4 * RUN)));
                int from = next.getAndAdd(n);
                if (from >= todo.length) {
                    return -1;
                }
                run[0] = from;
                run[1] = Math.min(from + n, todo.length);
            }
            return todo[run[0]++];
        }

        /** Gives node j back, and the rest of the worker's run (it stops early). */
        void giveBack(int j, int[] run) {
            givenBack.add(j);
            for (; run[0] < run[1]; run[0]++) {
                givenBack.add(todo[run[0]]);
            }
        }

        /** The nodes of this pass left unexpanded: given back, or never claimed. */
        int[] left() {
            int from = Math.min(next.get(), todo.length);
            int[] left = new int[givenBack.size() + todo.length - from];
            int k = 0;
            for (int j : givenBack) {
                left[k++] = j;
            }
            System.arraycopy(todo, from, left, k, todo.length - from);
            return left;
        }
    }

    /** 0, 1, ..., n - 1: every node of a frontier. */
    private static int[] indices(int n) {
        int[] a = new int[n];
        Arrays.setAll(a, i -> i);
        return a;
    }

    /**
     * The next level: the final keys of the states the workers added (the smallest key that reached
     * each), sorted, and beside each what its state's checks found. Those findings are credited to
     * the final keys, so races do not matter, and count only where the parent did not find the same.
     */
    private static final class NextLevel {
        final long[] keys;
        final int[] bits;
        /** Beside each key, its state's sleep set (with sleep sets). */
        final long[] sleep;

        NextLevel(StateTable table, List<long[]> added, int[] parentBits, SmallestKeys best, boolean sleepSets) {
            int n = 0;
            int flagged = 0;
            for (long[] a : added) {
                n += (int) a[0];
                for (int i = 0; i < a[0]; i++) {
                    flagged += a[2 + 2 * i] != 0 ? 1 : 0;
                }
            }
            keys = new long[n];
            long[] flaggedKeys = new long[flagged];
            int[] flaggedBits = new int[flagged];
            long[] addedSleep = sleepSets ? new long[n] : null; // in the order added, like keys before the sort
            int k = 0;
            int f = 0;
            for (long[] a : added) {
                for (int i = 0; i < a[0]; i++) {
                    int slot = table.slotOf(a[1 + 2 * i]);
                    if (sleepSets) {
                        addedSleep[k] = table.sleepAt(slot);
                    }
                    long key = table.keyAt(slot);
                    keys[k++] = key;
                    int found = (int) a[2 + 2 * i];
                    if (found != 0) {
                        flaggedKeys[f] = key;
                        flaggedBits[f++] = found;
                        best.add(found & ~parentBits[(int) StateTable.parent(key)], key);
                    }
                }
            }
            long[] addedKeys = sleepSets ? keys.clone() : null;
            Arrays.sort(keys);
            bits = new int[n];
            for (int i = 0; i < flagged; i++) {
                bits[Arrays.binarySearch(keys, flaggedKeys[i])] = flaggedBits[i];
            }
            sleep = sleepSets ? new long[n] : null;
            for (int i = 0; sleepSets && i < n; i++) {
                sleep[Arrays.binarySearch(keys, addedKeys[i])] = addedSleep[i];
            }
        }
    }

    /** Expands frontier nodes until none is left; returns the states it added: count, then (hash, findings) pairs. */
    private long[] expand(Target target, List<long[]> levels, Pass pass, SmallestKeys best, AtomicLong explored) {
        int level = pass.level;
        StateTable table = pass.table;
        long[] added = new long[1024];
        long steps = 0; // counted here and added once: a shared counter bumped per step costs both cores
        int[] path = new int[universe.depth() + 1];
        int[] candidates = new int[moves.maxCandidates()];
        Moves.Context context = new Moves.Context(universe);
        long newHere = 0; // new states of the node before, added to the shared count once per node
        int[] run = new int[2]; // the worker's claimed nodes: todo[run[0]] to todo[run[1] - 1]
        for (int j = pass.claim(run); j >= 0; j = pass.claim(run)) {
            long states = newHere == 0 ? distinct.get() : distinct.addAndGet(newHere);
            newHere = 0;
            if (stopped || states >= maxStates) {
                break;
            }
            if (table.wantsToGrow(states)) {
                pass.giveBack(j, run);
                break;
            }
            fillPath(levels, level, j, path);
            int n = moves.candidatesAfter(context, path, level, candidates);
            int parentBits = pass.bits[j];
            target.enter(path, level);
            // sleep sets (Godefroid): a read or write that commutes with a sibling tried before it is
            // not tried again in that sibling's successor, which reaches its state by the other order
            long sleep = 0;
            long tried = 0;
            if (pass.sleep != null) {
                sleep = target.enteredSleep(pass.sleep[j]);
            }
            for (int k = 0; k < n; k++) {
                int mv = candidates[k];
                int bit = pass.sleep == null ? -1 : moves.sleepBit(mv);
                if (bit >= 0 && (sleep >>> bit & 1) != 0) {
                    continue;
                }
                long hash = target.step(mv);
                steps++;
                long key = StateTable.key(level + 2, j, mv);
                int found = target.found() & ~parentBits;
                if (found != 0) {
                    best.add(found, key);
                }
                long childSleep = bit < 0 ? 0 : (sleep | tried) & moves.independentOf(mv);
                tried |= bit < 0 ? 0 : 1L << bit;
                if (hash == 0) {
                    continue;
                }
                int r = table.offer(hash, key);
                if (r >= 0 && pass.sleep != null && StateTable.outcome(r) != StateTable.EARLIER) {
                    table.sleepOnly(StateTable.slot(r), target.steppedSleep(childSleep));
                }
                if (r >= 0 && StateTable.outcome(r) == StateTable.NEW) {
                    newHere++;
                    int at = 1 + 2 * (int) added[0]++;
                    if (at + 1 >= added.length) {
                        added = Arrays.copyOf(added, added.length * 2);
                    }
                    added[at] = hash;
                    added[at + 1] = target.check();
                } else if (r < 0) {
                    stopped = true;
                    break;
                }
            }
        }
        distinct.addAndGet(newHere);
        explored.addAndGet(steps);
        return added;
    }

    private static void fillPath(List<long[]> levels, int level, long index, int[] path) {
        for (int l = level; l > 0; l--) {
            long key = levels.get(l)[(int) index];
            path[l - 1] = StateTable.move(key);
            index = StateTable.parent(key);
        }
    }

    /** The moves that lead to the state a finding's key names (the key's parent is in the last level). */
    private static int[] path(List<long[]> levels, long key) {
        int level = StateTable.level(key) - 1;
        int[] path = new int[level];
        path[level - 1] = StateTable.move(key);
        fillPath(levels, level - 1, StateTable.parent(key), path);
        return path;
    }
}
