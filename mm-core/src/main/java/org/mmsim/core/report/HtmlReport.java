package org.mmsim.core.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.mmsim.core.mm.TraceEvent;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.report.Drawing.Arrow;
import org.mmsim.core.report.Drawing.Box;
import org.mmsim.core.run.ComparisonResult;
import org.mmsim.core.run.RunResult;
import org.mmsim.core.run.StepObserver;
import org.mmsim.core.scenario.Scenario;
import org.mmsim.core.scenario.Statement;

/**
 * {@code --format html}: one self-contained page (inline CSS, script and data; a Content Security
 * Policy that forbids every request). The matrix is plain HTML, painted before any script runs;
 * each cell's run (its steps, outcomes, trace, and a {@link Drawing} of the machine after each step)
 * is packed as gzip and base64 and unpacked by the page's script only when the cell is opened, so
 * a report of thousands of runs opens at once.
 *
 * <p>Use: ask the comparison for one {@link #observer} per run (it keeps the run's drawings), hand
 * each result to {@link #add} as it comes in order (it packs the run and lets the drawings go), then
 * {@link #write} the page.
 */
public final class HtmlReport {
    /** What the page is: a comparison, an explorer's findings, or a diff between two policies. */
    public record Page(String title, String subtitle, String open) {
        /** A compare report: the matrix, nothing opened. */
        public static Page compare(String title) {
            return new Page(title, "", "");
        }
    }

    private final Page page;
    /** Each run's drawings, packed by its observer as they come, in the comparison's scenario × policy order. */
    private final List<Pictures> pictures = new ArrayList<>();
    private final List<String> packed = new ArrayList<>();
    private final List<String> packedPictures = new ArrayList<>();
    private final List<Scenario> scenarios;
    private final List<LoadedPolicy> policies;

    public HtmlReport(Page page, List<Scenario> scenarios, List<LoadedPolicy> policies) {
        this.page = page;
        this.scenarios = List.copyOf(scenarios);
        this.policies = List.copyOf(policies);
    }

    /**
     * The observer of the next run: the comparison asks for them in scenario × policy order (as
     * {@link org.mmsim.core.run.Comparison} does) and each keeps its run's drawings.
     */
    public synchronized StepObserver observer(Scenario s, LoadedPolicy p) {
        Pictures mine = new Pictures();
        pictures.add(mine);
        return (statement, outcome, state) -> mine.add(StateDrawing.of(state.get(), StateDrawing.title(s.file(),
                statement.line(), p.id(), statement.text(), outcome)));
    }

    /**
     * The next result in order: packed now, so that only compressed runs stay in memory; returns it
     * without its trace, which the page now carries (what the comparison need keep).
     */
    public synchronized RunResult add(RunResult r) {
        int k = packed.size();
        packed.add(pack(detail(scenarios.get(k / policies.size()), r)));
        packedPictures.add(k < pictures.size() ? pictures.set(k, null).finish() : new Pictures().finish());
        return r.withoutTrace();
    }

    /**
     * One run's drawings as a JSON array, packed on the run's own thread step by step (so drawing
     * and packing go on in parallel, and a step's drawing is garbage at once).
     */
    private static final class Pictures {
        private final Packed packed = new Packed();
        private final StringBuilder sb = new StringBuilder(4096);
        private boolean first = true;
        /** A run given up for its timeout may go on drawing after its result is in: those steps are dropped. */
        private boolean finished;

        synchronized void add(Drawing d) {
            if (finished) {
                return;
            }
            sb.setLength(0);
            sb.append(first ? "[" : ",");
            first = false;
            Json.value(drawing(d), sb);
            packed.write(sb);
        }

        synchronized String finish() {
            finished = true;
            packed.write(first ? "[]" : "]");
            return packed.finish();
        }
    }

    /** Text packed as gzip, then base64 for a script element, written piece by piece. */
    private static final class Packed {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        private final GZIPOutputStream gz;

        Packed() {
            try {
                gz = new GZIPOutputStream(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void write(CharSequence text) {
            try {
                gz.write(text.toString().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String finish() {
            try {
                gz.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Base64.getEncoder().encodeToString(bytes.toByteArray());
        }
    }

    /** The whole page. */
    public void write(ComparisonResult result, boolean groupByTag, Writer out) throws IOException {
        for (int k = packed.size(); k < result.results().size(); k++) {
            add(result.results().get(k)); // results not handed over as they came
        }
        StringBuilder sb = new StringBuilder(1 << 16);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        + "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(esc(page.title())).append("</title>\n<style>\n").append(resource("report.css"))
                .append("</style></head>\n<body>\n<header><h1>").append(esc(page.title())).append("</h1><p>")
                .append(esc(page.subtitle().isEmpty() ? summary(result) : page.subtitle())).append("</p>")
                .append(LEGEND).append("</header>\n<main>\n");
        matrix(result, groupByTag, sb);
        sb.append("<section id=\"run\" hidden></section>\n</main>\n");
        out.write(sb.toString());
        sb.setLength(0);
        Map<String, Object> data = new LinkedHashMap<>();
        List<Object> pols = new ArrayList<>();
        for (LoadedPolicy p : policies) {
            pols.add(ordered("id", p.id(), "summary", p.summary()));
        }
        data.put("policies", pols);
        List<Object> scens = new ArrayList<>();
        for (Scenario s : scenarios) {
            scens.add(ordered("title", s.title(), "file", s.file(), "tags", s.tags(), "xfail", s.expectedFailure()));
        }
        data.put("scenarios", scens);
        data.put("open", page.open());
        Json.value(data, sb);
        out.write("<script type=\"application/json\" id=\"mmsim-data\">" + scriptSafe(sb) + "</script>\n");
        for (int k = 0; k < packed.size(); k++) {
            out.write("<script type=\"application/octet-stream\" id=\"run-" + k + "\">" + packed.get(k) + "</script>\n"
                    + "<script type=\"application/octet-stream\" id=\"pic-" + k + "\">" + packedPictures.get(k)
                    + "</script>\n");
        }
        out.write("<script>\n" + resource("report.js") + "</script>\n</body></html>\n");
    }

    private static final String LEGEND = "<p class=\"legend\"><span class=\"v-pass\">pass</span> every expectation "
            + "held, no invariant broke <span class=\"v-fail\">fail</span> an expectation or an invariant did not hold "
            + "<span class=\"v-xfail\">xfail</span> a failure the scenario expects (tags xfail) "
            + "<span class=\"v-error\">error</span> the run could not finish <span class=\"v-unsupported\">"
            + "unsupported</span> passed, but the column could not perform some steps. Click a cell to see its run "
            + "step by step.</p>";

    private String summary(ComparisonResult result) {
        return result.scenarios().size() + (result.scenarios().size() == 1 ? " scenario" : " scenarios") + " under "
                + policies.size() + (policies.size() == 1 ? " policy" : " policies");
    }

    /** The matrix, grouped by tag or by directory; each cell a button that opens its run. */
    private void matrix(ComparisonResult result, boolean groupByTag, StringBuilder sb) {
        sb.append("<section id=\"matrix\"><div class=\"tools\"><input id=\"filter\" type=\"search\" "
                + "placeholder=\"filter scenarios\"> <label><input type=\"checkbox\" id=\"only-problems\"> only rows "
                + "with a failure or an error</label> <label><input type=\"checkbox\" id=\"only-disagree\"> only rows "
                + "where policies disagree</label></div>\n<table><thead><tr><th>scenario</th>");
        for (LoadedPolicy p : policies) {
            sb.append("<th title=\"").append(esc(p.summary())).append("\">").append(esc(p.id())).append("</th>");
        }
        sb.append("</tr></thead>\n");
        for (TagGroups.Group g : groupByTag ? TagGroups.of(scenarios, true) : byDirectory()) {
            sb.append("<tbody>");
            if (g.heading() != null) {
                sb.append("<tr class=\"group\"><th colspan=\"").append(policies.size() + 1).append("\">")
                        .append(esc(g.heading())).append("</th></tr>\n");
            }
            for (int s : g.scenarios()) {
                Scenario sc = scenarios.get(s);
                sb.append("<tr data-scenario=\"").append(s).append("\"><th class=\"title\" title=\"")
                        .append(esc(sc.file())).append("\">").append(esc(sc.title())).append("</th>");
                for (int p = 0; p < policies.size(); p++) {
                    RunResult r = result.cell(s, p);
                    String verdict = verdict(r, sc.expectedFailure());
                    VerdictCell cell = VerdictCell.of(r, sc.expectedFailure());
                    sb.append("<td class=\"v-").append(verdict).append("\"><button data-cell=\"")
                            .append(s * policies.size() + p).append("\" title=\"").append(esc(cell.text()))
                            .append("\">").append(esc(cell.head())).append("</button></td>");
                }
                sb.append("</tr>\n");
            }
            sb.append("</tbody>\n");
        }
        sb.append("</table></section>\n");
    }

    /** One group per directory of scenario files, in order of first appearance; none when there is one. */
    private List<TagGroups.Group> byDirectory() {
        Map<String, List<Integer>> dirs = new LinkedHashMap<>();
        for (int s = 0; s < scenarios.size(); s++) {
            Path parent = Path.of(scenarios.get(s).file()).getParent();
            dirs.computeIfAbsent(parent == null ? "." : parent.toString(), k -> new ArrayList<>()).add(s);
        }
        if (dirs.size() == 1) {
            return List.of(new TagGroups.Group(null, dirs.values().iterator().next()));
        }
        List<TagGroups.Group> groups = new ArrayList<>();
        dirs.forEach((dir, members) -> groups.add(new TagGroups.Group(dir, members)));
        return groups;
    }

    /** The cell's colour: pass, fail, xfail, error, or unsupported (passed with steps the column could not do). */
    static String verdict(RunResult r, boolean expectedFailure) {
        return switch (r.verdict()) {
            case PASS -> r.skipped().isEmpty() ? "pass" : "unsupported";
            case FAIL -> expectedFailure ? "xfail" : "fail";
            case ERROR -> "error";
        };
    }

    /** One run for the page's script: each step with its expectation, problems, trace and drawing. */
    static Map<String, Object> detail(Scenario s, RunResult r) {
        Map<Integer, Statement> byLine = new HashMap<>();
        s.statements().forEach(st -> byLine.put(st.line(), st));
        List<TraceEvent> trace = r.trace();
        int teardown = 0;
        while (teardown < trace.size() && !trace.get(teardown).event().equals("teardown")) {
            teardown++;
        }
        List<Object> steps = new ArrayList<>();
        int lastLine = r.steps().isEmpty() ? 0 : r.steps().get(r.steps().size() - 1).line();
        List<RunResult.ViolationAt> atEnd = new ArrayList<>(r.violations());
        for (int k = 0; k < r.steps().size(); k++) {
            RunResult.Step step = r.steps().get(k);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("line", step.line());
            o.put("text", step.statement());
            o.put("outcome", step.outcome());
            Statement st = byLine.get(step.line());
            if (st != null && st.expect() != null) {
                o.put("expect", st.expect());
            }
            r.failures().stream().filter(f -> f.line() == step.line()).findFirst()
                    .ifPresent(f -> o.put("failed", "expected " + f.expected() + ", got " + f.actual()));
            r.skipped().stream().filter(f -> f.line() == step.line()).findFirst()
                    .ifPresent(f -> o.put("skipped", "expected " + f.expected() + ": the column cannot perform this step"));
            List<String> events = new ArrayList<>();
            int violationEvents = 0;
            for (int e = 0; e < teardown; e++) {
                TraceEvent ev = trace.get(e);
                if (ev.line() == step.line() && ev.depth() > 0 && !ev.event().equals("outcome")
                        && !ev.event().equals("expectation")) {
                    if (ev.event().equals("violation")) {
                        violationEvents++;
                    } else {
                        events.add(ev.indented().substring(2));
                    }
                }
            }
            // a violation found after the last step's teardown has the last step's line too
            int mine = step.line() == lastLine && teardown < trace.size() ? violationEvents : Integer.MAX_VALUE;
            List<String> broken = new ArrayList<>();
            for (var it = atEnd.iterator(); it.hasNext() && broken.size() < mine; ) {
                RunResult.ViolationAt v = it.next();
                if (v.line() == step.line()) {
                    broken.add(v.invariant() + ": " + v.message());
                    it.remove();
                }
            }
            if (!broken.isEmpty()) {
                o.put("violations", broken);
            }
            o.put("trace", capped(events));
            steps.add(o);
        }
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("steps", steps);
        List<String> end = new ArrayList<>();
        for (int e = teardown + 1; e < trace.size(); e++) {
            if (!trace.get(e).event().equals("violation")) {
                end.add(trace.get(e).indented());
            }
        }
        run.put("teardown", end);
        run.put("endViolations", atEnd.stream().map(v -> v.invariant() + ": " + v.message()).toList());
        if (r.error() != null) {
            run.put("error", r.error());
        }
        RunResult.Counts c = r.counters();
        run.put("counters", ordered("faults", c.faults(), "copies", c.copies(), "reuses", c.reuses(), "unshares",
                c.unshares(), "pins", c.pins(), "pinFailures", c.pinFailures(), "framesPeak", c.framesPeak()));
        run.put("problem", r.firstProblem());
        return run;
    }

    /** A map of keys and values in the order given: the same page bytes on every run (Map.of's order is not). */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int k = 0; k < keysAndValues.length; k += 2) {
            m.put((String) keysAndValues[k], keysAndValues[k + 1]);
        }
        return m;
    }

    /** The most trace lines a step shows: a 2M THP's fork or swap-in takes thousands, one per page. */
    static final int TRACE_LINES = 40;

    private static List<String> capped(List<String> events) {
        if (events.size() <= TRACE_LINES) {
            return events;
        }
        List<String> l = new ArrayList<>(events.subList(0, TRACE_LINES));
        l.add("... and " + (events.size() - TRACE_LINES) + " more lines (run --trace shows every one)");
        return l;
    }

    /** A drawing as the script's layout reads it (short keys: the page carries thousands). */
    static Map<String, Object> drawing(Drawing d) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("t", d.title());
        o.put("c", List.of(boxes(d.left()), boxes(d.middle()), boxes(d.right())));
        List<Object> arrows = new ArrayList<>();
        for (Arrow a : d.arrows()) {
            arrows.add(java.util.Arrays.asList(a.from(), a.to(), a.style().js(), a.label(), a.rightward()));
        }
        o.put("a", arrows);
        return o;
    }

    private static List<Object> boxes(List<Box> boxes) {
        List<Object> l = new ArrayList<>();
        for (Box b : boxes) {
            l.add(java.util.Arrays.asList(b.id(), b.kind().js(), b.lines(), b.fill(), b.stroke(), boxes(b.inner())));
        }
        return l;
    }

    static String pack(Map<String, Object> run) {
        StringBuilder sb = new StringBuilder(4096);
        Json.value(run, sb);
        Packed p = new Packed();
        p.write(sb);
        return p.finish();
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JSON inside a script element: no {@code <} at all (it is only ever in strings, as {@code \\u003c}). */
    private static String scriptSafe(CharSequence json) {
        return json.toString().replace("<", "\\u003c");
    }

    static String esc(String s) {
        return StateDot.html(s);
    }
}
