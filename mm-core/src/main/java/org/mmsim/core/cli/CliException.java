package org.mmsim.core.cli;

/**
 * A condition the CLI reports in one line ({@code mmsim: message}) and turns into an exit status.
 * Carries no stack trace: it describes the user's input or environment, not a bug.
 */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /** @param message the line to print after {@code mmsim: }, or null to print nothing more */
    CliException(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** A usage, parse or plugin-loading error: exit status 2. */
    static CliException usage(String message) {
        return new CliException(message, Main.EXIT_USAGE);
    }

    int exitCode() {
        return exitCode;
    }
}
