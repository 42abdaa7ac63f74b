package org.mmsim.core.plugin;

import java.util.Objects;
import org.mmsim.api.Policy;

/**
 * A policy the catalog accepted, with where it came from. {@code id} and {@code summary} are read
 * from the policy once, at load time, so reports never call plugin code again for them.
 *
 * @param id            the policy's id (as {@link Policy#id()} answered at load time)
 * @param policy        the policy itself
 * @param pluginId      the PF4J plugin id that contributed it
 * @param pluginVersion that plugin's version
 * @param summary       one line naming the kernels it models (never null, never multi-line)
 */
public record LoadedPolicy(String id, Policy policy, String pluginId, String pluginVersion, String summary) {
    public LoadedPolicy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(pluginVersion, "pluginVersion");
        Objects.requireNonNull(summary, "summary");
    }

    /** {@code plugin@version}, as {@code mmsim policies} prints it. */
    public String origin() {
        return pluginId + "@" + pluginVersion;
    }
}
