package org.mmsim.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.io.Writer;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * An output format of {@code mmsim compare --format NAME}: writes a comparison (every scenario
 * under every policy) as text. The bundled formats ({@code table}, {@code json}, {@code markdown},
 * {@code junit}, {@code html}) are contributed through the same extension point.
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public interface ReportFormat {
    /** What {@link #name()} must look like. */
    Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    /** The name {@code --format} takes, e.g. {@code tap}; unique among all formats. */
    String name();

    /** One line saying what the format is for. */
    String description();

    /** Writes {@code comparison} to {@code out} (the caller flushes and closes it). */
    void write(ComparisonView comparison, Writer out) throws IOException;
}
