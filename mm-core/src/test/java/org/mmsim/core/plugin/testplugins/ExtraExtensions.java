package org.mmsim.core.plugin.testplugins;

import java.io.Writer;
import java.util.List;
import org.mmsim.api.ComparisonView;
import org.mmsim.api.Invariant;
import org.mmsim.api.InvariantProvider;
import org.mmsim.api.MachineView;
import org.mmsim.api.ReportFormat;
import org.mmsim.api.ReportFormatProvider;

/** Packed into test plugin jars: an invariant and a report format, no policy. */
public final class ExtraExtensions {
    private ExtraExtensions() {
    }

    /** Contributes the invariant {@code no-shared-anon} and, wrongly, a second {@code leak}. */
    public static final class Invariants implements InvariantProvider {
        @Override
        public List<Invariant> invariants() {
            return List.of(invariant("no-shared-anon"), invariant("leak"));
        }
    }

    /** Contributes the report format {@code count} and, wrongly, one named {@code Bad Name}. */
    public static final class Formats implements ReportFormatProvider {
        @Override
        public List<ReportFormat> formats() {
            return List.of(format("count"), format("Bad Name"));
        }
    }

    static Invariant invariant(String name) {
        return new Invariant() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "no anonymous frame is mapped twice";
            }

            @Override
            public void check(MachineView machine, Violations out) {
                for (MachineView.Process p : machine.processes()) {
                    for (MachineView.Mapping m : p.mappings()) {
                        for (long i = 0; i < m.pages(); i++) {
                            MachineView.Frame f = m.frame(i);
                            if (f != null && f.anon() && f.mapCount() > 1) {
                                out.report("#" + f.id(), "#" + f.id() + " is mapped " + f.mapCount() + " times");
                            }
                        }
                    }
                }
            }
        };
    }

    static ReportFormat format(String name) {
        return new ReportFormat() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "the number of runs";
            }

            @Override
            public void write(ComparisonView comparison, Writer out) throws java.io.IOException {
                out.write(comparison.scenarios().size() * comparison.policies().size() + " runs\n");
            }
        };
    }
}
