package org.mmsim.core.mm;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Provenance of page contents. Every store creates a stamp: the value, who wrote it (a process, a
 * device through a pin, or the file), when, and whether it went through a private mapping. Frames
 * and swap slots hold stamps, so the isolation and lost-write invariants can tell equal values
 * written by different processes apart. Append-only, so machine copies may share it.
 */
final class Stamps {
    /** Writer of the zero fill and of file contents. */
    static final int WRITER_NONE = -2;
    /** Writer for device writes through a pin ({@code poke}). */
    static final int WRITER_DEVICE = -1;
    /** The stamp of a never-written page: value "0", nobody wrote it. */
    static final int ZERO = 0;

    private final Map<String, Integer> valueIds = new HashMap<>();
    private String[] values = new String[16];
    private int valueCount;

    private int[] value = new int[64];
    private int[] writer = new int[64];
    private int[] time = new int[64];
    private boolean[] privateWrite = new boolean[64];
    private int count;

    Stamps() {
        create("0", WRITER_NONE, 0, false);
    }

    int create(String v, int writerPid, int when, boolean viaPrivateMapping) {
        Integer id = valueIds.get(v);
        if (id == null) {
            if (valueCount == values.length) {
                values = Arrays.copyOf(values, valueCount * 2);
            }
            values[valueCount] = v;
            id = valueCount++;
            valueIds.put(v, id);
        }
        if (count == value.length) {
            int n = count * 2;
            value = Arrays.copyOf(value, n);
            writer = Arrays.copyOf(writer, n);
            time = Arrays.copyOf(time, n);
            privateWrite = Arrays.copyOf(privateWrite, n);
        }
        value[count] = id;
        writer[count] = writerPid;
        time[count] = when;
        privateWrite[count] = viaPrivateMapping;
        return count++;
    }

    String value(int stamp) {
        return values[value[stamp]];
    }

    /** The stamp the next store will get: stamps are numbered in the order the stores happen. */
    int next() {
        return count;
    }

    int valueId(int stamp) {
        return value[stamp];
    }

    int writer(int stamp) {
        return writer[stamp];
    }

    int line(int stamp) {
        return time[stamp];
    }

    boolean privateWrite(int stamp) {
        return privateWrite[stamp];
    }
}
