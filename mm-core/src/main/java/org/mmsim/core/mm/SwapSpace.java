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

    /** A copy holds just the slots in use so far: none, and no array, in most of the explorer's. */
    private SwapSpace(SwapSpace o) {
        count = trim(o.count, o.highWater);
        cacheFrame = trim(o.cacheFrame, o.highWater);
        content = trim(o.content, o.highWater);
        used = o.highWater == 0 ? NO_FLAGS : Arrays.copyOf(o.used, o.highWater);
        free = trim(o.free, o.freeTop);
        freeTop = o.freeTop;
        highWater = o.highWater;
        inUse = o.inUse;
        recycle = o.recycle;
    }

    private static final int[] NONE = {};
    private static final boolean[] NO_FLAGS = {};

    /** The first n entries of a; the shared empty array when n is 0 (nothing can be stored in it). */
    static int[] trim(int[] a, int n) {
        return n == 0 ? NONE : Arrays.copyOf(a, n);
    }

    SwapSpace copy() {
        return new SwapSpace(this);
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
