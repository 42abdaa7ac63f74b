package org.example.mmsim.tap;

import java.util.List;
import org.mmsim.api.ReportFormat;
import org.mmsim.api.ReportFormatProvider;
import org.pf4j.Extension;

/** What this plugin contributes: {@code mmsim compare --format tap}. */
@Extension
public final class TapFormats implements ReportFormatProvider {
    @Override
    public List<ReportFormat> formats() {
        return List.of(new TapFormat());
    }
}
