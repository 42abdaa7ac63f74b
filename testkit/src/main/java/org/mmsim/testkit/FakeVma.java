package org.mmsim.testkit;

import org.mmsim.api.VmaView;

/**
 * A {@link VmaView} for policy tests: {@code FakeVma.privateAnon()}, {@code FakeVma.sharedFile().writable(false)}.
 * Immutable: each {@code with} method returns a new view.
 */
public record FakeVma(boolean anonymous, boolean shared, boolean writable) implements VmaView {
    /** {@code mmap(MAP_PRIVATE | MAP_ANONYMOUS, PROT_READ | PROT_WRITE)}: the usual COW mapping. */
    public static FakeVma privateAnon() {
        return new FakeVma(true, false, true);
    }

    /** A private, writable file mapping (a COW mapping of page-cache pages). */
    public static FakeVma privateFile() {
        return new FakeVma(false, false, true);
    }

    /** {@code MAP_SHARED} of a file: no COW. */
    public static FakeVma sharedFile() {
        return new FakeVma(false, true, true);
    }

    /** {@code MAP_SHARED | MAP_ANONYMOUS} (shmem): no COW. */
    public static FakeVma sharedAnon() {
        return new FakeVma(true, true, true);
    }

    /** The same mapping with VM_WRITE set or cleared ({@code mprotect}). */
    public FakeVma writable(boolean writable) {
        return new FakeVma(anonymous, shared, writable);
    }
}
