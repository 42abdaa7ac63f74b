package org.mmsim.core.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mmsim.core.mm.MachineState;
import org.mmsim.core.report.Drawing.Arrow;
import org.mmsim.core.report.Drawing.Box;

/**
 * A {@link Drawing} laid out as SVG, for {@code run --state LINE --format svg}: three columns of
 * stacked boxes and curved arrows between them. Every box with an id keeps it ({@code <g id=...>})
 * and every arrow says what it joins ({@code data-from}, {@code data-to}), so that a reader, a test
 * or the report can find them. The HTML report's script ({@code report.js}) is the same layout,
 * line for line: change one, change the other (a browser test compares their output).
 */
public final class StateSvg {
    static final int ROW = 18;
    static final int GAP = 12;
    static final int TOP = 40;
    /** Each column's x and width: page tables, frames, the rest. */
    static final int[] X = {10, 420, 780};
    static final int[] W = {300, 250, 260};

    private final StringBuilder body = new StringBuilder();
    private final StringBuilder edges = new StringBuilder();
    /** Where each box's arrows attach: id -> {left x, right x, middle y}. */
    private final Map<String, int[]> anchors = new HashMap<>();

    private StateSvg() {
    }

    /** The state drawn, titled {@code title}. */
    public static String of(MachineState s, String title) {
        return of(StateDrawing.of(s, title));
    }

    public static String of(Drawing d) {
        StateSvg svg = new StateSvg();
        int bottom = 0;
        List<List<Box>> columns = List.of(d.left(), d.middle(), d.right());
        for (int c : new int[] {1, 2, 0}) { // arrows need their targets placed
            bottom = Math.max(bottom, svg.column(columns.get(c), X[c], W[c]));
        }
        d.arrows().forEach(svg::arrow);
        int height = bottom + 20;
        int width = X[2] + W[2] + 20;
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + width + " " + height + "\" font-family=\"monospace\" font-size=\"11\">\n"
                + "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" "
                + "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\"/></marker></defs>\n"
                + "<text x=\"" + X[0] + "\" y=\"20\" font-size=\"13\" font-weight=\"bold\">" + xml(d.title()) + "</text>\n"
                + svg.body + svg.edges + "</svg>\n";
    }

    /** Stacks {@code boxes} from the top at x, w wide; returns where the column ends. */
    private int column(List<Box> boxes, int x, int w) {
        int y = TOP;
        for (Box b : boxes) {
            switch (b.kind()) {
                case HEADING -> {
                    text(b.id(), x, y + 13, b.lines().get(0), true);
                    y += ROW + 4;
                }
                case NOTE -> {
                    text(b.id(), x + 8, y + 13, b.lines().get(0), false);
                    y += ROW;
                }
                case ROW -> {
                    rect("row", b, x, y, w, ROW);
                    y += ROW;
                }
                case NODE -> y = rect("node", b, x, y, w, b.lines().size() * (ROW - 4) + 6) + GAP / 2;
                case FOLIO -> y = folio(b, x, y, w) + GAP / 2;
                case GAP -> y += GAP;
            }
        }
        return y;
    }

    /** A large folio: a dashed box, its two lines, its pages inside; returns its bottom. */
    private int folio(Box b, int x, int y, int w) {
        int inner = y + 2 * ROW;
        for (Box page : b.inner()) {
            inner = rect("node", page, x + 10, inner, w - 20, page.lines().size() * (ROW - 4) + 6) + 4;
        }
        int bottom = inner + 6;
        body.append("<g class=\"folio\" id=\"").append(xml(b.id())).append("\"><rect x=\"").append(x).append("\" y=\"")
                .append(y).append("\" width=\"").append(w).append("\" height=\"").append(bottom - y)
                .append("\" fill=\"none\" stroke=\"#555\" stroke-dasharray=\"4 2\"/>");
        lines(b.lines(), x + 6, y + 13, ROW - 4, true);
        body.append("</g>\n");
        anchors.put(b.id(), new int[] {x, x + w, y + (bottom - y) / 2});
        return bottom;
    }

    /** A box with its lines; returns its bottom. */
    private int rect(String cls, Box b, int x, int y, int w, int h) {
        body.append("<g class=\"").append(cls).append('"');
        if (b.id() != null) {
            body.append(" id=\"").append(xml(b.id())).append('"');
            anchors.put(b.id(), new int[] {x, x + w, y + h / 2});
        }
        body.append("><rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(w)
                .append("\" height=\"").append(h).append("\" fill=\"").append(b.fill()).append("\" stroke=\"")
                .append(b.stroke()).append("\"/>");
        lines(b.lines(), x + 5, y + 13, ROW - 4, false);
        body.append("</g>\n");
        return y + h;
    }

    /** Lines of text from (x, y) down, {@code step} apart; the first bold when {@code boldFirst}. */
    private void lines(List<String> lines, int x, int y, int step, boolean boldFirst) {
        for (int k = 0; k < lines.size(); k++) {
            body.append("<text x=\"").append(x).append("\" y=\"").append(y + k * step).append('"')
                    .append(boldFirst && k == 0 ? " font-weight=\"bold\"" : "").append('>')
                    .append(xml(lines.get(k))).append("</text>");
        }
    }

    private void text(String id, int x, int y, String s, boolean bold) {
        body.append("<text").append(id == null ? "" : " id=\"" + xml(id) + "\"").append(" x=\"").append(x)
                .append("\" y=\"").append(y).append('"').append(bold ? " font-weight=\"bold\"" : "").append('>')
                .append(xml(s)).append("</text>\n");
    }

    /** A curve from one box's edge to another's (skipped when either is not drawn), its label on the way. */
    private void arrow(Arrow a) {
        int[] from = anchors.get(a.from());
        int[] to = anchors.get(a.to());
        if (from == null || to == null) {
            return;
        }
        int x1 = a.rightward() ? from[1] : from[0];
        int x2 = a.rightward() ? to[0] : to[1];
        int dx = Math.max(30, Math.abs(x2 - x1) / 2) * (a.rightward() ? 1 : -1);
        String dash = switch (a.style()) {
            case MAP -> "";
            case HANDLE -> " stroke-dasharray=\"6 3\"";
            case CACHE -> " stroke-dasharray=\"2 2\"";
        };
        edges.append("<path class=\"edge\" data-from=\"").append(xml(a.from())).append("\" data-to=\"")
                .append(xml(a.to())).append("\" d=\"M ").append(x1).append(' ').append(from[2]).append(" C ")
                .append(x1 + dx).append(' ').append(from[2]).append(", ").append(x2 - dx).append(' ').append(to[2])
                .append(", ").append(x2).append(' ').append(to[2]).append("\" fill=\"none\" stroke=\"#333\"")
                .append(dash).append(" marker-end=\"url(#arrow)\"/>\n");
        if (a.label() != null) {
            edges.append("<text x=\"").append(x1 + 6).append("\" y=\"").append(from[2] - 3)
                    .append("\" font-size=\"9\">").append(xml(a.label())).append("</text>\n");
        }
    }

    static String xml(String s) {
        return StateDot.html(s); // the same escaping as Graphviz's HTML-like labels
    }
}
