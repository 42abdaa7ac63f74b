package org.mmsim.core.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mmsim.core.scenario.Scenario;

/**
 * The rows of a report grouped by tag: one group per tag, in alphabetical order, holding every
 * scenario that carries it (a scenario with several tags is in each of their groups, as in an
 * index), then the scenarios without a tag. Within a group, scenarios keep the comparison's order.
 */
final class TagGroups {
    /** The heading of the scenarios without tags; every other heading starts with {@code tag: }. */
    static final String UNTAGGED = "no tags";

    /**
     * @param heading   {@code tag: NAME}, or {@value #UNTAGGED}; null when not grouping
     * @param scenarios indexes into the comparison's scenarios
     */
    record Group(String heading, List<Integer> scenarios) {
    }

    private TagGroups() {
    }

    /** One group without heading holding every scenario, or the tag groups when {@code byTag}. */
    static List<Group> of(List<Scenario> scenarios, boolean byTag) {
        List<Integer> all = new ArrayList<>();
        for (int s = 0; s < scenarios.size(); s++) {
            all.add(s);
        }
        if (!byTag) {
            return List.of(new Group(null, all));
        }
        Map<String, List<Integer>> byName = new TreeMap<>();
        List<Integer> untagged = new ArrayList<>();
        for (int s : all) {
            List<String> tags = scenarios.get(s).tags();
            if (tags.isEmpty()) {
                untagged.add(s);
            }
            for (String t : tags) {
                byName.computeIfAbsent(t, k -> new ArrayList<>()).add(s);
            }
        }
        List<Group> groups = new ArrayList<>();
        byName.forEach((tag, members) -> groups.add(new Group("tag: " + tag, members)));
        if (!untagged.isEmpty()) {
            groups.add(new Group(UNTAGGED, untagged));
        }
        return groups;
    }
}
