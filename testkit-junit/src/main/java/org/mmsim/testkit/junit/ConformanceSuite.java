package org.mmsim.testkit.junit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The conformance suite (the kernel selftest cow.c ported, examples/conformance of the project),
 * packaged in this jar under {@value #ROOT}: listed from the jar itself, or from the directory when
 * the kit runs from a build's classes (the project's own reactor, an IDE).
 */
final class ConformanceSuite {
    static final String ROOT = "org/mmsim/testkit/junit/conformance/";
    /** What failure messages call the suite's files: {@code conformance/thp-2M/anon-basic-cow.mms:12}. */
    static final String PREFIX = "conformance/";

    private ConformanceSuite() {
    }

    /** Every scenario of the suite, sorted by path. */
    static List<ScenarioSource> all() {
        URL root = ConformanceSuite.class.getClassLoader().getResource(ROOT);
        if (root == null) {
            throw new IllegalStateException("the conformance suite is missing from the class path (" + ROOT + ")");
        }
        List<String> names = root.getProtocol().equals("jar") ? inJar(root) : inDirectory(root);
        List<ScenarioSource> sources = new ArrayList<>();
        for (String name : names) {
            sources.add(load(name));
        }
        if (sources.isEmpty()) {
            throw new IllegalStateException("the conformance suite under " + root + " holds no scenario");
        }
        return sources;
    }

    private static List<String> inJar(URL root) {
        List<String> names = new ArrayList<>();
        try {
            JarURLConnection c = (JarURLConnection) root.openConnection();
            c.setUseCaches(false);
            try (JarFile jar = c.getJarFile()) {
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    String n = e.nextElement().getName();
                    if (n.startsWith(ROOT) && n.endsWith(".mms")) {
                        names.add(n.substring(ROOT.length()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the conformance suite in " + root, e);
        }
        names.sort(null);
        return names;
    }

    private static List<String> inDirectory(URL root) {
        Path dir;
        try {
            dir = Path.of(root.toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot list the conformance suite at " + root, e);
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(f -> f.toString().endsWith(".mms"))
                    .map(f -> dir.relativize(f).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the conformance suite in " + dir, e);
        }
    }

    private static ScenarioSource load(String name) {
        try (InputStream in = ConformanceSuite.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("conformance scenario " + name + " vanished from the class path");
            }
            return new ScenarioSource(PREFIX + name, URI.create("classpath:/" + ROOT + name), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read conformance scenario " + name, e);
        }
    }
}
