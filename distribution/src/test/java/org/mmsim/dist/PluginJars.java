package org.mmsim.dist;

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
 * Writes PF4J plugin jars from classes of the test class path: a MANIFEST.MF carrying the plugin
 * descriptor (Plugin-Id, Plugin-Version, ...), the class files, and META-INF/extensions.idx naming
 * the extension classes. Adapted from mm-core's test helper of the same name.
 */
final class PluginJars {
    private PluginJars() {
    }

    /** A plugin jar with the given descriptor, classes and extension index. */
    static Path write(Path jar, Map<String, String> descriptor, List<Class<?>> classes, List<Class<?>> extensions)
            throws IOException {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        descriptor.forEach((k, v) -> mf.getMainAttributes().putValue(k, v));
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os, mf)) {
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
            out.putNextEntry(new JarEntry("META-INF/extensions.idx"));
            StringBuilder idx = new StringBuilder();
            for (Class<?> e : extensions) {
                idx.append(e.getName()).append('\n');
            }
            out.write(idx.toString().getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    /** A descriptor: id, version, requires the API version 0.1.0 or later. */
    static Map<String, String> descriptor(String id, String version) {
        return Map.of("Plugin-Id", id, "Plugin-Version", version, "Plugin-Requires", ">=0.1.0",
                "Plugin-Provider", "mmsim end-to-end tests", "Plugin-Description", "hostile policies for the ITs");
    }
}
