package org.mmsim.core.cli;

import java.util.ArrayList;
import java.util.List;
import org.mmsim.core.explore.Reductions;
import picocli.CommandLine.Option;

/** The explorer's reductions on the command line: {@code explore}, {@code diff} and {@code bench explore}. */
final class ReductionOptions {
    @Option(names = "--symmetry", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Count states that differ only in handle names, process names"
                    + " or (base pages) page order once (default: on; --no-symmetry turns it off).")
    boolean symmetry;

    @Option(names = "--skip", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Count moves that cannot change the state without running them (default: on).")
    boolean skip;

    @Option(names = "--sleep-sets", negatable = true, defaultValue = "false", fallbackValue = "true",
            description = "explore: partial-order reduction, do not retry a read or write that commutes with a"
                    + " move already tried (default: off; it saves under 1%% of the moves). diff tries every move.")
    boolean sleepSets;

    Reductions reductions() {
        return new Reductions(symmetry, skip, sleepSets);
    }

    /** Whether any differs from its default. */
    boolean changed() {
        return !reductions().equals(Reductions.DEFAULT);
    }

    /** The options that give these reductions again (for a forked JVM). */
    List<String> args() {
        List<String> a = new ArrayList<>();
        if (!symmetry) {
            a.add("--no-symmetry");
        }
        if (!skip) {
            a.add("--no-skip");
        }
        if (sleepSets) {
            a.add("--sleep-sets");
        }
        return a;
    }
}
