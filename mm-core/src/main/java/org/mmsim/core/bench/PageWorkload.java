package org.mmsim.core.bench;

import org.mmsim.api.Policy;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.mm.Machine;

/** A workload over N anonymous pages: heap is measured per page. */
abstract class PageWorkload extends Workload {
    protected final long pages;
    protected final Limits limits;
    /** The THP size (in pages) set to {@code always} before the region is mapped; 0: base pages. */
    private int thpPages;

    PageWorkload(long pages, Limits limits) {
        this.pages = pages;
        this.limits = limits;
    }

    @Override
    public final long pages() {
        return pages;
    }

    /** Runs the workload with THPs of that many pages (set to always), 0 for base pages. */
    public PageWorkload withThp(int thpPages) {
        this.thpPages = thpPages;
        return this;
    }

    /** The workload's name, with its THP size: {@code cow-storm --thp 2M}. */
    String named(String name) {
        return thpPages == 0 ? name : name + " --thp " + org.mmsim.core.scenario.Sizes.name(thpPages);
    }

    /**
     * The start the page workloads share: a fresh machine where {@code proc} maps the N anonymous
     * private pages as {@code buf} and writes each of them once (first-touch faults).
     */
    Machine populated(Policy policy, FlagRegistry flags, String proc) {
        Machine m = new Machine(policy, flags, limits);
        m.setProvenance(false); // no invariant is checked here
        m.setRecycling(true); // millions of pages come and go; nobody reads their numbers
        if (thpPages > 0) {
            m.thp(thpPages, "always");
        }
        m.spawn(proc);
        m.mmap(proc, "buf", null, false, true, pages, 0);
        for (long i = 0; i < pages; i++) {
            Checks.ok(m.write(proc, "buf", i, proc), "write");
        }
        return m;
    }
}
