package org.mmsim.dist.live;

import java.util.List;
import org.mmsim.api.Policy;
import org.mmsim.api.PolicyHost;
import org.mmsim.api.PolicyProvider;

/** The rebuilt plugin {@code flip}: same id, other behaviour. */
public class FlipTwo implements PolicyProvider {
    @Override
    public List<Policy> policies(PolicyHost host) {
        return List.of(new FlipPolicy(true));
    }
}
