package org.mmsim.core.cli;

import java.util.concurrent.Callable;
import org.mmsim.api.Policy;
import org.mmsim.core.explore.Explorer;
import org.mmsim.core.explore.Findings;
import org.mmsim.core.explore.InvariantTarget;
import org.mmsim.core.explore.Universe;
import org.mmsim.core.mm.FlagRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mmsim explore --policy ID [universe options] [--out DIR]}: breadth-first search for the
 * shortest statement sequence that breaks each invariant under one policy.
 */
@Command(name = "explore", mixinStandardHelpOptions = true,
        description = "Search every statement sequence up to a depth for invariant violations under one policy.",
        footer = {"", "Exit status: 0 no violation found; 1 at least one; 2 usage or plugin error."})
final class ExploreCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--policy", required = true, paramLabel = "ID", description = "The policy to explore.")
    String policy;

    @Mixin
    UniverseOptions options;

    @Override
    public Integer call() {
        Universe universe = options.universe();
        Main.Session session = main.session();
        Policy p = Options.policy(policy, session).policy();
        FlagRegistry flags = session.get(FlagRegistry.class);
        Explorer explorer = new Explorer(universe, options.maxStates, options.threads());
        try (Searches.CtrlC ctrlC = new Searches.CtrlC(explorer, main.out)) {
            return report(explorer.run(new InvariantTarget(p, flags, universe)), p, flags, universe);
        }
    }

    private int report(Explorer.Result r, Policy p, FlagRegistry flags, Universe universe) {
        Findings findings = new Findings(universe, flags);
        int found = 0;
        for (int k = 0; k < InvariantTarget.KINDS.size(); k++) {
            int[] path = r.first(k);
            if (path == null) {
                continue;
            }
            found++;
            String kind = InvariantTarget.KINDS.get(k);
            String text = findings.counterexample(p, path, kind);
            main.out.println(kind + " under " + p.id() + ": " + path.length + " statement(s)");
            text.lines().filter(l -> !l.startsWith("#")).forEach(l -> main.out.println("  " + l));
            Searches.write(options.out, kind + "-" + p.id() + ".mms", text, main.out);
        }
        if (found == 0) {
            main.out.println("no violation under " + p.id() + " up to depth " + r.depth());
        }
        if (r.stopReason() != null) {
            main.out.println("stopped early: " + r.stopReason());
        }
        main.out.println(r.summary());
        return found == 0 ? Main.EXIT_OK : Main.EXIT_FAILED;
    }
}
