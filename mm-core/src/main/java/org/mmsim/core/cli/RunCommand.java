package org.mmsim.core.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mmsim.core.mm.TraceEvent;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.report.BuiltinFormat;
import org.mmsim.core.report.RunText;
import org.mmsim.core.run.Comparison;
import org.mmsim.core.run.ComparisonResult;
import org.mmsim.core.run.RunResult;
import org.mmsim.core.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mmsim run FILE... --policy ID [--trace]}: parses every file first (any diagnostic: status
 * 2, nothing runs), then runs each under the policy and prints a verdict line per file, with the
 * failed expectations, violations and error under it. Status 0 when every run passes, 1 otherwise.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run scenarios under one policy.",
        footer = {"", "Exit status: 0 every run passed; 1 a run failed or could not run; 2 usage, parse or "
                + "plugin-loading error."})
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "Scenario files (.mms); a directory means every .mms file below it, - standard input.")
    List<Path> files;

    @Option(names = "--policy", required = true, paramLabel = "ID", description = "The policy to run under.")
    String policy;

    @Option(names = "--trace", description = "Print every statement, its outcome, the faults taken (with their "
            + "flags), each decision with its inputs and rule, and every state change, before each verdict; "
            + "with --format json, each result gets its \"trace\".")
    boolean trace;

    @Option(names = "--state", paramLabel = "LINE", description = "Print the whole machine after the statement on "
            + "LINE of the one scenario given (processes and page tables, frames, swap, files, handles).")
    Integer stateLine;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json (the compare JSON object, one policy); with --state also dot "
                    + "(the machine as a Graphviz graph) and svg (drawn by mmsim).")
    String format;

    @Option(names = "--output", paramLabel = "FILE", description = "With --format json: write there instead of "
            + "standard output (- is standard output).")
    Path output;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = Options.DEFAULT_TIMEOUT,
            description = "Longest time one run may take (default: ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Mixin
    LimitOptions limits;

    @Override
    public Integer call() {
        String f = format.toLowerCase(Locale.ROOT);
        boolean drawing = f.equals("dot") || f.equals("svg");
        if (!f.equals("text") && !f.equals("json") && !(drawing && stateLine != null)) {
            throw CliException.usage("--format: expected text or json" + (stateLine != null ? ", dot or svg" : "")
                    + " but was '" + format + "'" + (drawing ? " (" + f + " draws a --state)" : ""));
        }
        boolean json = f.equals("json");
        if (output != null && f.equals("text")) {
            throw CliException.usage("--output needs --format json" + (stateLine != null ? ", dot or svg" : ""));
        }
        Duration timeout = Options.timeout(timeoutSeconds);
        List<Scenario> scenarios = ScenarioFiles.parseAll(ScenarioFiles.expand(files), main.in, main.err);
        if (stateLine != null) {
            if (trace) {
                throw CliException.usage("--state and --trace: choose one");
            }
            return new StateDump(main, f, output).print(scenarios, stateLine, policy, limits.limits(), timeout);
        }
        Main.Session session = main.session(limits.limits());
        LoadedPolicy chosen = trace ? Options.simulated(policy, session, "--trace") : Options.policy(policy, session);
        OptionalInt elsewhere = Delegation.forExtensions(main, List.of(chosen), session.catalog().extensions().invariants());
        if (elsewhere.isPresent()) {
            return elsewhere.getAsInt();
        }
        Comparison comparison = session.get(Comparison.class);
        ComparisonResult result = comparison.compare(scenarios, List.of(chosen), timeout, trace, r -> {
            if (!json) {
                print(r);
            }
        });
        if (json) {
            Output.write(output, main.out, w -> BuiltinFormat.JSON.write(result, w));
        } else if (scenarios.size() > 1) {
            main.out.println(summary(result, chosen.id()));
        }
        main.out.flush();
        boolean allPass = result.results().stream().allMatch(r -> r.verdict() == RunResult.Verdict.PASS);
        return allPass ? Main.EXIT_OK : Main.EXIT_FAILED;
    }

    private void print(RunResult r) {
        for (TraceEvent e : r.trace()) {
            main.out.println(e.indented());
        }
        main.out.println(RunText.verdictLine(r));
        for (String line : RunText.details(r)) {
            main.out.println(line);
        }
        main.out.flush();
    }

    static String summary(ComparisonResult result, String policy) {
        return result.scenarios().size() + " scenarios under " + policy + ": "
                + result.count(0, RunResult.Verdict.PASS) + " pass, "
                + result.count(0, RunResult.Verdict.FAIL) + " fail, "
                + result.count(0, RunResult.Verdict.ERROR) + " error";
    }
}
