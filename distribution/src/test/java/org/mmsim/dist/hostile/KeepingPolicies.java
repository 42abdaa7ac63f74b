package org.mmsim.dist.hostile;

import java.util.List;
import org.mmsim.api.Policy;
import org.mmsim.api.PolicyHost;
import org.mmsim.api.PolicyProvider;

/** Packed into a plugin jar by EndedViewIT: one policy that keeps the views it is given. */
public class KeepingPolicies implements PolicyProvider {
    public KeepingPolicies() {
    }

    @Override
    public List<Policy> policies(PolicyHost host) {
        return List.of(new KeepingPolicy());
    }
}
