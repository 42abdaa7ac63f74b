package org.mmsim.plugins.legacy;

import java.util.List;
import org.mmsim.api.Policy;
import org.mmsim.api.PolicyHost;
import org.mmsim.api.PolicyProvider;
import org.pf4j.Extension;

/** Contributes the policies of the kernels before PG_anon_exclusive: mapcount and page-count. */
@Extension
public final class LegacyPolicies implements PolicyProvider {

    @Override
    public List<Policy> policies(PolicyHost host) {
        return List.of(new MapcountPolicy(), new PageCountPolicy());
    }
}
