package org.mmsim.plugins.mmid;

import java.util.List;
import org.mmsim.api.Policy;
import org.mmsim.api.PolicyHost;
import org.mmsim.api.PolicyProvider;
import org.pf4j.Extension;

/** Contributes {@code mm-id}: Linux 6.15 and later, the newest policy (what the live kernel should match). */
@Extension
public final class MmIdPolicies implements PolicyProvider {
    @Override
    public List<Policy> policies(PolicyHost host) {
        return List.of(new MmIdPolicy());
    }
}
