package org.mmsim.core.mm;

import java.util.Arrays;

/**
 * Provenance of page contents. Every store creates a stamp: the value, who wrote it (a process, a
 * device through a pin, or the file), on which line, and whether it went through a private
 * mapping. Frames and swap slots hold stamps, so the isolation and lost-write invariants can tell
 * equal values written by different processes apart. Stamps are numbered in the order the stores
 * happen, which is what {@link Process#forkTime} compares against.
 */
final class Stamps {
    /** Writer of the zero fill and of file contents. */
    static final int WRITER_NONE = -2;
    /** Writer for device writes through a pin ({@code poke}). */
    static final int WRITER_DEVICE = -1;
    /** The stamp of a never-written page: value "0", nobody wrote it. */
    static final int ZERO = 0;

    private String[] value;
    private int[] writer;
    private int[] line;
    private boolean[] privateWrite;
    /** The stamp each store overwrote in its frame (-1: none): what was there before it. */
    private int[] prev;
    private int count;
    /**
     * The arrays and the intern map may be another Stamps' too (a copy shares them until either
     * adds a stamp): stamps are only ever appended, so a copy costs nothing until then.
     */
    private boolean shared;
    /** value to stamp, for {@link #intern}; created on first use. */
    private java.util.Map<String, Integer> interned;
    /** Whether {@link #interned} is another Stamps' too: copied when this one interns, not on every store. */
    private boolean internedShared;
    /**
     * This table's own arrays from before its last {@link #assign} (null if it had none): the next
     * copy on write goes into them, so a machine copied into again and again allocates nothing here.
     */
    private String[] spareValue;
    private int[] spareWriter;
    private int[] spareLine;
    private boolean[] sparePrivateWrite;
    private int[] sparePrev;
    /** The last value interned (by identity) and its stamp: stores repeat the same value. */
    private String lastInterned;
    private int lastInternedStamp;

    Stamps() {
        value = new String[16];
        writer = new int[16];
        line = new int[16];
        privateWrite = new boolean[16];
        prev = new int[16];
        create("0", WRITER_NONE, 0, false, -1);
    }

    /** Makes this a copy of {@code o}, sharing its stamps until either side adds one. */
    void assign(Stamps o) {
        if (!shared && value != null) {
            spareValue = value;
            spareWriter = writer;
            spareLine = line;
            sparePrivateWrite = privateWrite;
            sparePrev = prev;
        }
        value = o.value;
        writer = o.writer;
        line = o.line;
        privateWrite = o.privateWrite;
        prev = o.prev;
        count = o.count;
        interned = o.interned;
        shared = true;
        o.shared = true;
        internedShared = o.internedShared = interned != null;
        lastInterned = null;
        lastInternedStamp = 0;
    }

    int create(String v, int writerPid, int atLine, boolean viaPrivateMapping, int overwrote) {
        if (shared && spareValue != null && spareValue.length > count) {
            System.arraycopy(value, 0, spareValue, 0, count);
            System.arraycopy(writer, 0, spareWriter, 0, count);
            System.arraycopy(line, 0, spareLine, 0, count);
            System.arraycopy(privateWrite, 0, sparePrivateWrite, 0, count);
            System.arraycopy(prev, 0, sparePrev, 0, count);
            value = spareValue;
            writer = spareWriter;
            line = spareLine;
            privateWrite = sparePrivateWrite;
            prev = sparePrev;
            spareValue = null;
            shared = false;
        } else if (shared || count == value.length) {
            // a shared table is copied with some room (a copy's move stores once or twice), a full one doubles
            int n = shared ? count + 4 : count * 2;
            value = Arrays.copyOf(value, n);
            writer = Arrays.copyOf(writer, n);
            line = Arrays.copyOf(line, n);
            privateWrite = Arrays.copyOf(privateWrite, n);
            prev = Arrays.copyOf(prev, n);
            shared = false;
        }
        value[count] = v;
        writer[count] = writerPid;
        line[count] = atLine;
        privateWrite[count] = viaPrivateMapping;
        prev[count] = overwrote;
        return count++;
    }

    /** One stamp per distinct value, with no provenance: for machines that do not track it. */
    int intern(String v) {
        if (v == lastInterned) {
            return lastInternedStamp;
        }
        if (interned == null || internedShared) {
            interned = interned == null ? new java.util.HashMap<>() : new java.util.HashMap<>(interned);
            internedShared = false;
        }
        Integer s = interned.get(v);
        if (s == null) {
            s = create(v, WRITER_NONE, 0, false, -1);
            interned.put(v, s);
        }
        lastInterned = v;
        lastInternedStamp = s;
        return s;
    }

    /** The stamp the next store will get. */
    int next() {
        return count;
    }

    String value(int stamp) {
        return value[stamp];
    }

    int writer(int stamp) {
        return writer[stamp];
    }

    int line(int stamp) {
        return line[stamp];
    }

    /** The stamp that store {@code stamp} overwrote in its frame, or -1. */
    int prev(int stamp) {
        return prev[stamp];
    }

    boolean privateWrite(int stamp) {
        return privateWrite[stamp];
    }
}
