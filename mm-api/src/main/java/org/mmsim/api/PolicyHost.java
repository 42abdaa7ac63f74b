package org.mmsim.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** What the host hands a plugin when it asks for its policies. */
@API(status = STABLE, since = "0.1.0")
public interface PolicyHost {
    FaultFlags faultFlags();
}
