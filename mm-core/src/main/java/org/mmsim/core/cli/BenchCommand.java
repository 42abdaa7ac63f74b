package org.mmsim.core.cli;

import org.mmsim.core.scenario.Sizes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.DoubleFunction;
import org.mmsim.core.bench.Bench;
import org.mmsim.core.bench.CowStorm;
import org.mmsim.core.bench.ExploreWorkload;
import org.mmsim.core.explore.Universe;
import org.mmsim.core.bench.ForkTree;
import org.mmsim.core.bench.PinChurn;
import org.mmsim.core.bench.ScenarioSuite;
import org.mmsim.core.bench.Workload;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.mm.PolicyFailure;
import org.mmsim.core.mm.ResourceLimitException;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.worker.Isolation;
import org.mmsim.core.plugin.PluginDirectory;
import org.mmsim.core.plugin.PolicyCatalog;
import org.mmsim.core.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mmsim bench WORKLOAD [DIR] [--pages N] [--processes N] [--policy ID|all] [--iterations K]
 * [--warmup K] [--format table|json] [--[no-]fork]}: times a built-in workload under each chosen policy, each in
 * a fresh JVM by default. Per policy: one heap-measuring run, the warm-up runs, then the timed runs; the median
 * timed run is reported with the fastest and the slowest, and timed runs under 100 ms in all get a warning.
 * Invariants are not checked.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time a built-in workload under each chosen policy (invariants not checked).",
            "Workloads: cow-storm, pin-churn, fork-tree (simulated faults/s), scenarios [DIR] (statements/s; "
                    + "DIR defaults to the distribution's examples/conformance), explore (distinct states/s)."},
        footer = {"", "Per policy: units/s, ns per unit and wall seconds of the median timed run, each with its "
                + "range over the timed runs (min–max), and heap bytes per simulated page (used heap after a full GC "
                + "at the workload's peak, minus before, over N; one separate untimed run). Timed runs under 100 ms "
                + "in all are too short to trust: a warning on stderr, \"tooShort\": true in json.",
            "", "Exit status: 0 ok; 2 usage or plugin error, out of memory, or a measuring JVM that failed."})
final class BenchCommand implements Callable<Integer> {
    static final List<String> WORKLOADS = List.of("cow-storm", "pin-churn", "fork-tree", "scenarios", "explore");
    /** policy, rate, its spread, ns per unit, its spread, heap, wall, its spread. */
    private static final String ROW = "%-22s %14s %13s %10s %13s %12s %9s %13s%n";

    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "WORKLOAD",
            description = "cow-storm, pin-churn, fork-tree, scenarios or explore.")
    String workload;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DIR",
            description = "scenarios only: the directory of scenarios (default: <mmsim home>/examples/conformance).")
    Path dir;

    @Option(names = "--pages", paramLabel = "N",
            description = "Simulated pages (default 1048576 for cow-storm and fork-tree, 262144 for pin-churn).")
    Long pages;

    @Option(names = "--processes", paramLabel = "N",
            description = "fork-tree: processes in the tree, the root included (default 8); explore: processes that"
                    + " may exist (default 2).")
    Integer processes;

    @Option(names = "--depth", paramLabel = "D", description = "explore only: the depth (default 6).")
    Integer depth;

    @Option(names = "--statements", paramLabel = "LIST", split = ",",
            description = "explore only: the statements to try (default: explore's).")
    java.util.Set<String> statements;

    @Option(names = "--files", paramLabel = "N", description = "explore only: files mapped private (default 0).")
    Integer files;

    @Option(names = "--threads", paramLabel = "T", description = "explore only: worker threads (default: the cores).")
    Integer threads;

    @Mixin
    ReductionOptions reductions = new ReductionOptions();

    @Option(names = "--policy", paramLabel = "ID|all", defaultValue = "all",
            description = "The policy to measure, or all (default), in catalog order.")
    String policy;

    @Option(names = "--iterations", paramLabel = "K",
            description = "Timed runs per policy; the median is reported (default 5; explore 1).")
    Integer iterations;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = Options.DEFAULT_COMMAND_TIMEOUT,
            description = "Longest time the whole benchmark may take (default: ${DEFAULT-VALUE}); the policies "
                    + "measured by then are printed, then it stops with status 2.")
    double timeoutSeconds;

    @Option(names = "--warmup", paramLabel = "K",
            description = "Untimed warm-up runs per policy before them (default 2; explore 0).")
    Integer warmup;

    @Option(names = "--format", paramLabel = "table|json", defaultValue = "table",
            description = "table (default) or json.")
    String format;

    @Option(names = "--fork", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "With more than one policy, measure each in a fresh JVM (default), as JMH does; "
                    + "--no-fork measures them all in this one, where the first ones shape the JIT's profile.")
    boolean fork;

    /** Set on the JVMs a bench forks: they leave the warnings to it. */
    @Option(names = "--thp", paramLabel = "SIZE",
            description = "cow-storm, pin-churn, fork-tree: THPs of this size (16K to 2M) set to always.")
    String thp;

    @Option(names = "--forked", hidden = true)
    boolean forked;

    /** The --thp size in pages; 0 without it. */
    private int thpPages() {
        if (thp == null) {
            return 0;
        }
        if (!Sizes.THP.contains(thp)) {
            throw CliException.usage("bench: --thp " + thp + ": not a THP size (" + String.join(" ", Sizes.THP) + ")");
        }
        return (int) Sizes.pages(thp);
    }

    @Override
    public Integer call() {
        if (!WORKLOADS.contains(workload)) {
            throw CliException.usage("bench: unknown workload '" + workload + "' (one of: "
                    + String.join(", ", WORKLOADS) + ")");
        }
        boolean json = switch (format) {
            case "json" -> true;
            case "table" -> false;
            default -> throw CliException.usage("bench: --format must be table or json, not '" + format + "'");
        };
        boolean machineWorkload = !workload.equals("scenarios") && !workload.equals("explore");
        if (dir != null && !workload.equals("scenarios")) {
            throw CliException.usage("bench: only the scenarios workload takes a DIR");
        }
        boolean explore = workload.equals("explore");
        if (pages != null && !machineWorkload && !explore) {
            throw CliException.usage("bench: --pages does not apply to " + workload);
        }
        if (thp != null && !machineWorkload && !explore) {
            throw CliException.usage("bench: --thp does not apply to " + workload);
        }
        thpPages();
        if (processes != null && !workload.equals("fork-tree") && !explore) {
            throw CliException.usage("bench: --processes applies to fork-tree and explore only");
        }
        if (!explore && (depth != null || statements != null || files != null || threads != null
                || reductions.changed())) {
            throw CliException.usage("bench: --depth, --statements, --files, --threads, --no-symmetry, --no-skip and"
                    + " --sleep-sets apply to explore only");
        }
        if (pages != null && (pages < 1 || pages > (1L << 30))) {
            throw CliException.usage("bench: --pages must be 1 to 1073741824");
        }
        int procs = processes == null ? ForkTree.DEFAULT_PROCESSES : processes;
        if (!explore && (procs < 1 || procs > Limits.DEFAULT.maxProcesses())) {
            throw CliException.usage("bench: --processes must be 1 to " + Limits.DEFAULT.maxProcesses());
        }
        int k = iterations == null ? (explore ? 1 : 5) : iterations;
        int w = warmup == null ? (explore ? 0 : 2) : warmup;
        if (k < 1 || k > 1_000_000) {
            throw CliException.usage("bench: --iterations must be 1 to 1000000");
        }
        if (w < 0 || w > 1_000_000) {
            throw CliException.usage("bench: --warmup must be 0 to 1000000");
        }
        Duration deadline = Options.timeout(timeoutSeconds);
        List<Scenario> scenarios = workload.equals("scenarios") ? scenarios() : null;
        Universe universe = explore ? universe() : null;

        Main.Session session = main.session();
        if (!workload.equals("scenarios") && List.of(policy.split(",")).stream().map(String::strip)
                .anyMatch(PolicyCatalog.HOST::equals)) {
            throw Options.notSimulated("bench " + workload);
        }
        List<LoadedPolicy> chosen = Options.choose(policy, session);
        OptionalInt delegated = Delegation.ifIsolated(main, deadline, chosen);
        if (delegated.isPresent()) {
            return delegated.getAsInt();
        }
        FlagRegistry flags = session.get(FlagRegistry.class);
        Limits limits = Limits.DEFAULT;
        Workload wl = switch (workload) {
            case "cow-storm" -> new CowStorm(pages == null ? CowStorm.DEFAULT_PAGES : pages, limits).withThp(thpPages());
            case "pin-churn" -> new PinChurn(pages == null ? PinChurn.DEFAULT_PAGES : pages, limits).withThp(thpPages());
            case "fork-tree" -> new ForkTree(pages == null ? ForkTree.DEFAULT_PAGES : pages, procs, limits)
                    .withThp(thpPages());
            case "scenarios" -> new ScenarioSuite(scenarios, limits);
            default -> new ExploreWorkload(universe, reductions.reductions(),
                    UniverseOptions.threads(threads, "bench: "));
        };

        // a worker JVM of a third-party plugin measures its policies in itself: no further JVMs
        BenchFork forks = fork && chosen.size() > 1 && !Boolean.getBoolean(Isolation.IN_WORKER_PROPERTY)
                ? BenchFork.ofDistribution() : null;
        try (Deadline d = Deadline.start(deadline, () -> { }, main)) {
            return measureAll(chosen, forks, wl, flags, json, machineWorkload, k, w);
        }
    }

    private int measureAll(List<LoadedPolicy> chosen, BenchFork forks, Workload wl, FlagRegistry flags, boolean json,
                           boolean machineWorkload, int k, int w) {
        String unit = wl.unit();
        if (!json) {
            main.out.printf(Locale.ROOT, "%s: %s, median (min–max) of %d timed run(s) after %d warm-up, %d core(s), "
                            + "max heap %d MiB, %s%n",
                    wl.name(), machineWorkload ? wl.pages() + " pages" : unit,
                    k, w, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                    forks != null ? "one JVM per policy" : "in one JVM");
            main.out.printf(Locale.ROOT, ROW, "policy", unit + "/s", "(min–max)", "ns/" + singular(unit), "(min–max)",
                    "heap B/page", "wall s", "(min–max)");
            main.out.flush();
        }
        List<Bench.Figures> results = new ArrayList<>();
        for (LoadedPolicy lp : chosen) {
            Bench.Figures f = forks != null ? forks.measure(lp.id(), unit, childArgs(lp.id(), k, w))
                    : measure(wl, lp, flags, w, k);
            results.add(f);
            if (!json) {
                main.out.printf(Locale.ROOT, ROW, f.policy(), String.format(Locale.ROOT, "%,.0f", f.perSecond().median()),
                        range(f.perSecond(), BenchCommand::si), String.format(Locale.ROOT, "%.1f", f.nsPerUnit().median()),
                        range(f.nsPerUnit(), fixed("%.1f")),
                        wl.pages() > 0 ? String.format(Locale.ROOT, "%.1f", f.heapBytesPerPage()) : "-",
                        String.format(Locale.ROOT, "%.3f", f.wallSeconds().median()), range(f.wallSeconds(), fixed("%.3f")));
                if (!f.extras().isEmpty()) {
                    main.out.println("  " + extras(f.extras()));
                }
                main.out.flush();
            }
        }
        if (json) {
            main.out.println(BenchJson.write(wl, results));
        }
        main.out.flush();
        if (!forked) {
            warnIfTooShort(results, machineWorkload);
        }
        return Main.EXIT_OK;
    }

    /** One line on stderr when some policy's timed runs took under 100 ms in all: too short to trust. */
    private void warnIfTooShort(List<Bench.Figures> results, boolean machineWorkload) {
        List<String> tooShort = new ArrayList<>();
        for (Bench.Figures f : results) {
            if (f.tooShort()) {
                tooShort.add(String.format(Locale.ROOT, "%s %.1f ms", f.policy(), f.timedSeconds() * 1000));
            }
        }
        if (!tooShort.isEmpty()) {
            main.err.println("mmsim: warning: bench: timed runs under " + Math.round(Bench.Figures.TRUSTED_SECONDS * 1000)
                    + " ms in all (" + String.join(", ", tooShort) + ") are too short to trust; raise --iterations"
                    + (machineWorkload ? " or --pages" : ""));
            main.err.flush();
        }
    }

    /** A workload's extras in a line: {@code states 335381, transitions 2021420, ...} (camel case split). */
    static String extras(java.util.Map<String, Double> extras) {
        List<String> parts = new ArrayList<>();
        extras.forEach((name, v) -> parts.add(name.replaceAll("([A-Z])", " $1").toLowerCase(Locale.ROOT) + " "
                + (v == Math.rint(v) ? String.format(Locale.ROOT, "%d", v.longValue()) : String.format(Locale.ROOT, "%.1f", v))));
        return String.join(", ", parts);
    }

    /** {@code 0.141–0.161}: the least and the most of a figure. */
    private static String range(Bench.Spread s, DoubleFunction<String> format) {
        return format.apply(s.min()) + "–" + format.apply(s.max());
    }

    /** {@code 21.4M}, {@code 950k}, {@code 12.0}: three figures and a metric prefix, for a range of rates. */
    static String si(double v) {
        String[] prefix = {"", "k", "M", "G"};
        int p = 0;
        while (v >= 999.5 && p < prefix.length - 1) {
            v /= 1000;
            p++;
        }
        return String.format(Locale.ROOT, v >= 99.5 ? "%.0f%s" : v >= 9.995 ? "%.1f%s" : "%.2f%s", v, prefix[p]);
    }

    private static DoubleFunction<String> fixed(String format) {
        return v -> String.format(Locale.ROOT, format, v);
    }

    /** One policy's figures; running out of memory is one line and status 2, never a stack trace. */
    private Bench.Figures measure(Workload wl, LoadedPolicy lp, FlagRegistry flags, int w, int k) {
        try {
            return Bench.measure(wl, lp.id(), lp.policy(), flags, w, k);
        } catch (OutOfMemoryError e) {
            throw CliException.usage("bench: out of memory at " + wl.pages() + " pages (" + lp.id() + ", max heap "
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MiB; raise it with MMSIM_JAVA_OPTS=-Xmx...)");
        } catch (PolicyFailure | ResourceLimitException | IllegalStateException e) {
            throw CliException.usage("bench: " + wl.name() + " under " + lp.id() + ": " + Main.oneLine(e.getMessage()));
        }
    }

    /** The universe of {@code bench explore}: explore's defaults, changed by the options given. */
    private Universe universe() {
        Universe d = Universe.defaults();
        try {
            return new Universe(processes == null ? d.processes() : processes,
                    pages == null ? d.pages() : (int) Math.min(pages, Integer.MAX_VALUE), files == null ? 0 : files,
                    d.handles(), depth == null ? d.depth() : depth,
                    statements != null ? statements : thp != null ? Universe.THP_DEFAULT : d.statements(), thpPages());
        } catch (IllegalArgumentException e) {
            throw CliException.usage("bench: " + e.getMessage());
        }
    }

    /** This command for one policy, printing json, for a forked JVM. */
    private List<String> childArgs(String id, int k, int w) {
        List<String> a = new ArrayList<>();
        if (main.pluginsDir != null) {
            a.addAll(List.of("--plugins-dir", main.pluginsDir.toAbsolutePath().toString()));
        }
        a.addAll(List.of("bench", workload));
        if (dir != null) {
            a.add(dir.toAbsolutePath().toString());
        }
        if (pages != null) {
            a.addAll(List.of("--pages", pages.toString()));
        }
        if (processes != null) {
            a.addAll(List.of("--processes", processes.toString()));
        }
        if (thp != null) {
            a.addAll(List.of("--thp", thp));
        }
        if (depth != null) {
            a.addAll(List.of("--depth", depth.toString()));
        }
        if (statements != null) {
            a.addAll(List.of("--statements", String.join(",", statements)));
        }
        if (files != null) {
            a.addAll(List.of("--files", files.toString()));
        }
        if (threads != null) {
            a.addAll(List.of("--threads", threads.toString()));
        }
        a.addAll(reductions.args());
        a.addAll(List.of("--policy", id, "--iterations", Integer.toString(k), "--warmup", Integer.toString(w),
                "--format", "json", "--no-fork", "--forked"));
        return a;
    }

    private List<Scenario> scenarios() {
        Path d = dir;
        if (d == null) {
            String home = System.getProperty(PluginDirectory.HOME_PROPERTY);
            if (home == null) {
                throw CliException.usage("bench: scenarios: no DIR given and no distribution home to take "
                        + "examples/conformance from");
            }
            d = Path.of(home, "examples", "conformance");
        }
        return ScenarioFiles.parseAll(ScenarioFiles.expand(List.of(d)), main.in, main.err);
    }

    private static String singular(String unit) {
        return switch (unit) {
            case "statements" -> "stmt";
            case "states" -> "state";
            default -> "fault";
        };
    }
}
