package org.mmsim.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mmsim.api.FaultFlag;
import org.mmsim.api.FaultFlags;

/**
 * An in-memory fault-flag registry like the core's: FAULT_FLAG_WRITE (bit 0) and FAULT_FLAG_UNSHARE
 * (bit 10) pre-registered, a name registered twice is the same flag. {@link #thirdParty()} applies the
 * limits mmsim sets a third-party plugin (new flags from bit 36, at most 8 of them, then
 * {@link IllegalStateException}, after which mmsim would not load the plugin); {@code new FakeFaultFlags()}
 * hands out bits from 11 with no limit.
 */
public class FakeFaultFlags implements FaultFlags {
    /** New flags a third-party plugin may register (the core's {@code FlagRegistry.PLUGIN_QUOTA}). */
    public static final int THIRD_PARTY_QUOTA = 8;
    /** The first bit open to third-party plugins (bits 20..35 are the core's and the bundled plugins'). */
    public static final int FIRST_THIRD_PARTY_BIT = 36;

    private final Map<String, FaultFlag> flags = new LinkedHashMap<>();
    private final int quota;
    private int nextBit;
    private int taken;

    public FakeFaultFlags() {
        this(11, Integer.MAX_VALUE);
    }

    private FakeFaultFlags(int firstBit, int quota) {
        this.nextBit = firstBit;
        this.quota = quota;
        flags.put(FaultFlag.WRITE.name(), FaultFlag.WRITE);
        flags.put(FaultFlag.UNSHARE.name(), FaultFlag.UNSHARE);
    }

    /** The registry as mmsim hands it to a third-party plugin. */
    public static FakeFaultFlags thirdParty() {
        return new FakeFaultFlags(FIRST_THIRD_PARTY_BIT, THIRD_PARTY_QUOTA);
    }

    /**
     * Registers {@code name} (an upper-case identifier, {@code [A-Z][A-Z0-9_]*}: {@link FaultFlag}
     * rejects others with {@link IllegalArgumentException}) or returns the flag already registered.
     */
    @Override
    public FaultFlag register(String name) {
        FaultFlag known = flags.get(name);
        if (known != null) {
            return known;
        }
        if (taken >= quota) {
            throw new IllegalStateException("cannot register " + name + ": more than " + quota
                    + " fault flags (the per-plugin quota)");
        }
        if (nextBit > 62) {
            throw new IllegalStateException("no free fault flag bit for " + name);
        }
        FaultFlag f = new FaultFlag(name, nextBit);
        nextBit++;
        taken++;
        flags.put(name, f);
        return f;
    }

    @Override
    public Optional<FaultFlag> lookup(String name) {
        return Optional.ofNullable(flags.get(name));
    }

    /** Every flag known, the two pre-registered first, then in the order they were registered. */
    public List<FaultFlag> all() {
        return List.copyOf(flags.values());
    }
}
