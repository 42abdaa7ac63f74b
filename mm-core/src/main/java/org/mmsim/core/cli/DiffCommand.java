package org.mmsim.core.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.mmsim.api.Policy;
import org.mmsim.core.explore.DiffTarget;
import org.mmsim.core.explore.Explorer;
import org.mmsim.core.explore.Findings;
import org.mmsim.core.explore.Universe;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.run.Comparison;
import org.mmsim.core.run.ComparisonResult;
import org.mmsim.core.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mmsim diff A B [universe options] [--out DIR]}: the shortest scenario that tells two policies
 * apart; {@code mmsim diff A B FILE...}: where they part on the user's own scenarios.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Find the shortest statement sequence whose outcomes differ between two policies;",
            "with FILEs, show the first statement of each where their outcomes or decisions differ."},
        footer = {"", "Exit status: 0 no difference found; 1 a difference; 2 usage, parse or plugin error."})
final class DiffCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "A", description = "A policy id.")
    String a;

    @Parameters(index = "1", paramLabel = "B", description = "Another policy id.")
    String b;

    @Parameters(index = "2..*", arity = "0..*", paramLabel = "FILE",
            description = "Scenario files (.mms, - for standard input) or directories to compare the two policies on, "
                    + "instead of searching.")
    List<Path> files;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "With FILEs: longest time one run may take (default: " + Options.DEFAULT_TIMEOUT + "); "
                    + "without: longest time the search may take (default: " + Options.DEFAULT_COMMAND_TIMEOUT + ").")
    Double timeoutSeconds;

    @Mixin
    UniverseOptions options;

    @Override
    public Integer call() {
        if (files != null && !files.isEmpty()) {
            Duration timeout = Options.timeout(timeoutSeconds != null ? timeoutSeconds
                    : Double.parseDouble(Options.DEFAULT_TIMEOUT));
            List<Scenario> scenarios = ScenarioFiles.parseAll(ScenarioFiles.expand(files), main.in, main.err);
            Main.Session session = main.session();
            LoadedPolicy la = Options.policy(a, session);
            LoadedPolicy lb = Options.policy(b, session);
            OptionalInt elsewhere = Delegation.forExtensions(main, List.of(la, lb),
                    session.catalog().extensions().invariants());
            if (elsewhere.isPresent()) {
                return elsewhere.getAsInt();
            }
            Comparison comparison = session.get(Comparison.class);
            FindingsPage page = FindingsPage.to(options.html);
            ComparisonResult result;
            if (page != null) { // the user's scenarios, run once, drawn side by side
                page.addAll(scenarios);
                result = page.replay("mmsim diff " + la.id() + " " + lb.id(), scenarios.size() + " scenario(s)",
                        List.of(la, lb), comparison, timeout);
            } else {
                result = comparison.compare(scenarios, List.of(la, lb), timeout, true, r -> { });
            }
            int status = ScenarioDiffs.print(scenarios, la, lb, result, main.out);
            if (page != null) {
                page.write(main);
            }
            return status;
        }
        Universe universe = options.universe();
        Duration deadline = Options.timeout(timeoutSeconds != null ? timeoutSeconds
                : Double.parseDouble(Options.DEFAULT_COMMAND_TIMEOUT));
        Main.Session session = main.session();
        LoadedPolicy la = Options.simulated(a, session, "diff without scenario files");
        LoadedPolicy lb = Options.simulated(b, session, "diff without scenario files");
        if (options.cluster.on()) {
            Clusters.inProcess(la);
            Clusters.inProcess(lb);
        }
        OptionalInt delegated = Delegation.ifIsolated(main, deadline, List.of(la, lb));
        if (delegated.isPresent()) {
            return delegated.getAsInt();
        }
        Policy pa = la.policy();
        Policy pb = lb.policy();
        FlagRegistry flags = session.get(FlagRegistry.class);
        Path out = options.out();
        Findings findings = new Findings(universe, flags);
        FindingsPage page = FindingsPage.to(options.html);
        // the search stops at the level of the first difference: one is enough
        Explorer.Listener print = f -> {
            String name = "diff-" + la.fileNameId() + "-" + lb.fileNameId() + ".mms";
            String text = findings.difference(pa, la.id(), pb, lb.id(), f.path());
            Searches.print(main.out, la.id() + " and " + lb.id() + " differ after " + f.path().length
                    + " statement(s):", text, out, name);
            if (page != null) {
                page.add(name, text);
            }
        };
        return Searches.search(main, options, universe,
                new DiffTarget(pa, pb, flags, universe, options.reductions()), 1, print,
                r -> report(r, page, la, lb, session), deadline, "diff", List.of(la.qualifiedId(), lb.qualifiedId()),
                session);
    }

    /** What is left to say once the difference, if any, is printed; then the page of it, if asked for. */
    private int report(Explorer.Result r, FindingsPage page, LoadedPolicy la, LoadedPolicy lb, Main.Session session) {
        if (r.findings().isEmpty()) {
            if (r.stopReason() != null) {
                main.out.println("stopped early: " + r.stopReason());
            }
            main.out.println(r.summary());
            main.out.println("no difference up to depth " + r.depth() + " (" + r.distinct() + " states)");
        } else {
            main.out.println(r.summary());
        }
        if (page != null) {
            page.write(main, "mmsim diff " + la.id() + " " + lb.id() + (r.findings().isEmpty() ? ": no difference"
                    : ": a difference"), r.summary(), List.of(la, lb), session.get(Comparison.class));
        }
        return r.findings().isEmpty() ? Main.EXIT_OK : Main.EXIT_FAILED;
    }
}
