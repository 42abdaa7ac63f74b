package org.mmsim.core.report;

/**
 * Shares a line's width among a table's columns. Every column gets its natural width when they all
 * fit. Otherwise the widest shrink first: one cap, times each column's weight, limits them all, as
 * high as the line allows, and no column goes below its minimum; what is left over goes to the
 * columns still cut, first to last. When even the minimums do not fit, the columns keep them and the
 * line is wider than asked: a cell that lost its verdict would say nothing.
 */
final class ColumnWidths {
    private ColumnWidths() {
    }

    /**
     * @param natural   each column's widest cell
     * @param min       each column's narrowest useful width (at most its natural width)
     * @param weight    how many times the common cap each column may take
     * @param available the columns' total width (the line less the gaps); 0 or less: no limit
     */
    static int[] fit(int[] natural, int[] min, int[] weight, int available) {
        if (available <= 0 || sum(natural) <= available) {
            return natural.clone();
        }
        int lo = 0; // the largest cap known to fit (cap 0 puts every column at its minimum)
        int hi = 0;
        for (int n : natural) {
            hi = Math.max(hi, n);
        }
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (sum(capped(natural, min, weight, mid)) <= available) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        int[] widths = capped(natural, min, weight, lo);
        int left = available - sum(widths);
        for (int c = 0; c < widths.length && left > 0; c++) {
            int more = Math.min(left, natural[c] - widths[c]);
            widths[c] += more;
            left -= more;
        }
        return widths;
    }

    private static int[] capped(int[] natural, int[] min, int[] weight, int cap) {
        int[] w = new int[natural.length];
        for (int c = 0; c < w.length; c++) {
            w[c] = Math.min(natural[c], Math.max(min[c], (int) Math.min(Integer.MAX_VALUE, (long) cap * weight[c])));
        }
        return w;
    }

    private static int sum(int[] a) {
        long s = 0;
        for (int x : a) {
            s += x;
        }
        return (int) Math.min(Integer.MAX_VALUE, s);
    }
}
