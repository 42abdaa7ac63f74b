package org.mmsim.core.plugin;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.JarFile;
import org.mmsim.api.PolicyProvider;
import org.pf4j.DefaultVersionManager;
import org.pf4j.VersionManager;

/**
 * The version of mm-api this mmsim runs, which PF4J compares every plugin's {@code Plugin-Requires}
 * with. It is mm-api's own module version (Maven compiles it into mm-api's {@code module-info} as
 * {@code --module-version}), so it cannot drift from the jar that plugins compile against.
 */
public final class ApiVersion {
    private static final VersionManager VERSIONS = new DefaultVersionManager();
    private static final String RUNNING = find();

    private ApiVersion() {
    }

    /** mm-api's version, e.g. {@code 0.1.0}. */
    public static String running() {
        return RUNNING;
    }

    /**
     * Why {@code requires} (a {@code Plugin-Requires} value) is not met by the running API, in the
     * words every command uses; empty when it is met (or blank, which PF4J takes as "any").
     */
    public static Optional<String> unmet(String requires) {
        String constraint = constraint(requires);
        if (constraint.isEmpty() || constraint.equals("*")) {
            return Optional.empty();
        }
        boolean met;
        try {
            met = VERSIONS.checkVersionConstraint(RUNNING, constraint);
        } catch (RuntimeException e) { // java-semver's parse errors
            return Optional.of("Plugin-Requires '" + PolicyCatalog.oneLine(requires, 80)
                    + "' is not a version constraint (e.g. >=0.1.0)");
        }
        return met ? Optional.empty()
                : Optional.of("requires mm-api " + constraint + " (Plugin-Requires), this mmsim runs mm-api " + RUNNING);
    }

    /** As PF4J reads {@code Plugin-Requires} when exact versions are not allowed: {@code 0.1.0} means {@code >=0.1.0}. */
    static String constraint(String requires) {
        String r = requires == null ? "" : requires.trim();
        return r.matches("^\\d+\\.\\d+\\.\\d+$") ? ">=" + r : r;
    }

    /** Whether {@code version} satisfies {@code constraint} ({@code *} or blank: any); a malformed one does not. */
    static boolean satisfies(String version, String constraint) {
        String c = constraint == null ? "" : constraint.trim();
        if (c.isEmpty() || c.equals("*")) {
            return true;
        }
        try {
            return VERSIONS.checkVersionConstraint(version, c);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String find() {
        Module api = PolicyProvider.class.getModule();
        if (api.isNamed() && api.getDescriptor().rawVersion().isPresent()) {
            return api.getDescriptor().rawVersion().get();
        }
        // on the class path (unit tests): the module-info.class next to mm-api's classes
        try {
            URL where = PolicyProvider.class.getProtectionDomain().getCodeSource().getLocation();
            Path p = Path.of(where.toURI());
            if (Files.isDirectory(p)) {
                try (InputStream in = Files.newInputStream(p.resolve("module-info.class"))) {
                    return ModuleDescriptor.read(in).rawVersion().orElseThrow();
                }
            }
            try (JarFile jar = new JarFile(p.toFile());
                 InputStream in = jar.getInputStream(jar.getEntry("module-info.class"))) {
                return ModuleDescriptor.read(in).rawVersion().orElseThrow();
            }
        } catch (Exception e) {
            return PolicyCatalog.API_VERSION; // mm-api built without a module version: the version this core was built with
        }
    }
}
