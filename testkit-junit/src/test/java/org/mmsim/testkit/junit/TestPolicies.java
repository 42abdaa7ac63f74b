package org.mmsim.testkit.junit;

import java.util.List;
import org.mmsim.api.ForkDecision;
import org.mmsim.api.PageView;
import org.mmsim.api.PinDecision;
import org.mmsim.api.PinRequest;
import org.mmsim.api.Policy;
import org.mmsim.api.PolicyHost;
import org.mmsim.api.PolicyProvider;
import org.mmsim.api.VmaView;
import org.mmsim.api.WpDecision;
import org.mmsim.api.WpFault;

/** Two tiny policies: one that copies on every write fault, one that reuses (and so leaks writes to a child). */
final class TestPolicies {
    private TestPolicies() {
    }

    record Simple(String id, WpDecision onWrite) implements Policy {
        @Override
        public String summary() {
            return "test policy";
        }

        @Override
        public WpDecision doWpPage(WpFault fault) {
            return onWrite;
        }

        @Override
        public PinDecision pinReadOnly(PinRequest request) {
            return PinDecision.pin();
        }

        @Override
        public ForkDecision copyPresentAnonPte(PageView page, VmaView vma) {
            return ForkDecision.SHARE;
        }

        @Override
        public boolean mayPageOut(PageView page) {
            return true;
        }

        @Override
        public boolean canChangePteWritable(PageView page, VmaView vma) {
            return false;
        }

        @Override
        public boolean keepsAnonExclusive() {
            return false;
        }
    }

    /** On the test class path through META-INF/extensions.idx: the reference of behavesLike tests. */
    public static final class Copying implements PolicyProvider {
        @Override
        public List<Policy> policies(PolicyHost host) {
            return List.of(new Simple("always-copy", WpDecision.COPY));
        }
    }

    /** Handed to the harness directly; two ids for one behaviour, and one that reuses. */
    static final class UnderTest implements PolicyProvider {
        @Override
        public List<Policy> policies(PolicyHost host) {
            return List.of(new Simple("copy-too", WpDecision.COPY), new Simple("reuse", WpDecision.REUSE));
        }
    }
}
