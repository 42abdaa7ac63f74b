package org.mmsim.dist.hostile;

import java.util.List;
import org.mmsim.api.Policy;
import org.mmsim.api.PolicyHost;
import org.mmsim.api.PolicyProvider;

/** Packed into a plugin jar by EncapsulationIT: contributes {@link ReflectingPolicy}. */
public class ReflectingPolicies implements PolicyProvider {
    public ReflectingPolicies() {
    }

    @Override
    public List<Policy> policies(PolicyHost host) {
        return List.of(new ReflectingPolicy());
    }
}
