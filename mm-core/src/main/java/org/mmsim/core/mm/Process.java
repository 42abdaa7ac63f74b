package org.mmsim.core.mm;

import java.util.LinkedHashMap;
import java.util.Map;

/** A process (task and mm): its regions by name, and where it came from (for the isolation invariant). */
final class Process {
    final String name;
    final int pid;
    /** The forking parent's pid, or -1 for a spawned process. */
    final int parent;
    /** The first stamp made after the fork that created this process: earlier writes are inherited. */
    final int forkTime;
    final Map<String, Region> regions;
    boolean alive = true;

    Process(String name, int pid, int parent, int forkTime, Map<String, Region> regions) {
        this.name = name;
        this.pid = pid;
        this.parent = parent;
        this.forkTime = forkTime;
        this.regions = regions;
    }

    Process(String name, int pid, int parent, int forkTime) {
        this(name, pid, parent, forkTime, new LinkedHashMap<>());
    }
}
