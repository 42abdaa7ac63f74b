package org.mmsim.api;

import java.util.List;
import org.pf4j.ExtensionPoint;

/** The PF4J extension point through which a plugin contributes one or more named policies. */
public interface PolicyProvider extends ExtensionPoint {
    List<Policy> policies(PolicyHost host);
}
