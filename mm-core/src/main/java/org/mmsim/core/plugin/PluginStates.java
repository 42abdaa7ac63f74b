package org.mmsim.core.plugin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.PluginStatusProvider;

/**
 * Which plugins are disabled, kept in the plugins folder in the files of PF4J's
 * {@code DefaultPluginStatusProvider}: {@code disabled.txt} lists plugin ids never loaded;
 * {@code enabled.txt}, when it lists any, is the only ids loaded. One id a line, {@code #} comments.
 *
 * <p>Read as PF4J reads them, but with lines trimmed and blank lines ignored (PF4J takes a blank
 * line of enabled.txt as an id, which disables every plugin). Edits keep the files' other lines
 * and comments; {@link #disable} always writes {@code disabled.txt} (PF4J removes the id from a
 * present enabled.txt instead, which enables everything when it was the last one).
 */
public final class PluginStates {
    public static final String ENABLED = "enabled.txt";
    public static final String DISABLED = "disabled.txt";

    private final Path dir;
    private final List<String> enabledLines;
    private final List<String> disabledLines;

    private PluginStates(Path dir, List<String> enabledLines, List<String> disabledLines) {
        this.dir = dir;
        this.enabledLines = enabledLines;
        this.disabledLines = disabledLines;
    }

    /** The states kept in {@code dir}; a missing or unreadable file lists nothing. */
    public static PluginStates read(Path dir) {
        return new PluginStates(dir, lines(dir.resolve(ENABLED)), lines(dir.resolve(DISABLED)));
    }

    private static List<String> lines(Path file) {
        try {
            return Files.isRegularFile(file) ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8))
                    : new ArrayList<>();
        } catch (IOException | RuntimeException e) {
            return new ArrayList<>();
        }
    }

    private static List<String> ids(List<String> lines) {
        return lines.stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /** Whether PF4J (and so mmsim) leaves plugin {@code id} unloaded. */
    public boolean isDisabled(String id) {
        List<String> enabled = ids(enabledLines);
        return ids(disabledLines).contains(id) || !enabled.isEmpty() && !enabled.contains(id);
    }

    /** Disables {@code id} (nothing to do when it is). */
    public void disable(String id) throws IOException {
        if (!isDisabled(id)) {
            disabledLines.add(id);
            write(DISABLED, disabledLines);
        }
    }

    /** Enables {@code id}: off disabled.txt, and onto enabled.txt when that lists ids. */
    public void enable(String id) throws IOException {
        if (ids(disabledLines).contains(id)) {
            disabledLines.removeIf(l -> l.strip().equals(id));
            write(DISABLED, disabledLines);
        }
        if (isDisabled(id)) { // enabled.txt lists others only
            enabledLines.add(id);
            write(ENABLED, enabledLines);
        }
    }

    /**
     * Drops {@code id} from disabled.txt (its jar is gone: a later jar with that id starts enabled).
     * enabled.txt keeps it: taking the last id off that list would enable every other plugin.
     */
    public void forget(String id) throws IOException {
        if (ids(disabledLines).contains(id)) {
            disabledLines.removeIf(l -> l.strip().equals(id));
            write(DISABLED, disabledLines);
        }
    }

    private void write(String name, List<String> lines) throws IOException {
        Files.write(dir.resolve(name), lines, StandardCharsets.UTF_8);
    }

    /** These states as PF4J's status provider, so that the loader and the commands read the files alike. */
    PluginStatusProvider asProvider() {
        return new PluginStatusProvider() {
            @Override
            public boolean isPluginDisabled(String pluginId) {
                return isDisabled(pluginId);
            }

            @Override
            public void disablePlugin(String pluginId) {
                throw new UnsupportedOperationException("mmsim plugins disable " + pluginId);
            }

            @Override
            public void enablePlugin(String pluginId) {
                throw new UnsupportedOperationException("mmsim plugins enable " + pluginId);
            }
        };
    }
}
