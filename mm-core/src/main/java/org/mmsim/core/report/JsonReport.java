package org.mmsim.core.report;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.mmsim.core.mm.TraceEvent;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.run.ComparisonResult;
import org.mmsim.core.run.RunResult;
import org.mmsim.core.scenario.Scenario;

/**
 * The {@code --format json} object of the scenario-language spec:
 * {@code {"policies":[{"id","plugin","version","summary"}],"results":[{"scenario","file","policy",
 * "verdict","steps","failures","violations","error","counters"}]}}, results in scenario × policy
 * order. Each policy also gives its {@code "qualifiedId"} ({@code PLUGIN:POLICY}), after its id, which
 * (like each result's {@code "policy"}) is the bare id unless two plugins share it. Each result ends with fields of ours, after the spec's: {@code "tags"}, the scenario's tags
 * (possibly empty), and, for a run recorded with its trace ({@code --trace}), {@code "trace"}: one
 * event per line, each {@code {"line", "depth", "event", "text", "facts"}}. Indented two spaces;
 * array elements of steps, failures and violations one per line.
 */
public final class JsonReport implements ReportWriter {
    public JsonReport() {
    }

    @Override
    public void write(ComparisonResult result, ReportOptions options, Writer out) throws IOException {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("{\n  \"policies\": [");
        List<LoadedPolicy> policies = result.policies();
        for (int i = 0; i < policies.size(); i++) {
            LoadedPolicy p = policies.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("    {\"id\": ");
            Json.quote(p.id(), sb);
            sb.append(", \"qualifiedId\": ");
            Json.quote(p.qualifiedId(), sb);
            sb.append(", \"plugin\": ");
            Json.quote(p.pluginId(), sb);
            sb.append(", \"version\": ");
            Json.quote(p.pluginVersion(), sb);
            sb.append(", \"summary\": ");
            Json.quote(p.summary(), sb);
            sb.append('}');
        }
        sb.append(policies.isEmpty() ? "],\n" : "\n  ],\n");
        sb.append("  \"results\": [");
        List<RunResult> results = result.results();
        for (int i = 0; i < results.size(); i++) {
            sb.append(i == 0 ? "\n" : ",\n");
            result(results.get(i), result.scenarios().get(i / policies.size()).tags(), sb);
            if (sb.length() > 1 << 16) { // stream large comparisons
                out.write(sb.toString());
                sb.setLength(0);
            }
        }
        sb.append(results.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
        out.write(sb.toString());
        out.flush();
    }

    private static void result(RunResult r, List<String> tags, StringBuilder sb) {
        sb.append("    {\n      \"scenario\": ");
        Json.quote(r.scenario(), sb);
        sb.append(", \"file\": ");
        Json.quote(r.file(), sb);

        sb.append(", \"policy\": ");
        Json.quote(r.policy(), sb);
        sb.append(",\n      \"verdict\": \"").append(r.verdict().json()).append("\",\n");
        array(sb, "steps", r.steps(), (s, b) -> {
            b.append("{\"line\": ").append(s.line()).append(", \"statement\": ");
            Json.quote(s.statement(), b);
            b.append(", \"outcome\": ");
            Json.quote(s.outcome(), b);
            b.append('}');
        });
        array(sb, "failures", r.failures(), (f, b) -> {
            b.append("{\"line\": ").append(f.line()).append(", \"expected\": ");
            Json.quote(f.expected(), b);
            b.append(", \"actual\": ");
            Json.quote(f.actual(), b);
            b.append('}');
        });
        array(sb, "violations", r.violations(), (v, b) -> {
            b.append("{\"invariant\": ");
            Json.quote(v.invariant(), b);
            b.append(", \"line\": ").append(v.line()).append(", \"message\": ");
            Json.quote(v.message(), b);
            b.append('}');
        });
        sb.append("      \"error\": ");
        Json.quote(r.error(), sb); // null -> null
        RunResult.Counts c = r.counters() == null ? RunResult.Counts.ZERO : r.counters();
        sb.append(",\n      \"counters\": {\"faults\": ").append(c.faults())
                .append(", \"copies\": ").append(c.copies())
                .append(", \"reuses\": ").append(c.reuses())
                .append(", \"unshares\": ").append(c.unshares())
                .append(", \"pins\": ").append(c.pins())
                .append(", \"pinFailures\": ").append(c.pinFailures())
                .append(", \"framesPeak\": ").append(c.framesPeak())
                .append("},\n      \"tags\": [");
        for (int t = 0; t < tags.size(); t++) {
            sb.append(t == 0 ? "" : ", ");
            Json.quote(tags.get(t), sb);
        }
        sb.append(']');
        if (r.verdict() == RunResult.Verdict.FAIL && tags.contains(Scenario.XFAIL)) {
            sb.append(",\n      \"expectedFailure\": true");
        }
        if (!r.skipped().isEmpty()) {
            sb.append(",\n      \"skipped\": [");
            for (int i = 0; i < r.skipped().size(); i++) {
                RunResult.Skipped k = r.skipped().get(i);
                sb.append(i == 0 ? "" : ", ").append("{\"line\": ").append(k.line()).append(", \"expected\": ");
                Json.quote(k.expected(), sb);
                sb.append('}');
            }
            sb.append(']');
        }
        if (!r.trace().isEmpty()) {
            sb.append(",\n      \"trace\": [");
            for (int i = 0; i < r.trace().size(); i++) {
                TraceEvent e = r.trace().get(i);
                sb.append(i == 0 ? "\n        " : ",\n        ");
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("line", e.line());
                m.put("depth", e.depth());
                m.put("event", e.event());
                m.put("text", e.text());
                if (!e.facts().isEmpty()) {
                    m.put("facts", e.facts());
                }
                Json.value(m, sb);
            }
            sb.append("\n      ]");
        }
        sb.append("\n    }");
    }

    private static <T> void array(StringBuilder sb, String name, List<T> items, BiConsumer<T, StringBuilder> item) {
        sb.append("      \"").append(name).append("\": [");
        for (int i = 0; i < items.size(); i++) {
            sb.append(i == 0 ? "\n        " : ",\n        ");
            item.accept(items.get(i), sb);
        }
        sb.append(items.isEmpty() ? "],\n" : "\n      ],\n");
    }
}
