package org.mmsim.core.cli;

import org.mmsim.core.mm.Limits;
import picocli.CommandLine.Option;

/**
 * {@code --max-processes N --max-handles N --max-frames N} of {@code run} and {@code compare}: the
 * {@link Limits} each run's machine gets. A run that goes past one ends in {@code error} with a
 * message naming the limit ("process limit reached (N)", ...); the other runs go on.
 */
final class LimitOptions {
    /** The defaults, as picocli needs them (constants); equal to {@link Limits#DEFAULT} (a test checks). */
    static final String DEFAULT_MAX_PROCESSES = "4096";
    static final String DEFAULT_MAX_HANDLES = "65536";
    static final String DEFAULT_MAX_FRAMES = "67108864";

    @Option(names = "--max-processes", paramLabel = "N", defaultValue = DEFAULT_MAX_PROCESSES,
            description = "Most processes one run may create, exited ones included (default: ${DEFAULT-VALUE}).")
    int maxProcesses;

    @Option(names = "--max-handles", paramLabel = "N", defaultValue = DEFAULT_MAX_HANDLES,
            description = "Most pins and references one run may hold at once (default: ${DEFAULT-VALUE}).")
    int maxHandles;

    @Option(names = "--max-frames", paramLabel = "N", defaultValue = DEFAULT_MAX_FRAMES,
            description = "Most page frames one run may have allocated at once, page cache included "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxFrames;

    /** The limits asked for; status 2 when one is not a positive number. */
    Limits limits() {
        positive("--max-processes", maxProcesses);
        positive("--max-handles", maxHandles);
        positive("--max-frames", maxFrames);
        return new Limits(maxProcesses, maxHandles, maxFrames);
    }

    private static void positive(String option, int value) {
        if (value < 1) {
            throw CliException.usage(option + " must be at least 1, not " + value);
        }
    }
}
