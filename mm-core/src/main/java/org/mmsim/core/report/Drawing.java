package org.mmsim.core.report;

import java.util.List;

/**
 * What a diagram of the machine shows, before any layout: three columns of boxes (the processes'
 * page tables; the frames; handles, swap slots and files) and the arrows between them. {@link StateSvg}
 * lays it out in Java and the HTML report's script lays it out the same way in the browser, so the
 * report carries drawings, not pictures.
 */
public record Drawing(String title, List<Box> left, List<Box> middle, List<Box> right, List<Arrow> arrows) {

    /** How a box is drawn: its height and what comes after it follow from its kind. */
    public enum Kind {
        /** A bold line of text (a process). */
        HEADING,
        /** An indented line of text ({@code (no mappings)}). */
        NOTE,
        /** A one-line box (a region, a page-table entry or a run of them). */
        ROW,
        /** A box of one or more lines (a frame, a handle, a slot, a file). */
        NODE,
        /** A dashed box around its inner nodes, with two lines of its own (a large folio). */
        FOLIO,
        /** Space between two processes. */
        GAP;

        /** The name the report's script knows the kind by. */
        public String js() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One box: {@code id} names what it shows ({@code pte-P-R-i}, {@code frame-N}, {@code folio-N},
     * {@code handle-H}, {@code slot-N}, {@code file-F}, {@code process-P}, {@code region-P-R}) or is
     * null; {@code fill} and {@code stroke} are colours; {@code inner} holds a folio's pages.
     */
    public record Box(String id, Kind kind, List<String> lines, String fill, String stroke, List<Box> inner) {
        public Box {
            lines = List.copyOf(lines);
            inner = List.copyOf(inner);
        }
    }

    /** What an arrow stands for: a mapping (solid), a GUP reference (dashed), a cache (dotted). */
    public enum Style {
        MAP, HANDLE, CACHE;

        public String js() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * An arrow from box {@code from} to box {@code to}; {@code label} (or null) is written on it;
     * {@code rightward}: from the right edge of {@code from} to the left edge of {@code to}.
     */
    public record Arrow(String from, String to, Style style, String label, boolean rightward) {}

    public Drawing {
        left = List.copyOf(left);
        middle = List.copyOf(middle);
        right = List.copyOf(right);
        arrows = List.copyOf(arrows);
    }
}
