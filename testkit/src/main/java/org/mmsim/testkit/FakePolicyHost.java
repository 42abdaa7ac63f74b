package org.mmsim.testkit;

import org.mmsim.api.PolicyHost;

/**
 * The host a {@code PolicyProvider} is handed, for unit tests: {@code new MyPolicies().policies(new FakePolicyHost())}.
 * Its fault flags follow the rules mmsim applies to a third-party plugin ({@link FakeFaultFlags#thirdParty()}).
 */
public final class FakePolicyHost implements PolicyHost {
    private final FakeFaultFlags flags;

    public FakePolicyHost() {
        this(FakeFaultFlags.thirdParty());
    }

    public FakePolicyHost(FakeFaultFlags flags) {
        this.flags = flags;
    }

    @Override
    public FakeFaultFlags faultFlags() {
        return flags;
    }
}
