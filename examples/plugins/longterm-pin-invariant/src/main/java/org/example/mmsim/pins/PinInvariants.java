package org.example.mmsim.pins;

import java.util.List;
import org.mmsim.api.Invariant;
import org.mmsim.api.InvariantProvider;
import org.pf4j.Extension;

/** What this plugin contributes: one invariant, checked after every statement of every run. */
@Extension
public final class PinInvariants implements InvariantProvider {
    @Override
    public List<Invariant> invariants() {
        return List.of(new LongtermPinCopied());
    }
}
