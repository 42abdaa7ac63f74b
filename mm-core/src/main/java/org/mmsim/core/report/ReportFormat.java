package org.mmsim.core.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import org.mmsim.core.run.ComparisonResult;

/** The output formats of {@code mmsim compare} ({@code --format}). */
public enum ReportFormat {
    /** A terminal table: rows are scenarios, columns policies. */
    TABLE(new TableReport()),
    /** The JSON object of the scenario-language spec. */
    JSON(new JsonReport()),
    /** A GitHub-flavoured Markdown table with a legend. */
    MARKDOWN(new MarkdownReport()),
    /** JUnit XML: one test suite per policy, one test case per scenario. */
    JUNIT(new JunitReport()),
    /**
     * A self-contained HTML page: the matrix, and each run step by step. Written here from the results
     * alone (no diagrams); {@code compare --format html} also draws the machine after every step.
     */
    HTML((result, options, out) -> new HtmlReport(HtmlReport.Page.compare("mmsim compare"), result.scenarios(),
            result.policies()).write(result, options.groupByTag(), out));

    private final ReportWriter writer;

    ReportFormat(ReportWriter writer) {
        this.writer = writer;
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

    /** Parses a command-line name (case-insensitive). */
    public static ReportFormat parse(String s) {
        for (ReportFormat f : values()) {
            if (f.cliName().equalsIgnoreCase(s)) {
                return f;
            }
        }
        throw new IllegalArgumentException("expected one of table, json, markdown, junit, html but was '" + s + "'");
    }
}
