package org.mmsim.core.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.mmsim.api.ReportFormat;
import org.mmsim.core.mm.BuiltinInvariants;
import org.mmsim.core.plugin.Extensions;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.report.HtmlReport;
import org.mmsim.core.report.BuiltinFormat;
import org.mmsim.core.report.ReportOptions;
import org.mmsim.core.report.ResultView;
import org.mmsim.core.run.Comparison;
import org.mmsim.core.run.ComparisonResult;
import org.mmsim.core.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mmsim compare FILE|DIR... [--policies all|ID,ID...] [--tags TAG,TAG...] [--format
 * table|json|markdown|junit|html] [--group-by tag] [--width COLUMNS] [--output FILE] [--timeout SECONDS]
 * [--check-determinism]}: every chosen scenario under every chosen policy, in parallel; the matrix in
 * the chosen format. Status 0 when the comparison ran, whatever the verdicts; 1 when
 * {@code --check-determinism} found a cell whose two runs differ ({@link DeterminismCheck}).
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Run every scenario under every chosen policy and print the matrix.",
        footer = {"", "Exit status: 0 the comparison ran (whatever the verdicts); 1 --check-determinism found a "
                + "cell whose two runs differ; 2 usage, parse or plugin-loading error (with --policies all, also "
                + "after the matrix when a plugin failed to load)."})
final class CompareCommand implements Callable<Integer> {
    /** Widest {@code --width}: wider than any screen, small enough that no sum of widths overflows. */
    static final int MAX_WIDTH = 100_000;

    @ParentCommand
    Main main;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR",
            description = "Scenario files (.mms); a directory means every .mms file below it, sorted by path; "
                    + "- standard input.")
    List<Path> paths;

    @Option(names = "--policies", paramLabel = "all|ID,ID...", defaultValue = "all",
            description = "The policies to compare, in this order (default: all, in catalog order).")
    String policies;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            completionCandidates = FormatNames.class, description = "table (default), json, markdown, junit, html "
                    + "(one self-contained page: the matrix, and each run step by step with the machine drawn after "
                    + "every step), or a format a plugin contributes.")
    String formatName;


    @Option(names = "--output", paramLabel = "FILE", description = "Write the report there instead of standard "
            + "output (- is standard output).")
    Path output;

    @Option(names = "--trace", description = "With --format json: each result gets its \"trace\" (every statement, "
            + "fault, decision with its inputs and rule, and state change).")
    boolean trace;

    @Option(names = "--tags", paramLabel = "TAG,TAG...",
            description = "Run only the scenarios that carry at least one of these tags.")
    String tags;

    @Option(names = "--group-by", paramLabel = "tag",
            description = "table, markdown and html: a heading row per tag (alphabetical), then every scenario that "
                    + "carries it; scenarios without tags last, under 'no tags'.")
    String groupBy;

    @Option(names = "--width", paramLabel = "COLUMNS",
            description = "table: fit the lines into COLUMNS, cutting titles and reasons (0: never cut). Default: "
                    + "the terminal's width when standard output is one (MMSIM_COLUMNS, which the launcher sets), "
                    + "else no limit.")
    Integer width;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = Options.DEFAULT_TIMEOUT,
            description = "Longest time one run may take; a longer run is an error cell (default: ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Option(names = "--check-determinism", description = "Run every cell twice (fresh machines, the same policy "
            + "instances); a cell whose runs differ becomes 'error: nondeterministic: ...' and gets a line on stderr "
            + "(status 1). The host column runs once.")
    boolean checkDeterminism;

    @Mixin
    LimitOptions limits;

    @Override
    public Integer call() {
        Duration timeout = Options.timeout(timeoutSeconds);
        String name = formatName.toLowerCase(java.util.Locale.ROOT);
        BuiltinFormat format = builtin();
        boolean html = format == BuiltinFormat.HTML;
        if (trace && format != BuiltinFormat.JSON && !html) {
            throw CliException.usage("--trace needs --format json or html (or use run --trace)");
        }
        if (html && checkDeterminism) {
            throw CliException.usage("--check-determinism does not go with --format html (check, then draw)");
        }
        ReportOptions layout = new ReportOptions(width(), groupByTag());
        List<Scenario> scenarios = ScenarioFiles.parseAll(ScenarioFiles.expand(paths), main.in, main.err);
        if (tags != null) {
            scenarios = TagFilter.select(scenarios, tags);
        }
        Timing.mark("scenarios parsed");
        Main.Session session = main.session(limits.limits());
        List<LoadedPolicy> chosen = Options.choose(policies, session);
        Extensions extensions = session.catalog().extensions();
        Extensions.Entry<ReportFormat> writer = extensions.format(name).orElseThrow(() -> CliException.usage(
                "--format: expected one of " + String.join(", ", extensions.formats().stream()
                        .map(Extensions.Entry::name).toList()) + " but was '" + Main.oneLine(formatName) + "'"));
        List<Extensions.Entry<?>> used = new java.util.ArrayList<>(extensions.invariants());
        used.add(writer);
        OptionalInt delegated = Delegation.forExtensions(main, chosen, used);
        if (delegated.isPresent()) {
            return delegated.getAsInt();
        }
        Comparison comparison = session.get(Comparison.class);
        List<Scenario> rows = scenarios;
        if (html) { // every run traced and drawn after each step, packed as it comes
            HtmlReport report = new HtmlReport(HtmlReport.Page.compare("mmsim compare " + String.join(" ",
                    paths.stream().map(Path::toString).toList())), rows, chosen);
            ComparisonResult result = comparison.compare(rows, chosen, timeout, true, report::observer, report::add);
            Timing.mark("runs done");
            Output.write(output, main.out, w -> report.write(result, layout.groupByTag(), w));
            return Options.isAll(policies) ? session.loadingStatus() : Main.EXIT_OK;
        }
        Function<List<LoadedPolicy>, ComparisonResult> compare = columns -> comparison.compare(rows, columns,
                timeout, trace, r -> { });
        DeterminismCheck check = checkDeterminism ? DeterminismCheck.run(chosen, compare) : null;
        ComparisonResult result = check != null ? check.result() : compare.apply(chosen);
        Timing.mark("runs done");
        Output.write(output, main.out, w -> write(writer, new ResultView(result, layout), w));
        Timing.mark("report written");
        // 'all' promised every plugin's column: a plugin that failed to load makes the matrix incomplete
        int loading = Options.isAll(policies) ? session.loadingStatus() : Main.EXIT_OK;
        if (check != null && !check.flagged().isEmpty()) {
            check.flagged().forEach(cell -> main.err.println(Main.oneLine(DeterminismCheck.warning(cell))));
            return Math.max(loading, Main.EXIT_FAILED);
        }
        return loading;
    }

    /**
     * Writes with a format. A plugin's writes into memory first: one that fails costs the report, not
     * half of one, with a line naming it.
     */
    private static void write(Extensions.Entry<ReportFormat> format, ResultView result, java.io.Writer out)
            throws java.io.IOException {
        if (format.pluginId().equals(BuiltinInvariants.CORE)) {
            format.extension().write(result, out);
            return;
        }
        java.io.StringWriter text = new java.io.StringWriter();
        try {
            format.extension().write(result, text);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            throw CliException.usage("format " + format.name() + " of plugin " + format.pluginId() + " failed: "
                    + Main.oneLine(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
        }
        out.write(text.toString());
    }

    /** The bundled format {@code --format} names, or null for a plugin's. */
    private BuiltinFormat builtin() {
        return BuiltinFormat.find(formatName).orElse(null);
    }

    private boolean groupByTag() {
        if (groupBy == null) {
            return false;
        }
        if (!groupBy.equals("tag")) {
            throw CliException.usage("--group-by must be tag, not '" + Main.oneLine(groupBy) + "'");
        }
        BuiltinFormat format = builtin();
        if (format != BuiltinFormat.TABLE && format != BuiltinFormat.MARKDOWN && format != BuiltinFormat.HTML) {
            throw CliException.usage("--group-by applies to --format table, markdown and html (" + formatName
                    + " gives each result's tags)");
        }
        return true;
    }

    /**
     * The table's width: {@code --width}; else, unless the report goes to a file, the terminal's, which
     * the launcher exports as MMSIM_COLUMNS when standard output is one (Java cannot ask); else 0, no
     * limit: a pipe or a file gets every character.
     */
    private int width() {
        if (width != null) {
            if (width < 0 || width > MAX_WIDTH) {
                throw CliException.usage("--width must be 0 (no limit) to " + MAX_WIDTH + ", not " + width);
            }
            if (builtin() != BuiltinFormat.TABLE) {
                throw CliException.usage("--width applies to --format table only");
            }
            return width;
        }
        String columns = main.env.apply("MMSIM_COLUMNS");
        if (output != null || builtin() != BuiltinFormat.TABLE || columns == null) {
            return 0;
        }
        try {
            int n = Integer.parseInt(columns.strip());
            return n > 0 && n <= MAX_WIDTH ? n : 0;
        } catch (NumberFormatException e) {
            return 0; // not a width: as if unknown
        }
    }

    /** What shell completion offers for --format: the names as typed, not the enum's constants. */
    static final class FormatNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(BuiltinFormat.values()).map(BuiltinFormat::cliName).iterator();
        }
    }
}
