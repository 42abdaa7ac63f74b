package org.mmsim.core.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mmsim.core.plugin.ApiVersion;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.plugin.PluginInventory;
import org.mmsim.core.plugin.PolicyCatalog;
import org.pf4j.PluginDependency;

/**
 * What {@code plugins list} and {@code plugins info} say of one jar: its manifest, its state, and what
 * loading it gave (policies, fault flags, the problem line). A record so that {@code --format json}
 * writes it as it is.
 */
record PluginFacts(String id, String version, String provider, String description, String file,
                   boolean bundled, String state, String requires, boolean requiresMet, List<Dependency> dependencies,
                   List<String> dependents, List<Policy> policies, List<String> faultFlags, List<String> invariants,
                   List<String> formats, String problem) {

    /** One Plugin-Dependencies entry and whether the folder meets it ({@code state}: enabled, disabled, missing). */
    record Dependency(String id, String versions, boolean optional, String installed, String state, boolean met) {}

    /** One policy the plugin contributes. */
    record Policy(String id, String qualifiedId, String summary, String kernel) {}

    static PluginFacts of(PluginInventory.Jar j, PluginInventory inventory, PolicyCatalog catalog) {
        boolean hasDescriptor = j.descriptor() != null;
        boolean disabled = hasDescriptor && j.owner() == null && inventory.isDisabled(j.id());
        String requires = hasDescriptor ? j.descriptor().getRequires() : "";
        List<Dependency> deps = new ArrayList<>();
        for (PluginDependency d : j.dependencies()) {
            Optional<PluginInventory.Jar> dep = inventory.plugin(d.getPluginId());
            String state = dep.isEmpty() ? "missing" : inventory.isDisabled(d.getPluginId()) ? "disabled" : "enabled";
            boolean versionOk = dep.isPresent() && satisfies(dep.get().version(), d.getPluginVersionSupport());
            deps.add(new Dependency(d.getPluginId(), d.getPluginVersionSupport(), d.isOptional(),
                    dep.map(PluginInventory.Jar::version).orElse(null), state,
                    d.isOptional() ? dep.isEmpty() || versionOk : state.equals("enabled") && versionOk));
        }
        List<Policy> policies = new ArrayList<>();
        List<String> flags = List.of();
        List<String> invariants = List.of();
        List<String> formats = List.of();
        String problem = null;
        if (!disabled) {
            for (LoadedPolicy p : catalog.list()) {
                if (p.pluginId().equals(j.id()) && j.owner() == null) {
                    policies.add(new Policy(p.id(), p.qualifiedId(), p.summary(), kernel(p)));
                }
            }
            flags = j.owner() == null ? catalog.faultFlags(j.id()) : List.of();
            if (j.owner() == null) {
                invariants = catalog.extensions().invariantsOf(j.id());
                formats = catalog.extensions().formatsOf(j.id());
            }
            problem = inventory.problemLine(j).orElseGet(() -> problemOf(j, catalog));
        }
        return new PluginFacts(j.id(), j.version(), hasDescriptor ? nullToEmpty(j.descriptor().getProvider()) : "",
                hasDescriptor ? nullToEmpty(j.descriptor().getPluginDescription()) : "", j.file(), j.bundled(),
                disabled ? "disabled" : "enabled", requires == null ? "" : requires.trim(),
                hasDescriptor && ApiVersion.unmet(requires).isEmpty(), deps,
                inventory.dependents(j.id(), true).stream().map(PluginInventory.Jar::id).toList(),
                policies, flags, invariants, formats, problem);
    }

    /** Its policies' ids, then {@code invariant NAME} and {@code format NAME}; {@code -} for none. */
    String contributions() {
        List<String> all = new ArrayList<>(policies.stream().map(Policy::id).toList());
        invariants.forEach(i -> all.add("invariant " + i));
        formats.forEach(f -> all.add("format " + f));
        return all.isEmpty() ? "-" : String.join(", ", all);
    }

    /** The catalog's problem line about this jar (by Plugin-Id or file name), or null. */
    private static String problemOf(PluginInventory.Jar j, PolicyCatalog catalog) {
        for (String p : catalog.problems()) {
            if (p.startsWith("plugin " + j.file() + ":") || j.owner() == null && (p.startsWith("plugin " + j.id() + ":")
                    || p.startsWith("plugin " + j.id() + " ("))) {
                return p;
            }
        }
        return null;
    }

    private static String kernel(LoadedPolicy p) {
        try {
            return String.valueOf(p.policy().kernel());
        } catch (RuntimeException e) {
            return "?";
        }
    }

    private static boolean satisfies(String version, String constraint) {
        return constraint == null || constraint.isBlank() || constraint.equals("*")
                || new org.pf4j.DefaultVersionManager().checkVersionConstraint(version, constraint);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s.strip();
    }

    /** Whether this enabled plugin failed to load (a reason for {@code list}'s status 2). */
    boolean failed() {
        return problem != null;
    }

    /** {@code >=0.1.0 (met)} or {@code >=9.0.0 (not met by mm-api 0.1.0)}. */
    String requiresText() {
        if (requires.isEmpty()) {
            return "any";
        }
        return requires + (requiresMet ? " (met)" : " (not met by mm-api " + ApiVersion.running() + ")");
    }

    /** {@code unshare (enabled)}, {@code x@>=2.0 (missing)}, {@code y? (missing, optional)}, or {@code none}. */
    String dependenciesText() {
        if (dependencies.isEmpty()) {
            return "none";
        }
        List<String> out = new ArrayList<>();
        for (Dependency d : dependencies) {
            String name = d.id() + (d.optional() ? "?" : "")
                    + (d.versions() == null || d.versions().equals("*") ? "" : "@" + d.versions());
            String how = d.state() + (d.installed() != null && !d.met() && d.state().equals("enabled")
                    ? ", installed " + d.installed() : "") + (d.optional() ? ", optional" : "");
            out.add(name + " (" + how + (d.met() ? "" : ": not met") + ")");
        }
        return String.join(", ", out);
    }

    /** A record's components by name, in order (Json cannot reflect into this package's records). */
    private static Map<String, Object> fields(Record r) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (java.lang.reflect.RecordComponent c : r.getClass().getRecordComponents()) {
            try {
                m.put(c.getName(), c.getAccessor().invoke(r));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return m;
    }

    /** The facts as JSON fields, in declaration order. */
    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("version", version);
        m.put("provider", provider);
        m.put("description", description);
        m.put("file", file);
        m.put("bundled", bundled);
        m.put("state", state);
        m.put("requires", requires);
        m.put("requiresMet", requiresMet);
        m.put("apiVersion", ApiVersion.running());
        m.put("dependencies", dependencies.stream().map(PluginFacts::fields).toList());
        m.put("dependents", dependents);
        m.put("policies", policies.stream().map(PluginFacts::fields).toList());
        m.put("faultFlags", faultFlags);
        m.put("invariants", invariants);
        m.put("formats", formats);
        m.put("problem", problem);
        return m;
    }
}
