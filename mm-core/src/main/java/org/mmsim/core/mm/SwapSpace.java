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

    SwapSpace() {
        count = new int[4];
        cacheFrame = new int[4];
        content = new int[4];
        used = new boolean[4];
        free = new int[4];
    }

    private SwapSpace(SwapSpace o) {
        count = o.count.clone();
        cacheFrame = o.cacheFrame.clone();
        content = o.content.clone();
        used = o.used.clone();
        free = o.free.clone();
        freeTop = o.freeTop;
        highWater = o.highWater;
        inUse = o.inUse;
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
                int n = count.length * 2;
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
        if (freeTop == free.length) {
            free = Arrays.copyOf(free, free.length * 2);
        }
        free[freeTop++] = s;
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
