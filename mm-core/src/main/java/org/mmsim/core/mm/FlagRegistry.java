package org.mmsim.core.mm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mmsim.api.FaultFlag;
import org.mmsim.api.FaultFlags;

/**
 * The host's open registry of fault flags. FAULT_FLAG_WRITE and FAULT_FLAG_UNSHARE keep their kernel
 * bits; flags that plugins register get free bits from 20 up. Registration happens at plugin load,
 * on one thread; afterwards the registry is only read.
 *
 * <p>Plugins register through {@link #forPlugin}, a view per plugin: bits 20..35 are reserved for the
 * core and the bundled plugins, so a third-party plugin can never leave a bundled one without its
 * flag; a third-party plugin takes bits from 36..62, at most {@link #PLUGIN_QUOTA} of them.
 */
public final class FlagRegistry implements FaultFlags {
    /** The first bit a registered flag may take (the kernel's own flags sit below). */
    static final int FIRST_PLUGIN_BIT = 20;
    /** Bits from here on are open to third-party plugins; those below are the core's and bundled plugins'. */
    static final int FIRST_THIRD_PARTY_BIT = 36;
    /** New flag bits one third-party plugin may take (27 bits are open to them: three full quotas and a bit). */
    public static final int PLUGIN_QUOTA = 8;

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

    /** The core's own registration (and tests'): any free bit from 20 up, no quota. */
    @Override
    public synchronized FaultFlag register(String name) {
        FaultFlag known = byName.get(name);
        return known != null ? known : allocate(name, FIRST_PLUGIN_BIT);
    }

    private FaultFlag allocate(String name, int from) {
        for (int bit = from; bit < byBit.length; bit++) {
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

    /** The registry as one plugin sees it: a bundled plugin takes reserved bits, a third-party one its quota. */
    public PluginFlags forPlugin(boolean bundled) {
        return new PluginFlags(bundled);
    }

    /**
     * One plugin's view of the registry. A name already registered (by anyone) is shared and costs no
     * bit; a new name takes a bit. Past the quota {@link #register} throws and {@link #overQuota()}
     * stays true, so a plugin that catches the exception is still found out.
     */
    public final class PluginFlags implements FaultFlags {
        private final boolean bundled;
        private final List<FaultFlag> taken = new ArrayList<>();
        private final List<String> asked = new ArrayList<>();
        private boolean overQuota;

        private PluginFlags(boolean bundled) {
            this.bundled = bundled;
        }

        @Override
        public FaultFlag register(String name) {
            synchronized (FlagRegistry.this) {
                if (!asked.contains(name)) {
                    asked.add(name);
                }
                FaultFlag known = byName.get(name);
                if (known != null) {
                    return known;
                }
                if (!bundled && taken.size() >= PLUGIN_QUOTA) {
                    overQuota = true;
                    throw new IllegalStateException("cannot register " + name + ": more than " + PLUGIN_QUOTA
                            + " fault flags (the per-plugin quota)");
                }
                FaultFlag f = allocate(name, bundled ? FIRST_PLUGIN_BIT : FIRST_THIRD_PARTY_BIT);
                taken.add(f);
                return f;
            }
        }

        @Override
        public Optional<FaultFlag> lookup(String name) {
            return FlagRegistry.this.lookup(name);
        }

        /** Every name this plugin registered, shared ones included, in the order it asked (for {@code plugins info}). */
        public List<String> registered() {
            synchronized (FlagRegistry.this) {
                return List.copyOf(asked);
            }
        }

        /** Whether the plugin asked for more new flags than {@link #PLUGIN_QUOTA}. */
        public boolean overQuota() {
            return overQuota;
        }

        /** Gives back the bits this plugin took, when it is not loaded after all. */
        public void release() {
            synchronized (FlagRegistry.this) {
                for (FaultFlag f : taken) {
                    byName.remove(f.name());
                    byBit[f.bit()] = null;
                }
                taken.clear();
            }
        }
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
