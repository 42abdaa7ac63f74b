package org.mmsim.core.scenario;

/** What one statement of a scenario does: one record per statement of the language (v1.1). */
public sealed interface Op extends java.io.Serializable {
    /**
     * Pages {@code from} to {@code to} of a region, both included ({@code R[i]} or {@code R[i..j]});
     * {@code null} where a statement names the whole region.
     */
    record Range(long from, long to) implements java.io.Serializable {
        public Range {
            if (from < 0 || to < from) {
                throw new IllegalArgumentException("bad range " + from + ".." + to);
            }
        }

        public static Range of(long i) {
            return new Range(i, i);
        }

        public long pages() {
            return to - from + 1;
        }

        /** {@code [i]} or {@code [i..j]}, as written. */
        @Override
        public String toString() {
            return from == to ? "[" + from + "]" : "[" + from + ".." + to + "]";
        }
    }

    /** {@code spawn P} */
    record Spawn(String process) implements Op {}

    /** {@code file F pages=N [fill=V]} */
    record FileDecl(String file, long pages, String fill) implements Op {}

    /**
     * {@code mmap P R anon|file=F|hugetlb private|shared [ro|rw] [pages=N] [offset=K] [size=2M|1G]};
     * file is null for anon and hugetlb; hugetlbPages is the huge page size in base pages (512 or
     * 262144) for a hugetlb mapping, else 0.
     */
    record Mmap(String process, String region, String file, boolean shared, boolean writable, long pages, long offset,
                long hugetlbPages) implements Op {
        /** A v1 mapping (anonymous or of a file). */
        public Mmap(String process, String region, String file, boolean shared, boolean writable, long pages,
                    long offset) {
            this(process, region, file, shared, writable, pages, offset, 0);
        }

        /** MAP_ANONYMOUS, hugetlb included. */
        public boolean anonymous() {
            return file == null;
        }

        public boolean hugetlb() {
            return hugetlbPages > 0;
        }
    }

    /** {@code write P R[i] V} */
    record Write(String process, String region, long index, String value) implements Op {}

    /** {@code read P R[i]} */
    record Read(String process, String region, long index) implements Op {}

    /** {@code fwrite F[i] V} */
    record Fwrite(String file, long index, String value) implements Op {}

    /** {@code fork P C} */
    record Fork(String parent, String child) implements Op {}

    /** {@code exit P} */
    record Exit(String process) implements Op {}

    /** {@code munmap P R[..]}; range null for the whole region. */
    record Munmap(String process, String region, Range range) implements Op {}

    /** {@code mprotect P R[..] ro|rw}; range null for the whole region. */
    record Mprotect(String process, String region, Range range, boolean writable) implements Op {}

    enum Advice { DONTNEED, PAGEOUT, DONTFORK, DOFORK, HUGEPAGE, NOHUGEPAGE, COLLAPSE }

    /** {@code madvise P R[..] dontneed|pageout|dontfork|dofork|hugepage|nohugepage|collapse}; range null for all. */
    record Madvise(String process, String region, Range range, Advice advice) implements Op {}

    /** The THP sysfs setting of one size ({@code hugepages-<SIZE>kB/enabled}). */
    enum ThpMode { ALWAYS, MADVISE, NEVER }

    /** {@code thp SIZE always|madvise|never}; SIZE in base pages (4 for 16K ... 512 for 2M). */
    record Thp(long pages, ThpMode mode) implements Op {}

    /** {@code mremap P R[i..j] as R2}: MREMAP_MAYMOVE|MREMAP_FIXED of those pages to a new region; range null for all. */
    record Mremap(String process, String region, Range range, String target) implements Op {}

    /** {@code folio P R[i]}: what maps that page (none, swap, zero, hugezero, SIZE:pte|pmd|hugetlb). */
    record Folio(String process, String region, long index) implements Op {}

    /** {@code same P R[i] Q S[j]}: whether both addresses map the very same physical page (yes|no). */
    record Same(String process, String region, long index, String otherProcess, String otherRegion, long otherIndex)
            implements Op {}

    /** {@code hugetlb SIZE pages=N}: nr_hugepages of that size; SIZE in base pages (512 or 262144). */
    record HugetlbPool(long hugePages, long count) implements Op {}

    /**
     * {@code pin}, {@code get}, {@code vmsplice}, {@code iouring}: a GUP call that creates handle H.
     * pin=false is FOLL_GET; vmsplice is a get ro; iouring is a pin rw longterm.
     */
    record Gup(String process, String region, long index, boolean pin, boolean write, boolean longterm,
               boolean fast, String handle) implements Op {}

    /** {@code peek H} */
    record Peek(String handle) implements Op {}

    /** {@code poke H V} */
    record Poke(String handle, String value) implements Op {}

    /** {@code release H} */
    record Release(String handle) implements Op {}
}
