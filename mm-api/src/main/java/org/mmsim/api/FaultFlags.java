package org.mmsim.api;

import java.util.Optional;

/** The open registry of fault flags, handed to plugins by the host. */
public interface FaultFlags {
    /**
     * Registers a flag by name, or returns the one already registered under that name.
     * Registering twice is idempotent so that two policies of one plugin can share a flag.
     */
    FaultFlag register(String name);

    Optional<FaultFlag> lookup(String name);
}
