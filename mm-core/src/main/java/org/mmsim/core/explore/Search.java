package org.mmsim.core.explore;

/** A breadth-first search that can be stopped and watched: on this machine ({@link Explorer}) or a cluster ({@link ClusterSearch}). */
public interface Search {
    /** Runs the search for {@code target}, telling listener of each finding once its level is complete. */
    Explorer.Result run(Explorer.Target target, int maxFindings, Explorer.Listener listener);

    /** Asks a running search to stop (Ctrl-C). */
    default void stop() {
        stop("interrupted");
    }

    /** The same, saying why in the result's stop reason. */
    void stop(String why);

    /** Where the running search is; readable from any thread. */
    Explorer.Progress progress();
}
