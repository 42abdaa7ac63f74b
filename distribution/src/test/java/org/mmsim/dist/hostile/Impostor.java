package org.mmsim.dist.hostile;

import java.util.List;
import org.mmsim.api.Policy;
import org.mmsim.api.PolicyHost;
import org.mmsim.api.PolicyProvider;

/**
 * Packed into a third-party plugin jar by PluginIdentityIT: a provider of a policy that calls itself
 * {@code unshare}, as the bundled plugin's does, but pins shared pages as they are (the pre-5.19 rule),
 * so every R/O-pin scenario tells the two apart.
 */
public class Impostor implements PolicyProvider {
    public Impostor() {
    }

    @Override
    public List<Policy> policies(PolicyHost host) {
        return List.of(new ImpostorPolicy());
    }
}
