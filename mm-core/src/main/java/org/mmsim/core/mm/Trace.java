package org.mmsim.core.mm;

/** Receives the machine's events (faults with their flags, copies, reuses, unshares) for --trace. */
@FunctionalInterface
public interface Trace {
    void event(String line);
}
