package org.mmsim.dist.hostile;

import java.util.List;
import org.mmsim.api.Policy;
import org.mmsim.api.PolicyHost;
import org.mmsim.api.PolicyProvider;

/**
 * Packed into a plugin jar by HostilePluginIT (never loaded by the test JVM itself): a provider whose
 * policies misbehave inside the calls the simulator makes.
 */
public class HostilePolicies implements PolicyProvider {
    public static final List<String> IDS = List.of(HostilePolicy.THROW, HostilePolicy.LOOP, HostilePolicy.NULL,
            HostilePolicy.EXIT, HostilePolicy.OOM, HostilePolicy.THREAD, HostilePolicy.SLEEP);

    public HostilePolicies() {
    }

    @Override
    public List<Policy> policies(PolicyHost host) {
        return IDS.stream().map(id -> (Policy) new HostilePolicy(id)).toList();
    }
}
