package com.example.mmsim;

import java.util.List;
import org.mmsim.api.FaultFlag;
import org.mmsim.api.Policy;
import org.mmsim.api.PolicyHost;
import org.mmsim.api.PolicyProvider;
import org.pf4j.Extension;

/**
 * The plugin's entry point: PF4J finds it through META-INF/extensions.idx, which the annotation
 * processor writes for every {@code @Extension} class. A public no-argument constructor is required.
 */
@Extension
public class MyPolicies implements PolicyProvider {
    @Override
    public List<Policy> policies(PolicyHost host) {
        // A flag of our own, shown in traces: upper case, [A-Z][A-Z0-9_]*; a third-party plugin may
        // register at most 8 new ones (bits 36-62). Registering a name that exists returns that flag.
        FaultFlag unshare = host.faultFlags().register("FAULT_FLAG_MY_UNSHARE");
        return List.of(new MyPolicy(unshare));
    }
}
