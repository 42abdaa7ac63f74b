package org.mmsim.core.mm;

/**
 * The page cache of a file or of a shmem object (shared anonymous memory): page index to frame.
 * Each cached frame holds one reference for the cache. A file lives for the whole scenario; a shmem
 * object lives while a region maps it.
 */
final class PageCache {
    final String name;
    final boolean shmem;
    final long pages;
    /** frame number + 1 per page index (0: not cached yet). Read-only here: changes go through {@link #put}. */
    SparseIntArray frames;
    /** The stamp a page holds when first read in: the file's fill, or zero for shmem. */
    final int fill;
    /**
     * 1 + the stamp each page was last written out with (a shmem page's copy in swap); 0 where
     * nothing was, so reading the page in again gives {@link #fill}. Read-only here: changes go
     * through {@link #store}.
     */
    SparseIntArray stored;
    int users;
    /**
     * The pages of a file that reclaim dropped from the page cache. A file's other pages count as
     * cached from the start (the file was just written), though a frame is made only on first use.
     */
    private java.util.BitSet evicted = new java.util.BitSet();
    /** {@link #evicted} may be another copy's too: a change copies it first. */
    private boolean evictedShared;
    /** A shared hugetlb object's pages still reserved (by huge page index); null for other objects. */
    java.util.BitSet hugetlbReservations;

    PageCache(String name, boolean shmem, long pages, int fill) {
        this.name = name;
        this.shmem = shmem;
        this.pages = pages;
        this.fill = fill;
        this.frames = new SparseIntArray(pages);
        this.stored = new SparseIntArray(pages);
    }

    /**
     * This cache in a machine copy: {@code before}, what the copy held in its place, made over if it
     * is the same object's, else a new one. It shares the pages until either side writes (put, store).
     */
    PageCache copy(PageCache before) {
        PageCache c = before != null && before.name.equals(name) && before.shmem == shmem && before.pages == pages
                && before.fill == fill ? before : new PageCache(name, shmem, pages, fill);
        c.frames = frames.share();
        c.stored = stored.share();
        c.users = users;
        c.hugetlbReservations = hugetlbReservations == null ? null : (java.util.BitSet) hugetlbReservations.clone();
        c.evicted = evicted;
        c.evictedShared = true;
        evictedShared = true;
        return c;
    }

    /** Whether page i is in the page cache: what filemap_map_pages() may map without reading it in. */
    boolean cached(long i) {
        return frame(i) >= 0 || !shmem && i < pages && !evicted(i);
    }

    /** Whether reclaim dropped file page i and nothing read it in since. */
    boolean evicted(long i) {
        return evicted.get((int) i);
    }

    /** Reclaim dropped file page i from the cache. */
    void evict(long i) {
        ownEvicted().set((int) i);
    }

    /** File page i was read into the cache again. */
    void readIn(long i) {
        if (evicted(i)) {
            ownEvicted().clear((int) i);
        }
    }

    private java.util.BitSet ownEvicted() {
        if (evictedShared) {
            evicted = (java.util.BitSet) evicted.clone();
            evictedShared = false;
        }
        return evicted;
    }

    /** The cached frame at index i, or -1. */
    int frame(long i) {
        return frames.get(i) - 1;
    }

    void put(long i, int frame) {
        frames = frames.writable();
        frames.set(i, frame + 1);
    }

    /** The stamp page i was last written out with, or -1. */
    int stored(long i) {
        return stored.get(i) - 1;
    }

    void store(long i, int stamp) {
        stored = stored.writable();
        stored.set(i, stamp + 1);
    }
}
