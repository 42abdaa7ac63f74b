package org.mmsim.core.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.mmsim.core.scenario.Scenario;

/** {@code compare --tags a,b}: the scenarios that carry at least one of the tags. */
final class TagFilter {
    private TagFilter() {
    }

    /**
     * The scenarios of {@code all} carrying a tag of {@code spec} (comma-separated), in order. A tag
     * that none of them carries is status 2, naming the tags they do carry: a misspelt tag must not
     * quietly run less than asked.
     */
    static List<Scenario> select(List<Scenario> all, String spec) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String part : spec.split(",", -1)) {
            String tag = part.strip();
            if (tag.isEmpty()) {
                throw CliException.usage("--tags: empty tag in '" + spec + "'");
            }
            wanted.add(tag);
        }
        Set<String> present = new TreeSet<>();
        List<Scenario> chosen = new ArrayList<>();
        for (Scenario s : all) {
            present.addAll(s.tags());
            if (s.tags().stream().anyMatch(wanted::contains)) {
                chosen.add(s);
            }
        }
        for (String tag : wanted) {
            if (!present.contains(tag)) {
                throw CliException.usage("--tags: no scenario carries '" + Main.oneLine(tag) + "' ("
                        + (present.isEmpty() ? "these scenarios have no tags" : "tags: " + String.join(", ", present))
                        + ")");
            }
        }
        return chosen;
    }
}
