package org.mmsim.core.run;

import java.util.List;
import java.util.Objects;
import org.mmsim.api.InvariantProvider;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.plugin.Extensions;
import org.mmsim.core.plugin.PolicyCatalog;

/**
 * mm-core wired as {@code mmsim compare} wires it (one fault-flag registry shared by the catalog and
 * the runner, the default limits), for programs that embed it without the CLI: the plugin authors'
 * test kit. Everything it hands out is exported API; the machine's package stays hidden.
 */
public final class Workbench {
    private final PolicyCatalog catalog;
    private final Comparison comparison;

    private Workbench(PolicyCatalog catalog, Comparison comparison) {
        this.catalog = catalog;
        this.comparison = comparison;
    }

    /**
     * Asks each provider for its policies, as the plugin loader does once PF4J has found them: a
     * bundled contribution's policies are trusted (their views are not ended after each call), a
     * third-party one's are held to the same rules as in a worker JVM (quota of fault flags, views
     * that end with their call).
     *
     * @param threads how many runs go on at once
     */
    public static Workbench of(List<PolicyCatalog.Contribution> contributions, int threads) {
        return of(contributions, List.of(), threads);
    }

    /**
     * As {@link #of(List, int)}, every run also checking the invariants of {@code invariantProviders}
     * after the built-in ones, as a command does with an invariant plugin installed.
     */
    public static Workbench of(List<PolicyCatalog.Contribution> contributions,
                               List<InvariantProvider> invariantProviders, int threads) {
        FlagRegistry flags = new FlagRegistry();
        PolicyCatalog catalog = PolicyCatalog.of(null, Objects.requireNonNull(contributions, "contributions"), flags,
                List.of());
        List<Extensions.Source<InvariantProvider>> sources = invariantProviders.stream()
                .map(p -> new Extensions.Source<>("under-test", p)).toList();
        Extensions extensions = Extensions.of(sources, List.of(), List.of());
        if (!extensions.problems().isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", extensions.problems()));
        }
        return new Workbench(catalog.withExtensions(extensions), new Comparison(new ScenarioRunner(flags,
                Limits.DEFAULT, extensions.invariantsHere()), threads));
    }

    /** The policies the providers gave, and one line per problem (a provider that threw, a bad id, ...). */
    public PolicyCatalog catalog() {
        return catalog;
    }

    /** What {@code mmsim compare} runs its matrix with. */
    public Comparison comparison() {
        return comparison;
    }
}
