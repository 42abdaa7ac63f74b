package org.mmsim.testkit.junit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.mmsim.api.PolicyProvider;
import org.mmsim.core.plugin.PolicyCatalog;

/**
 * The policy providers of the plugins on the test class path (the bundled plugins an author adds as
 * test dependencies to compare with), found as PF4J finds them: through each jar's
 * {@code META-INF/extensions.idx}. No PF4J class loaders: one class path holds them all.
 */
final class ClassPathProviders {
    private static final String INDEX = "META-INF/extensions.idx";

    private ClassPathProviders() {
    }

    /** Every provider on the class path except those of class {@code skip} (the policy under test's own). */
    static List<PolicyCatalog.Contribution> all(ClassLoader loader, Class<?> skip) {
        List<PolicyCatalog.Contribution> found = new ArrayList<>();
        try {
            for (Enumeration<URL> e = loader.getResources(INDEX); e.hasMoreElements(); ) {
                URL index = e.nextElement();
                String plugin = pluginId(index);
                for (String name : classNames(index)) {
                    if (name.equals(skip.getName())) {
                        continue;
                    }
                    PolicyProvider p = instantiate(loader, name);
                    if (p != null) {
                        // trusted, as the distribution trusts its bundled plugins: they are the yardstick
                        found.add(new PolicyCatalog.Contribution(plugin, "class-path", true, p));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + INDEX + " from the class path", e);
        }
        return found;
    }

    private static List<String> classNames(URL index) throws IOException {
        List<String> names = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(index.openStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    names.add(line);
                }
            }
        }
        return names;
    }

    /** The provider, or null when the class is another kind of extension. */
    private static PolicyProvider instantiate(ClassLoader loader, String name) {
        try {
            Class<?> c = Class.forName(name, true, loader);
            if (!PolicyProvider.class.isAssignableFrom(c)) {
                return null;
            }
            return (PolicyProvider) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("extension " + name + " (listed in a " + INDEX
                    + " on the class path) cannot be created: " + e, e);
        }
    }

    /** The jar's Plugin-Id, else a name for the class-path entry. */
    private static String pluginId(URL index) {
        if (index.getProtocol().equals("jar")) {
            try {
                JarURLConnection c = (JarURLConnection) index.openConnection();
                c.setUseCaches(false);
                try (JarFile jar = c.getJarFile()) {
                    Manifest mf = jar.getManifest();
                    String id = mf == null ? null : mf.getMainAttributes().getValue("Plugin-Id");
                    if (id != null && !id.isBlank()) {
                        return id.strip();
                    }
                }
            } catch (IOException e) {
                // fall through: named after its location
            }
        }
        return "class-path:" + index;
    }
}
