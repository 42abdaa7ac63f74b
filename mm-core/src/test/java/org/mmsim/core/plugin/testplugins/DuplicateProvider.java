package org.mmsim.core.plugin.testplugins;

import java.util.List;
import org.mmsim.api.Policy;
import org.mmsim.api.PolicyHost;
import org.mmsim.api.PolicyProvider;
import org.mmsim.core.testing.KernelUnsharePolicy;

/** Packed into a test plugin jar: one policy whose id clashes with {@link GoodProvider}'s, one new one. */
public class DuplicateProvider implements PolicyProvider {
    @Override
    public List<Policy> policies(PolicyHost host) {
        return List.of(new KernelUnsharePolicy("good-unshare"), new KernelUnsharePolicy("extra"));
    }
}
