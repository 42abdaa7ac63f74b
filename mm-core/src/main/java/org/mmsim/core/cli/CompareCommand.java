package org.mmsim.core.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.report.ReportFormat;
import org.mmsim.core.run.Comparison;
import org.mmsim.core.run.ComparisonResult;
import org.mmsim.core.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code mmsim compare FILE|DIR... [--policies all|ID,ID...] [--format table|json|markdown|junit]
 * [--output FILE] [--timeout SECONDS]}: every scenario under every chosen policy, in parallel; the
 * matrix in the chosen format. Status 0 when the comparison ran, whatever the verdicts.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Run every scenario under every chosen policy and print the matrix.",
        footer = {"", "Exit status: 0 the comparison ran (whatever the verdicts); 2 usage, parse or "
                + "plugin-loading error."})
final class CompareCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR",
            description = "Scenario files (.mms); a directory means every .mms file below it, sorted by path; "
                    + "- standard input.")
    List<Path> paths;

    @Option(names = "--policies", paramLabel = "all|ID,ID...", defaultValue = "all",
            description = "The policies to compare, in this order (default: all, in catalog order).")
    String policies;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", converter = FormatConverter.class,
            completionCandidates = FormatNames.class, description = "table (default), json, markdown or junit.")
    ReportFormat format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report there instead of standard "
            + "output (- is standard output).")
    Path output;

    @Option(names = "--trace", description = "With --format json: each result gets its \"trace\" (every statement, "
            + "fault, decision with its inputs and rule, and state change).")
    boolean trace;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = Options.DEFAULT_TIMEOUT,
            description = "Longest time one run may take; a longer run is an error cell (default: ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Mixin
    LimitOptions limits;

    @Override
    public Integer call() {
        Duration timeout = Options.timeout(timeoutSeconds);
        if (trace && format != ReportFormat.JSON) {
            throw CliException.usage("--trace needs --format json (or use run --trace)");
        }
        List<Scenario> scenarios = ScenarioFiles.parseAll(ScenarioFiles.expand(paths), main.in, main.err);
        Timing.mark("scenarios parsed");
        Main.Session session = main.session(limits.limits());
        List<LoadedPolicy> chosen = Options.choose(policies, session);
        ComparisonResult result = session.get(Comparison.class).compare(scenarios, chosen, timeout, trace, r -> { });
        Timing.mark("runs done");
        Output.write(output, main.out, w -> format.write(result, w));
        Timing.mark("report written");
        return Main.EXIT_OK;
    }

    /** What shell completion offers for --format: the names as typed, not the enum's constants. */
    static final class FormatNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(ReportFormat.values()).map(ReportFormat::cliName).iterator();
        }
    }

    static final class FormatConverter implements ITypeConverter<ReportFormat> {
        @Override
        public ReportFormat convert(String value) {
            try {
                return ReportFormat.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
