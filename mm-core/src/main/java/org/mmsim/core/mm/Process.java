package org.mmsim.core.mm;

/** A process (task and mm): its regions by name, and where it came from (for the isolation invariant). */
final class Process {
    final String name;
    final int pid;
    /** The forking parent's pid, or -1 for a spawned process. */
    final int parent;
    /** The first stamp made after the fork that created this process: earlier writes are inherited. */
    final int forkTime;
    final Names<Region> regions;
    boolean alive = true;

    Process(String name, int pid, int parent, int forkTime) {
        this.name = name;
        this.pid = pid;
        this.parent = parent;
        this.forkTime = forkTime;
        this.regions = new Names<>();
    }

    /**
     * This process in a machine copy, with its regions copied by {@code regions}: {@code before}, what
     * the copy held in its place, made over if that is the same process, else a new one.
     */
    Process copy(Process before, Names.Copier<Region> regions) {
        Process q = before != null && before.pid == pid && before.parent == parent && before.forkTime == forkTime
                && before.name.equals(name) ? before : new Process(name, pid, parent, forkTime);
        q.alive = alive;
        q.regions.assign(this.regions, regions);
        return q;
    }

    /** This process's copy of another's region {@code r} (fork keeps its id; either may have renamed it since), or null. */
    Region inherited(Region r) {
        for (int cAt = regions.next(0); cAt < regions.end(); cAt = regions.next(cAt + 1)) {
            Region c = regions.at(cAt);
            if (c.id == r.id) {
                return c;
            }
        }
        return null;
    }

    /**
     * A new mapping takes the name of region {@code name}, which is still mapped: the old region
     * stays, under a name no statement can write (a scenario name never holds '), which is returned;
     * null when the name was free. See {@link Machine#freeName}.
     */
    String unname(String name) {
        Region r = regions.get(name);
        if (r == null) {
            return null;
        }
        String hidden = name + "'";
        while (regions.containsKey(hidden)) {
            hidden += "'";
        }
        regions.rename(name, hidden);
        r.name = hidden;
        return hidden;
    }
}
