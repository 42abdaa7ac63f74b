package org.mmsim.core.mm;

/** Per-run counters, in the order the JSON output lists them. */
public final class Counters {
    long faults;
    long copies;
    long reuses;
    long unshares;
    long pins;
    long pinFailures;

    public long faults() { return faults; }

    public long copies() { return copies; }

    public long reuses() { return reuses; }

    public long unshares() { return unshares; }

    public long pins() { return pins; }

    public long pinFailures() { return pinFailures; }

    void assign(Counters o) {
        faults = o.faults;
        copies = o.copies;
        reuses = o.reuses;
        unshares = o.unshares;
        pins = o.pins;
        pinFailures = o.pinFailures;
    }
}
