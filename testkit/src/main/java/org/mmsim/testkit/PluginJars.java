package org.mmsim.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes PF4J plugin jars for tests from classes of the test class path: a MANIFEST.MF carrying the
 * plugin descriptor (Plugin-Id, Plugin-Version, ...), the class files, and META-INF/extensions.idx
 * naming the extension classes.
 */
public final class PluginJars {
    private PluginJars() {
    }

    /**
     * A plugin jar with the given manifest attributes (Plugin-Id etc.; no manifest at all when
     * {@code attributes} is null), the given classes and an extensions index naming
     * {@code extensions} (no index when null).
     */
    public static Path write(Path jar, Map<String, String> attributes, List<Class<?>> classes, List<String> extensions)
            throws IOException {
        try (OutputStream os = Files.newOutputStream(jar)) {
            JarOutputStream out;
            if (attributes != null) {
                Manifest mf = new Manifest();
                mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
                attributes.forEach((k, v) -> mf.getMainAttributes().putValue(k, v));
                out = new JarOutputStream(os, mf);
            } else {
                out = new JarOutputStream(os);
            }
            try (out) {
                for (Class<?> c : classes) {
                    String name = c.getName().replace('.', '/') + ".class";
                    out.putNextEntry(new JarEntry(name));
                    try (InputStream in = c.getClassLoader().getResourceAsStream(name)) {
                        if (in == null) {
                            throw new IOException("no class file " + name + " on the test class path");
                        }
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
                if (extensions != null) {
                    out.putNextEntry(new JarEntry("META-INF/extensions.idx"));
                    out.write((String.join("\n", extensions) + "\n").getBytes(StandardCharsets.UTF_8));
                    out.closeEntry();
                }
            }
        }
        return jar;
    }

    /** The usual descriptor: id, version 1.2.3, requires >=0.1.0. */
    public static Map<String, String> descriptor(String id) {
        return Map.of("Plugin-Id", id, "Plugin-Version", "1.2.3", "Plugin-Requires", ">=0.1.0",
                "Plugin-Provider", "tests");
    }

    /** A descriptor with the given version and description, requiring the API version 0.1.0 or later. */
    public static Map<String, String> descriptor(String id, String version, String description) {
        return Map.of("Plugin-Id", id, "Plugin-Version", version, "Plugin-Requires", ">=0.1.0",
                "Plugin-Provider", "mmsim end-to-end tests", "Plugin-Description", description);
    }
}
