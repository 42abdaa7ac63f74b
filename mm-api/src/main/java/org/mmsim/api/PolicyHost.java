package org.mmsim.api;

/** What the host hands a plugin when it asks for its policies. */
public interface PolicyHost {
    FaultFlags faultFlags();
}
