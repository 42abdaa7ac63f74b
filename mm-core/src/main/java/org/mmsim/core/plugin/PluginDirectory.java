package org.mmsim.core.plugin;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where plugin jars are loaded from: {@code --plugins-dir DIR}, else the environment variable
 * {@code MMSIM_PLUGINS_DIR}, else {@code ${mmsim.home}/plugins} (the system property the launcher
 * sets), else {@code ./plugins}.
 */
public final class PluginDirectory {
    public static final String ENV = "MMSIM_PLUGINS_DIR";
    public static final String HOME_PROPERTY = "mmsim.home";

    private PluginDirectory() {
    }

    /**
     * Resolves the plugins directory.
     *
     * @param option the {@code --plugins-dir} value, or null
     * @param env    the environment (name to value, null when unset)
     * @param home   the {@code mmsim.home} system property, or null
     * @throws IllegalArgumentException when the chosen string is not a valid path
     */
    public static Path resolve(String option, UnaryOperator<String> env, String home) {
        try {
            if (option != null && !option.isEmpty()) {
                return Path.of(option);
            }
            String fromEnv = env.apply(ENV);
            if (fromEnv != null && !fromEnv.isBlank()) {
                return Path.of(fromEnv);
            }
            if (home != null && !home.isBlank()) {
                return Path.of(home, "plugins");
            }
            return Path.of("plugins");
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("invalid plugins directory: " + e.getMessage(), e);
        }
    }

    /** Why {@code dir} cannot serve as the plugins directory, or empty when it can. */
    public static Optional<String> check(Path dir) {
        if (!Files.exists(dir)) {
            return Optional.of("plugins directory " + dir + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            return Optional.of("plugins directory " + dir + " is not a directory");
        }
        if (!Files.isReadable(dir) || !Files.isExecutable(dir)) {
            return Optional.of("plugins directory " + dir + " cannot be read");
        }
        return Optional.empty();
    }
}
