package org.mmsim.core.mm;

/** Receives what the machine does and decides, event by event, for {@code --trace}. */
@FunctionalInterface
public interface Trace {
    void event(TraceEvent e);
}
