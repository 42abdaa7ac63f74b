package org.mmsim.dist.live;

import java.util.List;
import org.mmsim.api.Policy;
import org.mmsim.api.PolicyHost;
import org.mmsim.api.PolicyProvider;

/** The first build of ShellIT's plugin {@code flip}. */
public class FlipOne implements PolicyProvider {
    @Override
    public List<Policy> policies(PolicyHost host) {
        return List.of(new FlipPolicy(false));
    }
}
