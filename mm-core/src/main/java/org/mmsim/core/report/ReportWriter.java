package org.mmsim.core.report;

import java.io.IOException;
import java.io.Writer;
import org.mmsim.core.run.ComparisonResult;

/** Writes a comparison in one format. Writers are stateless. */
public interface ReportWriter {
    /** Writes {@code result}; a format ignores the options that do not apply to it. */
    void write(ComparisonResult result, ReportOptions options, Writer out) throws IOException;
}
