package org.mmsim.core.mm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Values by name in the order they were added: a machine's processes, files and handles, and a
 * process's regions. A machine holds a few of each and the explorer copies millions of machines,
 * so they are two small arrays, searched linearly until a hash index pays off.
 * A removed entry leaves a hole that a later compaction drops, so removal is O(1) too. A copy
 * ({@link #assign}) shares the names until either side changes them: machine copies rarely do.
 */
final class Names<V> implements Iterable<V> {
    /** Past this many slots a lookup goes through a hash index. */
    private static final int LINEAR = 8;

    private String[] names;
    private Object[] values;
    /** {@link #names} may be another Names' too: whatever changes it copies it first ({@link #ownNames}). */
    private boolean namesShared;
    /** Slots in use, holes included. */
    private int slots;
    private int holes;
    /** Name to slot; built on demand when there are more than {@link #LINEAR} slots. */
    private Map<String, Integer> index;

    Names() {
        names = NO_NAMES;
        values = NO_VALUES;
    }

    private static final String[] NO_NAMES = {};
    private static final Object[] NO_VALUES = {};

    /** How a copy's value is made from the original's, given what the copy held in that slot before (or null). */
    interface Copier<V> {
        V copy(V from, V before);
    }

    /**
     * Makes this a copy of {@code o}: the same names in the same places (shared until either side
     * changes them), each value {@code f} of the original's. Reuses this one's value array and hands
     * {@code f} the value it held in each slot, so that a machine copied into again and again (the
     * explorer's successors) allocates nothing here.
     */
    @SuppressWarnings("unchecked")
    void assign(Names<V> o, Copier<V> f) {
        Object[] before = values;
        int beforeSlots = slots;
        index = null;
        if (o.slots == 0) {
            names = NO_NAMES;
            values = NO_VALUES;
            namesShared = false;
            slots = holes = 0;
            return;
        }
        names = o.names;
        namesShared = o.namesShared = true;
        values = before.length == names.length ? before : new Object[names.length];
        for (int i = 0; i < o.slots; i++) {
            V was = i < beforeSlots ? (V) before[i] : null;
            values[i] = names[i] == null ? null : f.copy((V) o.values[i], was);
        }
        if (values == before) {
            Arrays.fill(values, o.slots, Math.max(o.slots, beforeSlots), null);
        }
        slots = o.slots;
        holes = o.holes;
    }

    private void ownNames() {
        if (namesShared) {
            String[] own = new String[names.length]; // not clone(): a native call on C1, the explorer's JIT
            System.arraycopy(names, 0, own, 0, names.length);
            names = own;
            namesShared = false;
        }
    }

    private int slot(String name) {
        if (slots > LINEAR) {
            if (index == null) {
                index = new HashMap<>(slots * 2);
                for (int i = 0; i < slots; i++) {
                    if (names[i] != null) {
                        index.put(names[i], i);
                    }
                }
            }
            Integer i = index.get(name);
            return i == null ? -1 : i;
        }
        for (int i = 0; i < slots; i++) {
            String s = names[i];
            if (s == name || s != null && s.equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @SuppressWarnings("unchecked")
    V get(String name) {
        int i = slot(name);
        return i < 0 ? null : (V) values[i];
    }

    boolean containsKey(String name) {
        return slot(name) >= 0;
    }

    /** Sets the value of a name: in its place if it has one, else at the end. */
    void put(String name, V value) {
        int i = slot(name);
        if (i >= 0) {
            values[i] = value;
            return;
        }
        ownNames();
        if (holes > slots / 2) {
            compact();
        }
        if (slots == names.length) {
            names = Arrays.copyOf(names, Math.max(4, slots * 2));
            values = Arrays.copyOf(values, Math.max(4, slots * 2));
        }
        names[slots] = name;
        values[slots] = value;
        if (index != null) {
            index.put(name, slots);
        }
        slots++;
    }

    /** Gives the value of {@code from} the name {@code to} (not in use), in the same place. */
    void rename(String from, String to) {
        int i = slot(from);
        ownNames();
        names[i] = to;
        if (index != null) {
            index.remove(from);
            index.put(to, i);
        }
    }

    /** Removes a name; returns its value, or null if it had none. */
    @SuppressWarnings("unchecked")
    V remove(String name) {
        int i = slot(name);
        if (i < 0) {
            return null;
        }
        V v = (V) values[i];
        ownNames();
        names[i] = null;
        values[i] = null;
        holes++;
        if (index != null) {
            index.remove(name);
        }
        return v;
    }

    private void compact() {
        int k = 0;
        for (int i = 0; i < slots; i++) {
            if (names[i] != null) {
                names[k] = names[i];
                values[k++] = values[i];
            }
        }
        Arrays.fill(names, k, slots, null);
        Arrays.fill(values, k, slots, null);
        slots = k;
        holes = 0;
        index = null;
    }

    int size() {
        return slots - holes;
    }

    /** The values, in order, as a snapshot (safe to change the names while going through it). */
    List<V> list() {
        List<V> out = new ArrayList<>(size());
        forEach(out::add);
        return out;
    }

    /** The names, in order, as a snapshot (safe to remove while going through it). */
    String[] names() {
        String[] out = new String[size()];
        for (int i = 0, k = 0; i < slots; i++) {
            if (names[i] != null) {
                out[k++] = names[i];
            }
        }
        return out;
    }

    /**
     * One past the last slot, holes included. With {@link #next} and {@link #at} it walks the values
     * without an iterator ({@code for (int i = n.next(0); i < n.end(); i = n.next(i + 1))}): the
     * explorer's hot loops run on C1, which allocates every iterator it is given.
     */
    int end() {
        return slots;
    }

    /** The first slot from {@code from} on that holds a value, or {@link #end()}. */
    int next(int from) {
        int k = from;
        while (k < slots && names[k] == null) {
            k++;
        }
        return k;
    }

    /** The value in slot i ({@code i < end()}), or null where a name was removed. */
    @SuppressWarnings("unchecked")
    V at(int i) {
        return (V) values[i];
    }

    /** The values in order, skipping holes; entries added while going through may not be met. */
    @Override
    public Iterator<V> iterator() {
        return new Iterator<>() {
            private int i = Names.this.next(0);

            @Override
            public boolean hasNext() {
                return i < slots;
            }

            @Override
            @SuppressWarnings("unchecked")
            public V next() {
                if (i >= slots) {
                    throw new NoSuchElementException();
                }
                V v = (V) values[i];
                i = Names.this.next(i + 1);
                return v;
            }
        };
    }
}
