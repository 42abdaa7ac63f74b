package org.mmsim.core.scenario;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A scenario file was rejected: one or more {@link Diagnostic}s, in file order.
 * {@link #getMessage()} is the diagnostics, one per line, ready to print; the exception carries
 * no stack trace (it describes the user's input, not a bug).
 */
public final class ScenarioException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<Diagnostic> diagnostics;

    public ScenarioException(List<Diagnostic> diagnostics) {
        super(join(diagnostics), null, false, false);
        this.diagnostics = List.copyOf(diagnostics);
    }

    private static String join(List<Diagnostic> diagnostics) {
        if (diagnostics.isEmpty()) {
            throw new IllegalArgumentException("a ScenarioException needs at least one diagnostic");
        }
        return diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("\n"));
    }

    /** The problems found, in file order (never empty). */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
