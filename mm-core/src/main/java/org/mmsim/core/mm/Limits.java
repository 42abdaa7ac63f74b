package org.mmsim.core.mm;

/** Bounds that keep a scenario from exhausting the JVM. */
public record Limits(int maxProcesses, int maxHandles, int maxFrames) implements java.io.Serializable {
    public static final Limits DEFAULT = new Limits(4096, 65536, 64 << 20);

    /** 128 TiB of 4 KiB pages: the user address space (TASK_SIZE) of x86-64 with 4-level paging. */
    public static final long ADDRESS_SPACE_PAGES = 1L << 35;
}
