package org.mmsim.core.mm;

/**
 * What a GUP call returned: one reference ({@code FOLL_GET}) or pin ({@code FOLL_PIN}) on a frame,
 * with the address it was taken at. It outlives its process.
 */
final class Handle {
    final String name;
    final int frame;
    final boolean pin;
    final boolean write;
    final boolean longterm;
    final int pid;
    final Region region;
    final long index;
    /** The page was an anonymous page when pinned (pin-coherence covers all FOLL_PIN on anon pages). */
    final boolean anonAtPin;
    /** The page belonged to a large folio: a pin added 1 to its reference and pin counts, not the bias. */
    final boolean large;
    boolean released;
    /** The address was unmapped, zapped or its process exited since: the pin is legitimately detached. */
    boolean detached;

    Handle(String name, int frame, boolean pin, boolean write, boolean longterm, int pid, Region region, long index,
           boolean anonAtPin, boolean large) {
        this.large = large;
        this.name = name;
        this.frame = frame;
        this.pin = pin;
        this.write = write;
        this.longterm = longterm;
        this.pid = pid;
        this.region = region;
        this.index = index;
        this.anonAtPin = anonAtPin;
    }

    /** This handle in a machine copy, on {@code newRegion}: {@code before}, the copy's old one, if it is the same. */
    Handle copy(Region newRegion, Handle before) {
        Handle h = before != null && before.name.equals(name) && before.frame == frame && before.pin == pin
                && before.write == write && before.longterm == longterm && before.pid == pid
                && before.region == newRegion && before.index == index && before.anonAtPin == anonAtPin
                && before.large == large ? before
                : new Handle(name, frame, pin, write, longterm, pid, newRegion, index, anonAtPin, large);
        h.released = released;
        h.detached = detached;
        return h;
    }

    /** The same handle after mremap moved its page to index of region r. */
    Handle moved(Region r, long newIndex) {
        Handle h = new Handle(name, frame, pin, write, longterm, pid, r, newIndex, anonAtPin, large);
        h.released = released;
        h.detached = detached;
        return h;
    }

    /** Whether this handle was taken at a page of r in [from, to): what zapping that range detaches. */
    boolean into(Region r, long from, long to) {
        return region == r && index >= from && index < to;
    }

    /** What one reference of this handle adds to the frame's reference count. */
    int refs() {
        return pin && !large ? org.mmsim.api.PageView.GUP_PIN_COUNTING_BIAS : 1;
    }
}
