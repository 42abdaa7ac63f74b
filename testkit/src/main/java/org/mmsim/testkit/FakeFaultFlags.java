package org.mmsim.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.mmsim.api.FaultFlag;
import org.mmsim.api.FaultFlags;

/** An in-memory fault-flag registry like the core's: WRITE and UNSHARE pre-registered, new flags from bit 11. */
public class FakeFaultFlags implements FaultFlags {
    private final Map<String, FaultFlag> flags = new LinkedHashMap<>();
    private int nextBit = 11;

    public FakeFaultFlags() {
        flags.put(FaultFlag.WRITE.name(), FaultFlag.WRITE);
        flags.put(FaultFlag.UNSHARE.name(), FaultFlag.UNSHARE);
    }

    @Override
    public FaultFlag register(String name) {
        return flags.computeIfAbsent(name, n -> new FaultFlag(n, nextBit++));
    }

    @Override
    public Optional<FaultFlag> lookup(String name) {
        return Optional.ofNullable(flags.get(name));
    }
}
