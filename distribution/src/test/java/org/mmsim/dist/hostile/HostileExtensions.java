package org.mmsim.dist.hostile;

import java.io.Writer;
import java.util.List;
import org.mmsim.api.ComparisonView;
import org.mmsim.api.Invariant;
import org.mmsim.api.InvariantProvider;
import org.mmsim.api.MachineView;
import org.mmsim.api.ReportFormat;
import org.mmsim.api.ReportFormatProvider;

/** Packed into test plugin jars: a report format that throws, and an invariant that ends the JVM. */
public final class HostileExtensions {
    private HostileExtensions() {
    }

    /** {@code --format broken}: throws half-way through. */
    public static final class Formats implements ReportFormatProvider {
        @Override
        public List<ReportFormat> formats() {
            return List.of(new ReportFormat() {
                @Override
                public String name() {
                    return "broken";
                }

                @Override
                public String description() {
                    return "throws";
                }

                @Override
                public void write(ComparisonView comparison, Writer out) throws java.io.IOException {
                    out.write("half");
                    throw new IllegalStateException("format bug");
                }
            });
        }
    }

    /** The invariant {@code exits}: System.exit(9) at the first check. */
    public static final class Invariants implements InvariantProvider {
        @Override
        public List<Invariant> invariants() {
            return List.of(new Invariant() {
                @Override
                public String name() {
                    return "exits";
                }

                @Override
                public String description() {
                    return "ends the JVM";
                }

                @Override
                public void check(MachineView machine, Violations out) {
                    System.exit(9);
                }
            });
        }
    }
}
