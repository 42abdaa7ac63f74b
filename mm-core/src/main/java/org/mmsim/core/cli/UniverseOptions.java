package org.mmsim.core.cli;

import org.mmsim.core.scenario.Sizes;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.mmsim.core.explore.Universe;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The universe and search options shared by {@code explore} and {@code diff}. */
final class UniverseOptions {
    @Option(names = "--processes", paramLabel = "N", defaultValue = "2",
            description = "Processes that may exist (p0 is spawned; fork creates the others; default ${DEFAULT-VALUE}).")
    int processes;

    @Option(names = "--pages", paramLabel = "N", defaultValue = "2",
            description = "Pages of the anonymous region buf, and of each file (default ${DEFAULT-VALUE}).")
    int pages;

    @Option(names = "--files", paramLabel = "N", defaultValue = "0",
            description = "Files f0.. mapped private in p0 as m0.. (default ${DEFAULT-VALUE}).")
    int files;

    @Option(names = "--thp", paramLabel = "SIZE",
            description = "Back the anonymous region with THPs of this size (16K to 2M, set to always; the region"
                    + " grows to one THP, the moves still name its first --pages pages).")
    String thp;

    @Option(names = "--handles", paramLabel = "N", defaultValue = "2", hidden = true)
    int handles;

    @Option(names = "--depth", paramLabel = "D", defaultValue = "6",
            description = "Longest statement sequence after the prelude (default ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--statements", paramLabel = "LIST", split = ",",
            description = "Statement keywords to try (default: write,read,fork,exit,munmap,mprotect,madvise,pin,"
                    + "vmsplice,peek,poke,release,fwrite, and with --thp folio,same; also get, iouring).")
    Set<String> statements;

    @Option(names = "--max-states", paramLabel = "S", defaultValue = "5000000",
            description = "Stop after this many distinct states (default ${DEFAULT-VALUE}).")
    long maxStates;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: the number of cores).")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", description = "Write the scenarios found into DIR (created if missing).")
    Path out;

    @Option(names = "--html", paramLabel = "FILE", description = "Also draw the findings in one HTML page: each "
            + "found scenario step by step, with the machine after every step (- is standard output).")
    Path html;

    @Mixin
    ReductionOptions reductionOptions = new ReductionOptions();

    @Mixin
    ClusterOptions cluster = new ClusterOptions();

    @Option(names = "--progress", negatable = true,
            description = "A progress line on stderr every 5 s (default: on when stderr is a terminal).")
    Boolean progress;

    Universe universe() {
        if (maxStates < 1 || maxStates > 500_000_000L) {
            throw CliException.usage("--max-states must be 1 to 500000000");
        }
        try {
            return new Universe(processes, pages, files, handles, depth,
                    statements != null ? new LinkedHashSet<>(statements)
                            : thp != null ? Universe.THP_DEFAULT : Universe.DEFAULT, thpPages());
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    /** The --thp size in pages, 0 without it. */
    private int thpPages() {
        if (thp == null) {
            return 0;
        }
        long pages = Sizes.THP.contains(thp) ? Sizes.pages(thp) : -1;
        if (pages < 0) {
            throw CliException.usage("--thp " + thp + ": not a THP size (" + String.join(" ", Sizes.THP) + ")");
        }
        return (int) pages;
    }

    org.mmsim.core.explore.Reductions reductions() {
        return reductionOptions.reductions();
    }

    int threads() {
        return threads(threads, "");
    }

    /** The worker threads asked for, or one per core; {@code command} prefixes the error ("bench: "). */
    static int threads(Integer asked, String command) {
        int t = asked == null ? Runtime.getRuntime().availableProcessors() : asked;
        if (t < 1 || t > 256) {
            throw CliException.usage(command + "--threads must be 1 to 256");
        }
        return t;
    }

    /** Whether to print the progress line: as asked, else when the launcher says stderr is a terminal. */
    boolean progress(UnaryOperator<String> env) {
        return progress != null ? progress : "1".equals(env.apply(ProgressLine.TERMINAL_VARIABLE));
    }

    /**
     * The --out directory, or null: created when missing, checked before any search work so that
     * a finding can be written the moment it is known.
     */
    Path out() {
        if (out == null) {
            return null;
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw CliException.usage("--out " + out + ": not a directory");
        }
        try {
            Files.createDirectories(out);
        } catch (FileAlreadyExistsException e) {
            throw CliException.usage("--out " + out + ": not a directory"); // a dangling link
        } catch (IOException e) {
            throw CliException.usage("--out " + out + ": " + Output.reason(e));
        }
        if (!Files.isWritable(out)) {
            throw CliException.usage("--out " + out + ": not writable");
        }
        return out;
    }
}
