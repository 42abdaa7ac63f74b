package org.mmsim.core.scenario;

import java.io.Serializable;
import java.util.Objects;

/**
 * One problem found in a scenario file.
 *
 * @param file    the file name as given (as the user typed it)
 * @param line    1-based line number
 * @param column  1-based column, counted in characters (Unicode code points)
 * @param message a short, specific description
 */
public record Diagnostic(String file, int line, int column, String message) implements Serializable {
    public Diagnostic {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    /** {@code FILE:LINE:COLUMN: message}, the form the CLI prints. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
