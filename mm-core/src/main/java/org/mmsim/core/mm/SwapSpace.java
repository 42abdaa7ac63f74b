package org.mmsim.core.mm;

import java.util.Arrays;

/**
 * Swap slots: per slot the swap count (swap PTEs that refer to it), the frame that holds it in the
 * swap cache (or -1), and the stamp written out to "disk".
 */
final class SwapSpace {
    int[] count;
    int[] cacheFrame;
    int[] content;
    boolean[] used;
    private int[] free;
    private int freeTop;
    private int highWater;
    private int inUse;
    /** Whether freed slot numbers are handed out again (see Frames#setRecycle). */
    boolean recycle;

    SwapSpace() {
        count = new int[4];
        cacheFrame = new int[4];
        content = new int[4];
        used = new boolean[4];
        free = new int[4];
    }

    /**
     * Makes this a copy of {@code o}: the slots in use so far (none in most of the explorer's
     * machines), in this one's arrays where they fit. The four arrays always have one length, so
     * they fit or not together.
     */
    void assign(SwapSpace o) {
        count = refill(count, o.count, o.highWater);
        cacheFrame = refill(cacheFrame, o.cacheFrame, o.highWater);
        content = refill(content, o.content, o.highWater);
        if (used.length < o.highWater) {
            used = Arrays.copyOf(o.used, o.highWater);
        } else {
            System.arraycopy(o.used, 0, used, 0, o.highWater);
        }
        free = refill(free, o.free, o.freeTop);
        freeTop = o.freeTop;
        highWater = o.highWater;
        inUse = o.inUse;
        recycle = o.recycle;
    }

    /**
     * The first n entries of {@code from} in {@code own} if they fit, else in a new array of n: an
     * array of this kind is never shared, and whoever stores past its end grows it first.
     */
    static int[] refill(int[] own, int[] from, int n) {
        if (own.length < n) {
            return Arrays.copyOf(from, n);
        }
        System.arraycopy(from, 0, own, 0, n);
        return own;
    }

    /** get_swap_page() */
    int alloc() {
        int s;
        if (freeTop > 0) {
            s = free[--freeTop];
        } else {
            if (highWater > Pte.MAX_ID) {
                throw new ResourceLimitException("swap limit reached (" + (Pte.MAX_ID + 1) + " slots)");
            }
            if (highWater == count.length) {
                int n = Math.max(4, count.length * 2);
                count = Arrays.copyOf(count, n);
                cacheFrame = Arrays.copyOf(cacheFrame, n);
                content = Arrays.copyOf(content, n);
                used = Arrays.copyOf(used, n);
            }
            s = highWater++;
        }
        count[s] = 0;
        cacheFrame[s] = -1;
        content[s] = 0;
        used[s] = true;
        inUse++;
        return s;
    }

    void free(int s) {
        if (recycle) {
            if (freeTop == free.length) {
                free = Arrays.copyOf(free, Math.max(4, free.length * 2));
            }
            free[freeTop++] = s;
        }
        used[s] = false;
        inUse--;
    }

    int highWater() {
        return highWater;
    }

    int inUse() {
        return inUse;
    }
}
