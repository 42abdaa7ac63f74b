package org.mmsim.core.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.report.HtmlReport;
import org.mmsim.core.run.Comparison;
import org.mmsim.core.run.ComparisonResult;
import org.mmsim.core.scenario.Scenario;
import org.mmsim.core.scenario.ScenarioException;
import org.mmsim.core.scenario.ScenarioParser;

/**
 * {@code explore --html FILE} and {@code diff --html FILE}: the findings as a page, each found
 * scenario replayed under the policy (or both policies) with the machine drawn after every step; it
 * opens on the first finding (for a diff, both policies side by side at the first difference).
 */
final class FindingsPage {
    private final Path file;
    private final List<Scenario> found = new ArrayList<>();
    private HtmlReport report;
    private ComparisonResult result;

    private FindingsPage(Path file) {
        this.file = file;
    }

    /** A page to write to {@code file}, or null when there is none to write. */
    static FindingsPage to(Path file) {
        return file == null ? null : new FindingsPage(file);
    }

    /** A finding: the scenario's text as printed, named as {@code --out} would name its file. */
    synchronized void add(String name, String text) {
        try {
            found.add(ScenarioParser.parse(name, text.getBytes(StandardCharsets.UTF_8)));
        } catch (ScenarioException e) { // mmsim wrote it: a bug, said plainly
            throw new IllegalStateException("a found scenario does not parse: " + e.getMessage(), e);
        }
    }

    /** Scenarios the user gave ({@code diff A B FILE... --html}). */
    synchronized void addAll(List<Scenario> scenarios) {
        found.addAll(scenarios);
    }

    /**
     * Replays the findings under {@code policies}, drawing every step (a run's {@code timeout} as in
     * {@code compare}), and returns their results; {@link #write(Main)} then writes the page. With
     * two policies the page opens them side by side.
     */
    ComparisonResult replay(String title, String summary, List<LoadedPolicy> policies, Comparison comparison,
                            Duration timeout) {
        report = new HtmlReport(new HtmlReport.Page(title, summary, found.isEmpty() ? ""
                : policies.size() == 2 ? "pair-0-1" : "run-0"), found, policies);
        result = comparison.compare(found, policies, timeout, true, report::observer, r -> {
            report.add(r);
            return r; // diff FILE... prints the traces
        });
        return result;
    }

    /** Writes the page of the last {@link #replay} and says where. */
    void write(Main main) {
        Output.write(file, main.out, w -> report.write(result, false, w));
        if (!file.toString().equals(ScenarioFiles.STANDARD_STREAM)) {
            main.out.println("findings drawn in " + file);
        }
    }

    /** A search's findings: {@link #replay} with compare's default run timeout, then {@link #write(Main)}. */
    void write(Main main, String title, String summary, List<LoadedPolicy> policies, Comparison comparison) {
        replay(title, summary, policies, comparison, Options.timeout(Double.parseDouble(Options.DEFAULT_TIMEOUT)));
        write(main);
    }
}
