package org.mmsim.core.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import org.mmsim.api.ComparisonView;
import org.mmsim.api.ReportFormat;
import org.mmsim.api.ReportFormatProvider;

/**
 * The bundled report formats, contributed through {@link ReportFormatProvider} like any plugin's.
 * They write the comparison itself, with the command's layout options, that a {@link ResultView} carries.
 */
public final class BuiltinFormats implements ReportFormatProvider {
    @Override
    public List<ReportFormat> formats() {
        return Arrays.stream(BuiltinFormat.values()).<ReportFormat>map(Bundled::new).toList();
    }

    /** The bundled format {@code format} stands for, if it is one. */
    public static java.util.Optional<BuiltinFormat> builtin(ReportFormat format) {
        return format instanceof Bundled b ? java.util.Optional.of(b.format()) : java.util.Optional.empty();
    }

    private record Bundled(BuiltinFormat format) implements ReportFormat {
        @Override
        public String name() {
            return format.cliName();
        }

        @Override
        public String description() {
            return format.description();
        }

        @Override
        public void write(ComparisonView comparison, Writer out) throws IOException {
            if (!(comparison instanceof ResultView view)) {
                throw new IllegalArgumentException("the bundled format " + name() + " writes mmsim's own results");
            }
            format.write(view.result(), view.options(), out);
        }
    }
}
