package org.mmsim.core.explore;

import java.io.Serializable;
import java.util.List;

/**
 * What every member of a cluster search needs to build the same search: its id, what it looks for
 * ({@code explore} under one policy, or {@code diff} of two), the universe and the reductions.
 * Each member builds the target from its own plugins ({@link ClusterSearch.Targets}).
 */
public record ClusterSpec(String id, String kind, List<String> policies, Universe universe, Reductions reductions,
                          int maxFindings) implements Serializable {
    public ClusterSpec {
        policies = List.copyOf(policies);
    }
}
