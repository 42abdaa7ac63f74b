package org.mmsim.plugins.unshare;

import java.util.List;
import org.mmsim.api.FaultFlag;
import org.mmsim.api.KernelRelease;
import org.mmsim.api.Policy;
import org.mmsim.api.PolicyHost;
import org.mmsim.api.PolicyProvider;
import org.mmsim.plugins.unshare.UnsharePolicy.SharedAnonPin;
import org.pf4j.Extension;

/** Contributes the policies of the PG_anon_exclusive family: unshare, unshare-cow-mapping, fail-pin. */
@Extension
public final class UnsharePolicies implements PolicyProvider {

    public static final String UNSHARE = "unshare";
    public static final String UNSHARE_COW_MAPPING = "unshare-cow-mapping";
    public static final String FAIL_PIN = "fail-pin";

    public static final String UNSHARE_SUMMARY =
            "Linux 5.19-6.1: PG_anon_exclusive, FAULT_FLAG_UNSHARE for R/O pins of shared anonymous pages";
    public static final String UNSHARE_COW_MAPPING_SUMMARY =
            "Linux 6.2-6.14 (machine of 6.14): as unshare, and long-term R/O pins unshare page-cache and"
                    + " zeropage pages in COW mappings";
    public static final String FAIL_PIN_SUMMARY =
            "Option (2) of the 2022 linux-mm thread: PG_anon_exclusive, R/O pins of shared anonymous pages fail";

    @Override
    public List<Policy> policies(PolicyHost host) {
        return List.of(unshare(), unshareCowMapping(), failPin());
    }

    /** Linux 5.19-6.1. */
    public static UnsharePolicy unshare() {
        return new UnsharePolicy(UNSHARE, UNSHARE_SUMMARY, FaultFlag.UNSHARE, false);
    }

    /** The last kernel before MM owner tracking (6.15): what unshare-cow-mapping runs on. */
    public static final KernelRelease COW_MAPPING_KERNEL = KernelRelease.of(6, 14);

    /** Linux 6.2-6.14 (8d6a0ac09a16, 84209e87c696), on the machine of 6.14. */
    public static UnsharePolicy unshareCowMapping() {
        return new UnsharePolicy(UNSHARE_COW_MAPPING, UNSHARE_COW_MAPPING_SUMMARY, FaultFlag.UNSHARE, true,
                SharedAnonPin.UNSHARE, COW_MAPPING_KERNEL);
    }

    /** Option (2) of the linux-mm thread: refuse instead of unsharing. */
    public static UnsharePolicy failPin() {
        return new UnsharePolicy(FAIL_PIN, FAIL_PIN_SUMMARY, FaultFlag.UNSHARE, false, SharedAnonPin.REFUSE);
    }
}
