package org.mmsim.core.plugin.testplugins;

import java.util.List;
import org.mmsim.api.Policy;
import org.mmsim.api.PolicyHost;
import org.mmsim.api.PolicyProvider;

/** Packed into a test plugin jar: a provider that throws. */
public class ThrowingProvider implements PolicyProvider {
    @Override
    public List<Policy> policies(PolicyHost host) {
        System.out.println("noise from a plugin on stdout");
        System.err.println("noise from a plugin on stderr");
        throw new IllegalStateException("provider exploded");
    }
}
