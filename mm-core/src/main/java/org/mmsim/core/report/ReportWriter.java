package org.mmsim.core.report;

import java.io.IOException;
import java.io.Writer;
import org.mmsim.core.run.ComparisonResult;

/** Writes a comparison in one format. Writers are stateless. */
public interface ReportWriter {
    void write(ComparisonResult result, Writer out) throws IOException;
}
