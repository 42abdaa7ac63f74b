package org.mmsim.core.scenario;

import java.util.function.IntUnaryOperator;

/**
 * What the parser knows of each page of one region: whether it was unmapped, and whether it is
 * marked {@code MADV_DONTFORK}. Immutable and persistent: a path-copying segment tree whose nodes
 * carry a pending map of page states, so that a change over any range, a {@code fork}'s view and
 * each query cost O(log pages) however the ranges of a hostile file fall (a region may have 2^40
 * pages), and a child shares its parent's tree.
 */
final class RegionPages {
    /** A page's state is two bits. */
    private static final int UNMAPPED = 1;
    private static final int DONTFORK = 2;

    /** Maps of the four states: state s goes to {@code (map >> 2s) & 3}. */
    private static final int IDENTITY = map(s -> s);
    private static final int UNMAP = map(s -> s | UNMAPPED);
    private static final int MAP = map(s -> s & ~UNMAPPED);
    private static final int MARK = map(s -> s | DONTFORK);
    private static final int UNMARK = map(s -> s & ~DONTFORK);
    /** fork(): a dontfork page is not copied to the child, and the child's own pages are not marked. */
    private static final int INHERIT = map(s -> (s & DONTFORK) != 0 ? UNMAPPED : s);

    /**
     * A node of the tree: {@code states} has bit s set when some page below is in state s; without
     * children every page of its span is in that one state; {@code pending} is the map its children
     * have not had applied yet.
     */
    private record Node(Node left, Node right, int states, int pending) {
    }

    private static final Node[] UNIFORM = {uniform(0), uniform(1), uniform(2), uniform(3)};

    private final Node root;
    /** The tree spans 2^height pages; this region is its pages {@code base} to {@code base + size - 1}. */
    private final int height;
    private final long base;
    private final long size;

    private RegionPages(Node root, int height, long base, long size) {
        this.root = root;
        this.height = height;
        this.base = base;
        this.size = size;
    }

    /** A new mapping of {@code pages} pages (at least 1), all mapped, none marked. */
    static RegionPages mapped(long pages) {
        return new RegionPages(UNIFORM[0], 64 - Long.numberOfLeadingZeros(pages - 1), 0, pages);
    }

    long size() {
        return size;
    }

    /** {@code munmap} of {@code range} (null: all of it). */
    RegionPages unmap(Op.Range range) {
        return apply(range, UNMAP);
    }

    /** {@code madvise dontfork} ({@code on}) or {@code dofork} over {@code range} (null: all of it). */
    RegionPages dontfork(Op.Range range, boolean on) {
        return apply(range, on ? MARK : UNMARK);
    }

    /** What a forked child has of this region: its dontfork pages are holes. */
    RegionPages inherited() {
        return new RegionPages(applied(root, INHERIT), height, base, size);
    }

    /** {@code mremap} of {@code range} (null: all of it) to a region of its own: mapped, still marked where it was. */
    RegionPages moved(Op.Range range) {
        RegionPages r = apply(range, MAP);
        return range == null ? r : new RegionPages(r.root, height, base + range.from(), range.pages());
    }

    boolean allUnmapped() {
        return all(1 << UNMAPPED | 1 << (UNMAPPED | DONTFORK));
    }

    boolean allDontfork() {
        return all(1 << DONTFORK | 1 << (UNMAPPED | DONTFORK));
    }

    // ---- the tree -------------------------------------------------------------------------------

    private RegionPages apply(Op.Range range, int map) {
        long from = base + (range == null ? 0 : range.from());
        long to = range == null ? base + size : base + range.to() + 1;
        return new RegionPages(apply(root, 0, 1L << height, from, to, map), height, base, size);
    }

    /** Whether every page of this region is in one of the {@code states} (a bit set). */
    private boolean all(int states) {
        return all(root, 0, 1L << height, base, base + size, states);
    }

    /** Node n, spanning pages lo to lo + span - 1, with map applied to its pages from to to - 1. */
    private static Node apply(Node n, long lo, long span, long from, long to, int map) {
        if (to <= lo || lo + span <= from) {
            return n;
        }
        if (from <= lo && lo + span <= to) {
            return applied(n, map);
        }
        long half = span >> 1;
        Node l = apply(child(n, n.left), lo, half, from, to, map);
        Node r = apply(child(n, n.right), lo + half, half, from, to, map);
        return l.left == null && r.left == null && l.states == r.states ? l
                : new Node(l, r, l.states | r.states, IDENTITY);
    }

    private static boolean all(Node n, long lo, long span, long from, long to, int states) {
        if (to <= lo || lo + span <= from) {
            return true;
        }
        if (n.left == null || from <= lo && lo + span <= to) {
            return (n.states & ~states) == 0;
        }
        long half = span >> 1;
        return all(child(n, n.left), lo, half, from, to, states)
                && all(child(n, n.right), lo + half, half, from, to, states);
    }

    /** A child of n with n's pending map applied; a node without children stands for both halves. */
    private static Node child(Node n, Node c) {
        return n.left == null ? n : applied(c, n.pending);
    }

    private static Node applied(Node n, int map) {
        if (map == IDENTITY) {
            return n;
        }
        int states = 0;
        for (int s = 0; s < 4; s++) {
            if ((n.states & 1 << s) != 0) {
                states |= 1 << to(map, s);
            }
        }
        if (n.left == null) {
            return UNIFORM[Integer.numberOfTrailingZeros(states)];
        }
        int pending = 0;
        for (int s = 0; s < 4; s++) {
            pending |= to(map, to(n.pending, s)) << 2 * s;
        }
        return new Node(n.left, n.right, states, pending);
    }

    private static int to(int map, int state) {
        return map >> 2 * state & 3;
    }

    private static int map(IntUnaryOperator f) {
        int map = 0;
        for (int s = 0; s < 4; s++) {
            map |= f.applyAsInt(s) << 2 * s;
        }
        return map;
    }

    private static Node uniform(int state) {
        return new Node(null, null, 1 << state, IDENTITY);
    }
}
