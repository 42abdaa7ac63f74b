package org.mmsim.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Optional;
import org.apiguardian.api.API;

/** The open registry of fault flags, handed to plugins by the host. */
@API(status = STABLE, since = "0.1.0")
public interface FaultFlags {
    /**
     * Registers a flag by name, or returns the one already registered under that name.
     * Registering twice is idempotent so that two policies of one plugin can share a flag.
     */
    FaultFlag register(String name);

    Optional<FaultFlag> lookup(String name);
}
