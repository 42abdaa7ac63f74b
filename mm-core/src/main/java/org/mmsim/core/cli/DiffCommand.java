package org.mmsim.core.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mmsim.api.Policy;
import org.mmsim.core.explore.DiffTarget;
import org.mmsim.core.explore.Explorer;
import org.mmsim.core.explore.Findings;
import org.mmsim.core.explore.Universe;
import org.mmsim.core.mm.FlagRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mmsim diff A B [universe options] [--out DIR]}: the shortest scenario that tells two policies apart. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Find the shortest statement sequence whose outcomes differ between two policies.",
        footer = {"", "Exit status: 0 no difference found; 1 a difference; 2 usage or plugin error."})
final class DiffCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "A", description = "A policy id.")
    String a;

    @Parameters(index = "1", paramLabel = "B", description = "Another policy id.")
    String b;

    @Mixin
    UniverseOptions options;

    @Override
    public Integer call() {
        Universe universe = options.universe();
        Main.Session session = main.session();
        Policy pa = Options.policy(a, session).policy();
        Policy pb = Options.policy(b, session).policy();
        FlagRegistry flags = session.get(FlagRegistry.class);
        Path out = options.out();
        Findings findings = new Findings(universe, flags);
        // the search stops at the level of the first difference: one is enough
        Explorer.Listener print = f -> Searches.print(main.out,
                pa.id() + " and " + pb.id() + " differ after " + f.path().length + " statement(s):",
                findings.difference(pa, pb, f.path()), out, "diff-" + pa.id() + "-" + pb.id() + ".mms");
        return Searches.search(main, options, universe, new DiffTarget(pa, pb, flags, universe), 1, print,
                this::report);
    }

    /** What is left to say once the difference, if any, is printed. */
    private int report(Explorer.Result r) {
        if (!r.findings().isEmpty()) {
            main.out.println(r.summary());
            return Main.EXIT_FAILED;
        }
        if (r.stopReason() != null) {
            main.out.println("stopped early: " + r.stopReason());
        }
        main.out.println(r.summary());
        main.out.println("no difference up to depth " + r.depth() + " (" + r.distinct() + " states)");
        return Main.EXIT_OK;
    }
}
