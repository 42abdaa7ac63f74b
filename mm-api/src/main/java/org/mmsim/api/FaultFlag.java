package org.mmsim.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * A fault flag ({@code FAULT_FLAG_*} in include/linux/mm_types.h): a name and a bit.
 * Flags are an open set: the core pre-registers {@link #WRITE} and {@link #UNSHARE}; a plugin
 * adds its own through {@link FaultFlags#register(String)}.
 */
@API(status = STABLE, since = "0.1.0")
public record FaultFlag(String name, int bit) {
    /** FAULT_FLAG_WRITE: the fault is a write access. */
    public static final FaultFlag WRITE = new FaultFlag("FAULT_FLAG_WRITE", 0);
    /** FAULT_FLAG_UNSHARE (c89357e27f20): make a R/O-mapped anonymous page exclusive, keep it R/O. */
    public static final FaultFlag UNSHARE = new FaultFlag("FAULT_FLAG_UNSHARE", 10);

    public FaultFlag {
        if (name == null || !name.matches("[A-Z][A-Z0-9_]*")) {
            throw new IllegalArgumentException("fault flag name must be upper-case identifier: " + name);
        }
        if (bit < 0 || bit > 62) {
            throw new IllegalArgumentException("fault flag bit out of range: " + bit);
        }
    }

    public long mask() {
        return 1L << bit;
    }
}
