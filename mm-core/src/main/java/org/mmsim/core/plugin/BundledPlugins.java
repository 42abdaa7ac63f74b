package org.mmsim.core.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which plugin jars shipped with this distribution: those whose SHA-256 the build listed in
 * {@code <mmsim.home>/lib/bundled-plugins.sha256} (lines {@code HEX  FILENAME}, as sha256sum writes
 * them). Only the content counts: a jar that carries a bundled jar's name but other bytes is third-party.
 */
public final class BundledPlugins {
    /** The list's file name, in the distribution's {@code lib/}. */
    public static final String FILE = "bundled-plugins.sha256";

    /** No jar is bundled (no distribution around, or no list in it). */
    public static final BundledPlugins NONE = new BundledPlugins(Set.of());

    private final Set<String> hashes;

    private BundledPlugins(Set<String> hashes) {
        this.hashes = hashes;
    }

    /** The jars listed in {@code <home>/lib/bundled-plugins.sha256}; {@link #NONE} without a home or a list. */
    public static BundledPlugins ofHome(String home) {
        if (home == null || home.isBlank()) {
            return NONE;
        }
        Path list = Path.of(home, "lib", FILE);
        try {
            return new BundledPlugins(Files.readAllLines(list, StandardCharsets.UTF_8).stream()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty())
                    .map(line -> line.split("\\s+", 2)[0].toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet()));
        } catch (IOException | RuntimeException e) {
            return NONE; // then every plugin is third-party: safe, only stricter
        }
    }

    /** The jars with these SHA-256 sums (hex), for tests. */
    public static BundledPlugins of(Set<String> sha256) {
        return new BundledPlugins(sha256.stream().map(h -> h.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet()));
    }

    /** Whether {@code jar}'s content is one the distribution shipped. */
    public boolean contains(Path jar) {
        if (hashes.isEmpty() || jar == null) {
            return false;
        }
        try {
            return hashes.contains(sha256(jar));
        } catch (IOException e) {
            return false;
        }
    }

    /** The file's SHA-256, lower-case hex. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e); // every Java SE has it
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
