package org.mmsim.core.plugin.testplugins;

import java.util.List;
import org.mmsim.api.Policy;
import org.mmsim.api.PolicyHost;
import org.mmsim.api.PolicyProvider;
import org.mmsim.core.testing.KernelUnsharePolicy;

/** Packed into a test plugin jar: one well-behaved policy. */
public class GoodProvider implements PolicyProvider {
    @Override
    public List<Policy> policies(PolicyHost host) {
        host.faultFlags().register("FAULT_FLAG_TEST_PLUGIN");
        return List.of(new KernelUnsharePolicy("good-unshare"));
    }
}
