package org.mmsim.core.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import org.mmsim.core.run.ComparisonResult;

/**
 * The output formats mmsim ships, contributed to {@code compare --format} by {@link BuiltinFormats};
 * {@code run} writes its JSON with {@link #JSON} directly.
 */
public enum BuiltinFormat {
    /** A terminal table: rows are scenarios, columns policies. */
    TABLE("a terminal table: rows are scenarios, columns policies", new TableReport()),
    /** The JSON object of the scenario-language spec. */
    JSON("the JSON object of the scenario-language spec", new JsonReport()),
    /** A GitHub-flavoured Markdown table with a legend. */
    MARKDOWN("a GitHub-flavoured Markdown table with a legend", new MarkdownReport()),
    /** JUnit XML: one test suite per policy, one test case per scenario. */
    JUNIT("JUnit XML: one test suite per policy, one test case per scenario", new JunitReport()),
    /**
     * A self-contained HTML page: the matrix, and each run step by step. Written here from the results
     * alone (no diagrams); {@code compare --format html} also draws the machine after every step.
     */
    HTML("a self-contained HTML page: the matrix, and each run step by step", (result, options, out) -> new HtmlReport(HtmlReport.Page.compare("mmsim compare"), result.scenarios(),
            result.policies()).write(result, options.groupByTag(), out));

    private final String description;
    private final ReportWriter writer;

    BuiltinFormat(String description, ReportWriter writer) {
        this.description = description;
        this.writer = writer;
    }

    /** One line saying what the format is for. */
    public String description() {
        return description;
    }

    /** Writes {@code result} with {@link ReportOptions#PLAIN}. */
    public void write(ComparisonResult result, Writer out) throws IOException {
        write(result, ReportOptions.PLAIN, out);
    }

    public void write(ComparisonResult result, ReportOptions options, Writer out) throws IOException {
        writer.write(result, options, out);
    }

    /** The name used on the command line: {@code table}, {@code json}, {@code markdown}, {@code junit}, {@code html}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The bundled format a command-line name (case-insensitive) means, if it is one. */
    public static java.util.Optional<BuiltinFormat> find(String name) {
        for (BuiltinFormat f : values()) {
            if (f.cliName().equalsIgnoreCase(name)) {
                return java.util.Optional.of(f);
            }
        }
        return java.util.Optional.empty();
    }
}
