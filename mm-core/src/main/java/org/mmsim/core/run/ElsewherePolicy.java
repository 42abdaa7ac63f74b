package org.mmsim.core.run;

import org.mmsim.api.ForkDecision;
import org.mmsim.api.PageView;
import org.mmsim.api.PinDecision;
import org.mmsim.api.PinRequest;
import org.mmsim.api.Policy;
import org.mmsim.api.VmaView;
import org.mmsim.api.WpDecision;
import org.mmsim.api.WpFault;

/**
 * A column whose runs happen somewhere other than this JVM's simulated machine (the live kernel, a
 * plugin's worker JVM): it has an id and a summary, and asking it a question here is a bug in mmsim,
 * never in a plugin.
 */
public abstract class ElsewherePolicy implements Policy {
    /** Why no question can be asked here, for the exception. */
    protected abstract String elsewhere();

    private IllegalStateException asked() {
        return new IllegalStateException(elsewhere());
    }

    @Override
    public final WpDecision doWpPage(WpFault fault) {
        throw asked();
    }

    @Override
    public final PinDecision pinReadOnly(PinRequest request) {
        throw asked();
    }

    @Override
    public final ForkDecision copyPresentAnonPte(PageView page, VmaView vma) {
        throw asked();
    }

    @Override
    public final boolean mayPageOut(PageView page) {
        throw asked();
    }

    @Override
    public final boolean canChangePteWritable(PageView page, VmaView vma) {
        throw asked();
    }
}
