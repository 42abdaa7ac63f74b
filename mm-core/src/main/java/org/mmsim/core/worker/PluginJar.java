package org.mmsim.core.worker;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/** What a plugin jar's manifest says about it, read without running any of its code. */
final class PluginJar {
    private PluginJar() {
    }

    /** The jar's {@code Plugin-Id}, trimmed, or its file name when the manifest does not say. */
    static String id(Path jar) {
        String id = org.mmsim.core.plugin.PluginLoader.declaredId(jar);
        return id == null || id.isBlank() ? jar.getFileName().toString() : id;
    }

    /** The plugin ids in {@code Plugin-Dependencies} ({@code a@>=1.0, b?}), optional ones included. */
    static List<String> dependencies(Path jar) {
        String deps = attribute(jar, "Plugin-Dependencies");
        List<String> ids = new ArrayList<>();
        if (deps != null) {
            for (String d : deps.split(",")) {
                String id = d.strip().replaceAll("[@?].*$", "").strip();
                if (!id.isEmpty()) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    private static String attribute(Path jar, String name) {
        try (JarFile jf = new JarFile(jar.toFile())) {
            Attributes a = jf.getManifest() == null ? null : jf.getManifest().getMainAttributes();
            return a == null ? null : a.getValue(name);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
