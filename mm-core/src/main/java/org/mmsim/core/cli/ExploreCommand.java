package org.mmsim.core.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.mmsim.api.Policy;
import org.mmsim.core.explore.Explorer;
import org.mmsim.core.explore.Findings;
import org.mmsim.core.explore.InvariantTarget;
import org.mmsim.core.explore.Universe;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.run.Comparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mmsim explore --policy ID [universe options] [--out DIR] [--max-findings N]}: breadth-first
 * search for the shortest statement sequences that break each invariant under one policy.
 */
@Command(name = "explore", mixinStandardHelpOptions = true,
        description = "Search every statement sequence up to a depth for invariant violations under one policy.",
        footer = {"", "Exit status: 0 no violation found; 1 at least one; 2 usage or plugin error."})
final class ExploreCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--policy", required = true, paramLabel = "ID", description = "The policy to explore.")
    String policy;

    @Option(names = "--max-findings", paramLabel = "N", defaultValue = "1",
            description = "Counterexamples to keep per invariant, shortest first (default ${DEFAULT-VALUE}); "
                    + "the second is written to DIR/<invariant>-<policy>-2.mms, and so on.")
    int maxFindings;

    @Mixin
    UniverseOptions options;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = Options.DEFAULT_COMMAND_TIMEOUT,
            description = "Longest time the search may take (default: ${DEFAULT-VALUE}); it then stops, prints what "
                    + "it found and says so.")
    double timeoutSeconds;

    @Override
    public Integer call() {
        Universe universe = options.universe();
        if (maxFindings < 1 || maxFindings > 1000) {
            throw CliException.usage("--max-findings must be 1 to 1000");
        }
        Duration deadline = Options.timeout(timeoutSeconds);
        Main.Session session = main.session();
        LoadedPolicy lp = Options.simulated(policy, session, "explore");
        if (options.cluster.on()) {
            Clusters.inProcess(lp);
        }
        OptionalInt delegated = Delegation.ifIsolated(main, deadline, List.of(lp));
        if (delegated.isPresent()) {
            return delegated.getAsInt();
        }
        Policy p = lp.policy();
        FlagRegistry flags = session.get(FlagRegistry.class);
        Path out = options.out();
        Findings findings = new Findings(universe, flags);
        FindingsPage page = FindingsPage.to(options.html);
        Explorer.Listener print = f -> {
            String kind = InvariantTarget.KINDS.get(f.kind());
            String nth = f.number() == 1 ? "" : " #" + f.number();
            String name = kind + "-" + lp.fileNameId() + (f.number() == 1 ? "" : "-" + f.number()) + ".mms";
            String text = findings.counterexample(p, lp.id(), f.path(), kind);
            Searches.print(main.out, kind + " under " + lp.id() + nth + ": " + f.path().length + " statement(s)",
                    text, out, name);
            if (page != null) {
                page.add(name, text);
            }
        };
        return Searches.search(main, options, universe,
                new InvariantTarget(p, flags, universe, options.reductions()), maxFindings, print,
                r -> report(r, lp, page, session), deadline, "explore", List.of(lp.qualifiedId()), session);
    }

    /** What is left to say once the findings are printed; then the page of them, if asked for. */
    private int report(Explorer.Result r, LoadedPolicy p, FindingsPage page, Main.Session session) {
        if (r.findings().isEmpty()) {
            main.out.println("no violation under " + p.id() + " up to depth " + r.depth());
        }
        if (r.stopReason() != null) {
            main.out.println("stopped early: " + r.stopReason());
        }
        main.out.println(r.summary());
        if (page != null) {
            page.write(main, "mmsim explore --policy " + p.id() + ": " + r.findings().size() + " finding"
                    + (r.findings().size() == 1 ? "" : "s"), r.summary(), List.of(p), session.get(Comparison.class));
        }
        return r.findings().isEmpty() ? Main.EXIT_OK : Main.EXIT_FAILED;
    }
}
