package org.mmsim.core.plugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.mmsim.api.Invariant;
import org.mmsim.api.InvariantProvider;
import org.mmsim.api.ReportFormat;
import org.mmsim.api.ReportFormatProvider;
import org.mmsim.core.mm.BuiltinInvariants;
import org.mmsim.core.report.BuiltinFormats;

/**
 * The invariants and report formats on offer: the core's own, contributed through {@link
 * InvariantProvider} and {@link ReportFormatProvider} first, then the plugins', in plugin-id order.
 * A name is taken by its first contributor; a later one that repeats it, is malformed, or whose
 * provider fails is left out with one problem line. A third-party plugin's extensions live in its
 * worker JVM: here they are a name and a description, and the directory of jars that worker loads.
 */
public final class Extensions {
    /** The core's extensions and nothing else. */
    public static final Extensions BUILTIN = of(List.of(), List.of(), List.of());

    /**
     * One extension, once validated.
     *
     * @param pluginId    the plugin it came from ({@link BuiltinInvariants#CORE} for the core's)
     * @param extension   the extension, or null when it lives in a worker JVM
     * @param elsewhere   the jars that worker loads, or null when the extension is here
     */
    public record Entry<T>(String pluginId, String name, String description, T extension, Path elsewhere) {
        /** Whether the extension is loaded in this JVM. */
        public boolean here() {
            return extension != null;
        }
    }

    /** A provider of one plugin, loaded in this JVM. */
    public record Source<P>(String pluginId, P provider) {}

    /** What a worker JVM said its plugin offers: {@code kind} is {@code invariant} or {@code format}. */
    public record Offered(String pluginId, String kind, String name, String description, Path dir) {}

    private final List<Entry<Invariant>> invariants;
    private final List<Entry<ReportFormat>> formats;
    private final List<String> problems;

    private Extensions(List<Entry<Invariant>> invariants, List<Entry<ReportFormat>> formats, List<String> problems) {
        this.invariants = List.copyOf(invariants);
        this.formats = List.copyOf(formats);
        this.problems = List.copyOf(problems);
    }

    /** Asks every provider for its extensions; the core's come first. Plugin code runs here, guarded. */
    public static Extensions of(List<Source<InvariantProvider>> invariantProviders,
                                List<Source<ReportFormatProvider>> formatProviders, List<Offered> offered) {
        List<String> problems = new ArrayList<>();
        List<Source<InvariantProvider>> ip = new ArrayList<>(invariantProviders);
        ip.add(0, new Source<>(BuiltinInvariants.CORE, new BuiltinInvariants()));
        List<Source<ReportFormatProvider>> fp = new ArrayList<>(formatProviders);
        fp.add(0, new Source<>(BuiltinInvariants.CORE, new BuiltinFormats()));
        Map<String, Entry<Invariant>> inv = collect("invariant", ip, InvariantProvider::invariants, Invariant.NAME,
                Invariant::name, Invariant::description, offered, problems);
        Map<String, Entry<ReportFormat>> fmt = collect("format", fp, ReportFormatProvider::formats, ReportFormat.NAME,
                ReportFormat::name, ReportFormat::description, offered, problems);
        return new Extensions(List.copyOf(inv.values()), List.copyOf(fmt.values()), problems);
    }

    private static <P, T> Map<String, Entry<T>> collect(String kind, List<Source<P>> sources,
                                                        Function<P, List<T>> ask, Pattern namePattern,
                                                        Function<T, String> nameOf, Function<T, String> descriptionOf,
                                                        List<Offered> offered, List<String> problems) {
        Map<String, Entry<T>> byName = new LinkedHashMap<>();
        List<Source<P>> ordered = new ArrayList<>(sources.subList(0, 1));
        sources.subList(1, sources.size()).stream().sorted(java.util.Comparator.comparing(Source::pluginId))
                .forEach(ordered::add); // stable: one plugin's providers keep their order
        for (Source<P> s : ordered) {
            List<T> found;
            try {
                found = ask.apply(s.provider());
                if (found == null) {
                    throw new IllegalStateException("returned null");
                }
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                problems.add("plugin " + s.pluginId() + ": its " + kind + " provider failed: " + PolicyCatalog.describe(e));
                continue;
            }
            for (T t : found) {
                String name;
                String description;
                try {
                    name = nameOf.apply(Objects.requireNonNull(t, kind + " is null"));
                    description = String.valueOf(descriptionOf.apply(t));
                } catch (RuntimeException | LinkageError e) {
                    problems.add("plugin " + s.pluginId() + ": a " + kind + " failed to name itself: "
                            + PolicyCatalog.describe(e));
                    continue;
                }
                add(kind, new Entry<>(s.pluginId(), name, PolicyCatalog.oneLine(description, 200), t, null),
                        namePattern, byName, problems);
            }
        }
        for (Offered o : offered) {
            if (o.kind().equals(kind)) {
                add(kind, new Entry<>(o.pluginId(), o.name(), o.description(), null, o.dir()), namePattern, byName,
                        problems);
            }
        }
        return byName;
    }

    private static <T> void add(String kind, Entry<T> e, Pattern namePattern, Map<String, Entry<T>> byName,
                                List<String> problems) {
        if (e.name() == null || !namePattern.matcher(e.name()).matches()) {
            problems.add("plugin " + e.pluginId() + ": " + kind + " name '" + PolicyCatalog.oneLine(String.valueOf(e.name()),
                    80) + "' is not lower-case words joined by '-'; ignored");
            return;
        }
        Entry<T> first = byName.putIfAbsent(e.name(), e);
        if (first != null) {
            problems.add("plugin " + e.pluginId() + ": " + kind + " '" + e.name() + "' is already contributed by "
                    + (first.pluginId().equals(BuiltinInvariants.CORE) ? "mmsim itself" : "plugin " + first.pluginId())
                    + "; ignored");
        }
    }

    /** Every invariant, the core's first. */
    public List<Entry<Invariant>> invariants() {
        return invariants;
    }

    /** Every report format, the core's first. */
    public List<Entry<ReportFormat>> formats() {
        return formats;
    }

    /** The format {@code name}, if any. */
    public Optional<Entry<ReportFormat>> format(String name) {
        return formats.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The names of the invariants plugin {@code pluginId} contributes. */
    public List<String> invariantsOf(String pluginId) {
        return namesOf(invariants, pluginId);
    }

    /** The names of the report formats plugin {@code pluginId} contributes. */
    public List<String> formatsOf(String pluginId) {
        return namesOf(formats, pluginId);
    }

    private static List<String> namesOf(List<? extends Entry<?>> entries, String pluginId) {
        return entries.stream().filter(e -> e.pluginId().equals(pluginId)).map(Entry::name).toList();
    }

    /** The invariants loaded in this JVM, which a run here checks. */
    public List<Invariant> invariantsHere() {
        return invariants.stream().filter(Entry::here).map(Entry::extension).toList();
    }

    /** The directories of the worker JVMs that hold an invariant: a run must happen there to check it. */
    public List<Path> invariantsElsewhere() {
        return invariants.stream().filter(e -> !e.here()).map(Entry::elsewhere).distinct().toList();
    }

    /** One line per extension left out, {@code plugin <id>: <reason>}. */
    public List<String> problems() {
        return problems;
    }
}
