package org.mmsim.dist.hostile;

import java.util.List;
import org.mmsim.api.Policy;
import org.mmsim.api.PolicyHost;
import org.mmsim.api.PolicyProvider;

/**
 * Packed into a third-party plugin jar by PluginIdentityIT: a provider that registers every fault flag
 * bit there is (63 names), swallowing the refusals, then offers an ordinary policy, {@code greedy}.
 * Without a quota it would leave the bundled make-anon-exclusive no bit for its flag.
 */
public class GreedyFlags implements PolicyProvider {
    public static final String ID = "greedy";

    public GreedyFlags() {
    }

    @Override
    public List<Policy> policies(PolicyHost host) {
        for (int i = 0; i < 63; i++) {
            try {
                host.faultFlags().register("FAULT_FLAG_GREEDY_" + i);
            } catch (RuntimeException refused) {
                // keep asking, as a careless or hostile plugin would
            }
        }
        return List.of(new HostilePolicy(ID));
    }
}
