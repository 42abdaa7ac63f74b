package org.mmsim.core.plugin;

import java.util.Objects;
import org.mmsim.api.Policy;

/**
 * A policy the catalog accepted, with where it came from. {@code policyId} and {@code summary} are
 * read from the policy once, at load time, so reports never call plugin code again for them.
 *
 * @param policyId      the policy's own id (as {@link Policy#id()} answered at load time)
 * @param policy        the policy itself
 * @param pluginId      the PF4J plugin id that contributed it
 * @param pluginVersion that plugin's version
 * @param summary       one line naming the kernels it models (never null, never multi-line)
 * @param bundled       whether it came from a plugin jar shipped with the distribution
 * @param clashing      whether another plugin provides a policy with the same id
 */
public record LoadedPolicy(String policyId, Policy policy, String pluginId, String pluginVersion, String summary,
                           boolean bundled, boolean clashing) {
    public LoadedPolicy {
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(pluginVersion, "pluginVersion");
        Objects.requireNonNull(summary, "summary");
    }

    /** A policy whose id no other plugin provides. */
    public LoadedPolicy(String policyId, Policy policy, String pluginId, String pluginVersion, String summary,
                        boolean bundled) {
        this(policyId, policy, pluginId, pluginVersion, summary, bundled, false);
    }

    /** {@code PLUGIN:POLICY}: names this policy whatever else is loaded. */
    public String qualifiedId() {
        return pluginId + ":" + policyId;
    }

    /** The name reports and messages use: the policy's own id while it is unique, else the qualified id. */
    public String id() {
        return clashing ? qualifiedId() : policyId;
    }

    /** {@link #id()} fit for a file name: the qualified id's ':' (and anything unsafe in a plugin id) becomes '_'. */
    public String fileNameId() {
        return id().replaceAll("[^A-Za-z0-9._+-]", "_");
    }

    /** This policy, marked as sharing its id with another plugin's. */
    LoadedPolicy asClashing() {
        return new LoadedPolicy(policyId, policy, pluginId, pluginVersion, summary, bundled, true);
    }

    /** {@code plugin@version}, as {@code mmsim policies} prints it. */
    public String origin() {
        return pluginId + "@" + pluginVersion;
    }
}
