package org.mmsim.core.scenario;

/** What one statement of a scenario does: one record per statement of the v1 language. */
public sealed interface Op {
    /** {@code spawn P} */
    record Spawn(String process) implements Op {}

    /** {@code file F pages=N [fill=V]} */
    record FileDecl(String file, long pages, String fill) implements Op {}

    /** {@code mmap P R anon|file=F private|shared [ro|rw] [pages=N] [offset=K]}; file is null for anon. */
    record Mmap(String process, String region, String file, boolean shared, boolean writable, long pages, long offset)
            implements Op {
        public boolean anonymous() {
            return file == null;
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

    /** {@code munmap P R} (index -1) or {@code munmap P R[i]}. */
    record Munmap(String process, String region, long index) implements Op {
        public boolean wholeRegion() {
            return index < 0;
        }
    }

    /** {@code mprotect P R ro|rw} */
    record Mprotect(String process, String region, boolean writable) implements Op {}

    enum Advice { DONTNEED, PAGEOUT, DONTFORK, DOFORK }

    /** {@code madvise P R dontneed|pageout|dontfork|dofork} */
    record Madvise(String process, String region, Advice advice) implements Op {}

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
