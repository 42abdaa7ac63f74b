package org.mmsim.core.mm;

/** A process (task and mm): its regions by name, and where it came from (for the isolation invariant). */
final class Process {
    final String name;
    final int pid;
    /** The forking parent's pid, or -1 for a spawned process. */
    final int parent;
    /** The first stamp made after the fork that created this process: earlier writes are inherited. */
    final int forkTime;
    final Names<Region> regions = new Names<>();
    boolean alive = true;

    Process(String name, int pid, int parent, int forkTime) {
        this.name = name;
        this.pid = pid;
        this.parent = parent;
        this.forkTime = forkTime;
    }
}
