package org.mmsim.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;
import org.pf4j.ExtensionPoint;

/** The PF4J extension point through which a plugin contributes one or more named policies. */
@API(status = STABLE, since = "0.1.0")
public interface PolicyProvider extends ExtensionPoint {
    List<Policy> policies(PolicyHost host);
}
