package org.mmsim.core.bench;

import java.util.concurrent.TimeUnit;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.mm.Invariants;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.mm.Machine;
import org.mmsim.core.testing.KernelUnsharePolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmarks of the machine's hot paths, under the test policy that answers like Linux 5.19
 * ({@link KernelUnsharePolicy}): no plugin loading, no invariants. Not unit tests: surefire never
 * runs them (no *Test name, no JUnit annotations). Run them as the README's "Performance" section
 * says, e.g.
 *
 * <pre>
 * mvn -B -q -pl mm-core -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
 * java -cp mm-core/target/test-classes:mm-core/target/classes:$(cat mm-core/target/bench.classpath) \
 *     org.openjdk.jmh.Main -f 1 -wi 2 -i 3 MachineBenchmarks
 * </pre>
 *
 * Scores are nanoseconds per operation: per simulated fault for the fault benchmarks, per fork for
 * {@code fork64k}, per pin + release pair for {@code pinReleaseRoLongterm}, per copy, successor or
 * check for the {@code *Small} ones (the explorer's work per state).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MachineBenchmarks {
    static final int BATCH = 4096;
    static final int FORK_PAGES = 65536;

    static Machine machine() {
        return new Machine(new KernelUnsharePolicy(), new FlagRegistry(), Limits.DEFAULT);
    }

    /** A parent with {@code pages} anonymous private pages, each written once. */
    static Machine written(int pages) {
        Machine m = machine();
        m.spawn("parent");
        m.mmap("parent", "buf", null, false, true, pages, 0);
        for (int i = 0; i < pages; i++) {
            m.write("parent", "buf", i, "p");
        }
        return m;
    }

    /** Write faults on first touch: a fresh machine maps {@value #BATCH} pages and writes each. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Object firstTouchWriteFault() {
        Machine m = machine();
        m.spawn("parent");
        m.mmap("parent", "buf", null, false, true, BATCH, 0);
        String last = null;
        for (int i = 0; i < BATCH; i++) {
            last = m.write("parent", "buf", i, "p");
        }
        return last;
    }

    /** A parent that wrote {@value #BATCH} pages and forked: the child's writes are COW faults. */
    @State(Scope.Thread)
    public static class AfterFork {
        Machine m;

        @Setup(Level.Invocation)
        public void setUp() {
            m = written(BATCH);
            m.fork("parent", "child");
        }
    }

    /** COW write faults after fork: the child writes each of {@value #BATCH} shared pages (copies). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Object cowWriteFaultAfterFork(AfterFork s) {
        Machine m = s.m;
        String last = null;
        for (int i = 0; i < BATCH; i++) {
            last = m.write("child", "buf", i, "c");
        }
        return last;
    }

    /** A parent that wrote {@value #FORK_PAGES} pages. */
    @State(Scope.Thread)
    public static class LargeMapping {
        Machine m;

        @Setup(Level.Invocation)
        public void setUp() {
            m = written(FORK_PAGES);
        }
    }

    /** fork() of a process with {@value #FORK_PAGES} written anonymous pages (copy_page_range). */
    @Benchmark
    public Object fork64k(LargeMapping s) {
        return s.m.fork("parent", "child");
    }

    /** A parent with {@value #BATCH} exclusive written pages. */
    @State(Scope.Thread)
    public static class Exclusive {
        Machine m;
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            m = written(BATCH);
        }
    }

    /** A R/O long-term FOLL_PIN of an exclusive anonymous page, then its release. */
    @Benchmark
    public Object pinReleaseRoLongterm(Exclusive s) {
        int i = s.next;
        s.next = (i + 1) & (BATCH - 1);
        s.m.gup("parent", "buf", i, true, false, true, false, "h");
        return s.m.release("h");
    }

    /**
     * An explorer-sized state of the default universe: p0 wrote buf[0] and forked p1, which
     * wrote buf[1]. What the explorer does per successor, it does to states like this one.
     */
    @State(Scope.Thread)
    public static class Small {
        Machine m;
        /** The machine each successor is copied into, as an explorer worker's. */
        Machine into;
        Invariants invariants = new Invariants(null);

        @Setup(Level.Trial)
        public void setUp() {
            m = machine();
            m.spawn("p0");
            m.mmap("p0", "buf", null, false, true, 2, 0);
            m.write("p0", "buf", 0, "A");
            m.fork("p0", "p1");
            m.write("p1", "buf", 1, "B");
            into = m.copy();
        }
    }

    /** A copy of an explorer-sized state into the machine of the last one, as the explorer makes it. */
    @Benchmark
    public Object copySmall(Small s) {
        return s.m.copyInto(s.into);
    }

    /** An explorer successor: copy, one statement (a COW write fault), the canonical hash. */
    @Benchmark
    public long successorSmall(Small s) {
        Machine c = s.m.copyInto(s.into);
        c.write("p0", "buf", 1, "C");
        return c.stateHash();
    }

    /** The same with the explorer's default hash: the canonical one, folding handle names and page order. */
    @Benchmark
    public long canonicalSuccessorSmall(Small s) {
        Machine c = s.m.copyInto(s.into);
        c.write("p0", "buf", 1, "C");
        return c.canonicalHash(true);
    }

    /** The canonical hash alone, of the same state: what symmetry reduction's walk costs. */
    @Benchmark
    public long canonicalHashSmall(Small s) {
        return s.m.canonicalHash(true);
    }

    /** A move the explorer skips without a copy: a read of a present page, asked of the parent. */
    @Benchmark
    public boolean skippedSmall(Small s) {
        return s.m.readFaults("p0", "buf", 0);
    }

    /** What a state seen for the first time costs on top of its copy: checks, teardown, checks, leak check. */
    @Benchmark
    public int checkSmall(Small s) {
        Machine c = s.m.copyInto(s.into);
        Invariants inv = s.invariants.on(c);
        int n = inv.check().size();
        c.teardown();
        return n + inv.check().size() + inv.checkLeak().size();
    }
}
