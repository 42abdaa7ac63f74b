package org.mmsim.core.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mmsim.core.bench.Bench;
import org.mmsim.core.bench.Workload;
import org.mmsim.core.report.Json;

/**
 * The {@code bench --format json} object: the spec's {@code {"workload", "pages", "results": [{"policy",
 * RATE, NS, "heapBytesPerPage", "wallSeconds"}]}}, with RATE and NS named after the unit counted
 * ({@code faultsPerSecond} and {@code nsPerFault}, {@code statementsPerSecond} and {@code
 * nsPerStatement}, {@code statesPerSecond} and {@code nsPerState}) and holding the median; then, in
 * each result, the spread ({@code RATEMin}, {@code RATEMax}, {@code NSMin}, {@code NSMax}, {@code
 * wallSecondsMin}, {@code wallSecondsMax}), {@code timedSeconds}, the workload's extras ({@code explore}:
 * {@code states}, {@code transitions}, {@code transitionsPerSecondPerCore}, {@code bytesPerState})
 * and {@code tooShort}. A forked
 * measuring JVM writes it and {@link BenchFork} reads it back.
 */
final class BenchJson {
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\": (-?[0-9][0-9.eE+-]*|true|false)");

    private BenchJson() {
    }

    /** The names of a workload's rate and time per unit: faultsPerSecond and nsPerFault, ... */
    record Names(String rate, String ns) {
        static Names of(String unit) {
            return switch (unit) {
                case "statements" -> new Names("statementsPerSecond", "nsPerStatement");
                case "states" -> new Names("statesPerSecond", "nsPerState");
                default -> new Names("faultsPerSecond", "nsPerFault");
            };
        }
    }

    static String write(Workload wl, List<Bench.Figures> results) {
        Names n = Names.of(wl.unit());
        StringBuilder sb = new StringBuilder();
        sb.append("{\"workload\": ").append(Json.quote(wl.name())).append(", \"pages\": ").append(wl.pages())
                .append(", \"results\": [");
        for (int i = 0; i < results.size(); i++) {
            Bench.Figures f = results.get(i);
            sb.append(i == 0 ? "" : ", ").append("{\"policy\": ").append(Json.quote(f.policy()));
            field(sb, n.rate(), f.perSecond().median(), 0);
            field(sb, n.ns(), f.nsPerUnit().median(), 2);
            field(sb, "heapBytesPerPage", f.heapBytesPerPage(), 2);
            field(sb, "wallSeconds", f.wallSeconds().median(), 4);
            field(sb, n.rate() + "Min", f.perSecond().min(), 0);
            field(sb, n.rate() + "Max", f.perSecond().max(), 0);
            field(sb, n.ns() + "Min", f.nsPerUnit().min(), 2);
            field(sb, n.ns() + "Max", f.nsPerUnit().max(), 2);
            field(sb, "wallSecondsMin", f.wallSeconds().min(), 4);
            field(sb, "wallSecondsMax", f.wallSeconds().max(), 4);
            field(sb, "timedSeconds", f.timedSeconds(), 4);
            for (Map.Entry<String, Double> e : f.extras().entrySet()) {
                field(sb, e.getKey(), e.getValue(), e.getValue() == Math.rint(e.getValue()) ? 0 : 2);
            }
            sb.append(", \"tooShort\": ").append(f.tooShort()).append('}');
        }
        return sb.append("]}").toString();
    }

    /**
     * The figures of the one result in {@code json} (what a forked JVM printed), or null when it has
     * none; every number beyond the spec's and the spread's is one of the workload's extras.
     */
    static Bench.Figures read(String policy, String unit, String json) {
        Map<String, String> v = new java.util.LinkedHashMap<>();
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            v.put(m.group(1), m.group(2));
        }
        Names n = Names.of(unit);
        if (!v.containsKey(n.rate()) || !v.containsKey("timedSeconds")) {
            return null;
        }
        Map<String, Double> x = new java.util.LinkedHashMap<>();
        java.util.Set<String> standard = java.util.Set.of(n.rate(), n.ns(), "heapBytesPerPage", "wallSeconds",
                n.rate() + "Min", n.rate() + "Max", n.ns() + "Min", n.ns() + "Max", "wallSecondsMin", "wallSecondsMax",
                "timedSeconds", "tooShort", "pages");
        v.keySet().stream().filter(k -> !standard.contains(k)).forEach(k -> x.put(k, number(v, k)));
        return new Bench.Figures(policy, spread(v, n.rate()), spread(v, n.ns()), number(v, "heapBytesPerPage"),
                spread(v, "wallSeconds"), number(v, "timedSeconds"), x);
    }

    private static Bench.Spread spread(Map<String, String> v, String name) {
        return new Bench.Spread(number(v, name + "Min"), number(v, name), number(v, name + "Max"));
    }

    private static double number(Map<String, String> v, String name) {
        try {
            return Double.parseDouble(v.getOrDefault(name, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void field(StringBuilder sb, String name, double value, int decimals) {
        sb.append(", \"").append(name).append("\": ");
        if (!Double.isFinite(value)) {
            sb.append('0');
        } else if (decimals == 0) {
            sb.append(Math.round(value));
        } else {
            sb.append(String.format(Locale.ROOT, "%." + decimals + "f", value));
        }
    }
}
