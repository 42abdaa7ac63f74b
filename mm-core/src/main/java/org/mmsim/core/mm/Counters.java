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

    Counters copy() {
        Counters c = new Counters();
        c.faults = faults;
        c.copies = copies;
        c.reuses = reuses;
        c.unshares = unshares;
        c.pins = pins;
        c.pinFailures = pinFailures;
        return c;
    }
}
