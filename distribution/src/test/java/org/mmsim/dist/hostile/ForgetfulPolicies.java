package org.mmsim.dist.hostile;

import java.util.List;
import org.mmsim.api.Policy;
import org.mmsim.api.PolicyHost;
import org.mmsim.api.PolicyProvider;

/** Packed into a plugin jar by DeterminismIT: one policy with hidden state. */
public class ForgetfulPolicies implements PolicyProvider {
    public ForgetfulPolicies() {
    }

    @Override
    public List<Policy> policies(PolicyHost host) {
        return List.of(new PinOncePolicy());
    }
}
