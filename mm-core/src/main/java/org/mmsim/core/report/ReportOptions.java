package org.mmsim.core.report;

/**
 * How {@code compare} lays out a report.
 *
 * @param width      the terminal table's line width in columns; 0: no limit, nothing is cut
 * @param groupByTag table and Markdown: a heading row per tag, each followed by the scenarios that
 *                   carry it (see {@link TagGroups})
 */
public record ReportOptions(int width, boolean groupByTag) {
    /** No width limit, no grouping. */
    public static final ReportOptions PLAIN = new ReportOptions(0, false);

    public ReportOptions {
        if (width < 0) {
            throw new IllegalArgumentException("width must be 0 (no limit) or positive: " + width);
        }
    }
}
