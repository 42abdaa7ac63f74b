package org.mmsim.core.mm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One thing a run did or decided, for {@code --trace}: the statement's line, how deep it sits (0 for
 * the statement, 1 for what the statement does, 2 and more for what that does in turn), what it is
 * (a kernel function such as {@code do_wp_page}, or {@code statement}, {@code outcome},
 * {@code violation}), a line of text for people and the facts behind it for programs.
 */
public record TraceEvent(int line, int depth, String event, String text, Map<String, Object> facts)
        implements java.io.Serializable {
    public TraceEvent {
        facts = facts.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    /**
     * An event whose facts are given as name, value, name, value, ... (values: strings, numbers,
     * booleans; a null value leaves its fact out).
     */
    public static TraceEvent of(int line, int depth, String event, String text, Object... facts) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int k = 0; k + 1 < facts.length; k += 2) {
            if (facts[k + 1] != null) {
                m.put((String) facts[k], facts[k + 1]);
            }
        }
        return new TraceEvent(line, depth, event, text, m);
    }

    /** The line {@code run --trace} prints: the text, indented two spaces per level. */
    public String indented() {
        return "  ".repeat(depth) + text;
    }
}
