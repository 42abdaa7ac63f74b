package org.mmsim.plugins.makeanonexclusive;

import java.util.List;
import org.mmsim.api.FaultFlag;
import org.mmsim.api.Policy;
import org.mmsim.api.PolicyHost;
import org.mmsim.api.PolicyProvider;
import org.mmsim.plugins.unshare.UnsharePolicy;
import org.pf4j.Extension;

/**
 * Contributes {@code make-anon-exclusive}: the unshare design under the name Jason Gunthorpe proposed
 * in the linux-mm thread. It reuses {@link UnsharePolicy} from the {@code unshare} plugin (a PF4J
 * plugin dependency) and differs only in the flag its unshare faults carry, which this plugin
 * registers itself: the fault-flag set is open.
 */
@Extension
public final class MakeAnonExclusivePolicies implements PolicyProvider {

    public static final String ID = "make-anon-exclusive";
    public static final String FLAG_NAME = "FAULT_FLAG_MAKE_ANON_EXCLUSIVE";
    public static final String SUMMARY =
            "Proposal in the 2022 linux-mm thread: as unshare (5.19-6.1), the fault is"
                    + " FAULT_FLAG_MAKE_ANON_EXCLUSIVE";

    @Override
    public List<Policy> policies(PolicyHost host) {
        FaultFlag flag = host.faultFlags().register(FLAG_NAME);
        return List.of(new UnsharePolicy(ID, SUMMARY, flag, false));
    }
}
