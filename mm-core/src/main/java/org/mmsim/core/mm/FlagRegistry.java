package org.mmsim.core.mm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.mmsim.api.FaultFlag;
import org.mmsim.api.FaultFlags;

/**
 * The host's open registry of fault flags. FAULT_FLAG_WRITE and FAULT_FLAG_UNSHARE keep their kernel
 * bits; flags that plugins register get free bits from 20 up. Registration happens at plugin load,
 * on one thread; afterwards the registry is only read.
 */
public final class FlagRegistry implements FaultFlags {
    private static final int FIRST_PLUGIN_BIT = 20;
    private final Map<String, FaultFlag> byName = new LinkedHashMap<>();
    private final FaultFlag[] byBit = new FaultFlag[63];

    public FlagRegistry() {
        add(FaultFlag.WRITE);
        add(FaultFlag.UNSHARE);
    }

    private void add(FaultFlag f) {
        byName.put(f.name(), f);
        byBit[f.bit()] = f;
    }

    @Override
    public synchronized FaultFlag register(String name) {
        FaultFlag known = byName.get(name);
        if (known != null) {
            return known;
        }
        for (int bit = FIRST_PLUGIN_BIT; bit < byBit.length; bit++) {
            if (byBit[bit] == null) {
                FaultFlag f = new FaultFlag(name, bit);
                add(f);
                return f;
            }
        }
        throw new IllegalStateException("no free fault flag bit for " + name);
    }

    @Override
    public synchronized Optional<FaultFlag> lookup(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The flag names in a mask, joined with '|', as the kernel's trace would print them. */
    public String names(long mask) {
        if (mask == 0) {
            return "read";
        }
        StringBuilder sb = new StringBuilder();
        for (int bit = 0; bit < byBit.length; bit++) {
            if ((mask & (1L << bit)) != 0) {
                if (sb.length() > 0) {
                    sb.append('|');
                }
                sb.append(byBit[bit] != null ? byBit[bit].name() : "bit" + bit);
            }
        }
        return sb.toString();
    }
}
