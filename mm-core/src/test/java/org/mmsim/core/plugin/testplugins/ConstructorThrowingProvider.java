package org.mmsim.core.plugin.testplugins;

import java.util.List;
import org.mmsim.api.Policy;
import org.mmsim.api.PolicyHost;
import org.mmsim.api.PolicyProvider;

/** Packed into a test plugin jar: an extension that cannot even be created. */
public class ConstructorThrowingProvider implements PolicyProvider {
    public ConstructorThrowingProvider() {
        throw new IllegalStateException("constructor exploded");
    }

    @Override
    public List<Policy> policies(PolicyHost host) {
        return List.of();
    }
}
