package org.mmsim.core.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.BiFunction;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.plugin.PluginLoader;
import org.mmsim.core.plugin.PolicyCatalog;
import org.mmsim.core.run.Comparison;
import org.mmsim.core.run.ScenarioRunner;

/**
 * Wires mm-core for one CLI invocation: the single shared {@link FlagRegistry}, the {@link Limits},
 * the {@link PolicyCatalog} (loaded lazily, on first use, from the resolved plugins directory), the
 * {@link ScenarioRunner} and the {@link Comparison} service.
 *
 * <p>The policies are exposed through the catalog rather than a {@code MapBinder<String, Policy>}:
 * a MapBinder's entries must be known when the injector is created, which would force plugin
 * loading before the command line is even understood ({@code --help}, parse errors), and reports
 * need each policy's plugin id and version, which the catalog's {@code LoadedPolicy} carries.
 */
public final class CoreModule extends AbstractModule {
    private final Path pluginsDir;
    private final BiFunction<Path, FlagRegistry, PolicyCatalog> loader;
    private final Limits limits;

    /** Loads the catalog from the plugin jars of {@code pluginsDir}. */
    public CoreModule(Path pluginsDir) {
        this(pluginsDir, PluginLoader::load);
    }

    /** Builds the catalog with {@code loader} (tests hand in policies without PF4J). */
    public CoreModule(Path pluginsDir, BiFunction<Path, FlagRegistry, PolicyCatalog> loader) {
        this(pluginsDir, loader, Limits.DEFAULT);
    }

    /** As above, with the runs' resource {@code limits} ({@code --max-processes} etc.). */
    public CoreModule(Path pluginsDir, BiFunction<Path, FlagRegistry, PolicyCatalog> loader, Limits limits) {
        this.pluginsDir = Objects.requireNonNull(pluginsDir, "pluginsDir");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    protected void configure() {
        bind(Limits.class).toInstance(limits);
        bind(Comparison.class);
    }

    @Provides
    @Singleton
    FlagRegistry flagRegistry() {
        return new FlagRegistry();
    }

    @Provides
    @Singleton
    ScenarioRunner scenarioRunner(FlagRegistry flags, Limits limits, PolicyCatalog catalog) {
        // the invariants of this JVM: a command that needs a worker's invariants runs there whole (Delegation)
        return new ScenarioRunner(flags, limits, catalog.extensions().invariantsHere());
    }

    @Provides
    @Singleton
    PolicyCatalog policyCatalog(FlagRegistry flags) {
        return loader.apply(pluginsDir, flags);
    }
}
