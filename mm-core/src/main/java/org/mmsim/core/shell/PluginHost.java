package org.mmsim.core.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.plugin.PolicyCatalog;

/** Where the shell's plugins come from and go while it runs: worker JVMs ({@link WorkerPlugins}), fakes in tests. */
public interface PluginHost {
    /** What loading one jar gave: the providers of its policies and its problem lines. */
    record Loaded(List<PolicyCatalog.Contribution> contributions, List<String> problems) {}

    /** Loads {@code jar} (a readable file, whose Plugin-Id no loaded plugin has). */
    Loaded load(Path jar);

    /**
     * Releases plugin {@code pluginId}, which provides {@code policies}; the reason it cannot, if it
     * cannot (then it stays loaded).
     */
    Optional<String> unload(String pluginId, List<LoadedPolicy> policies);
}
