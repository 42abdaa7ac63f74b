package org.mmsim.testkit.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One scenario file: the name failure messages give it ({@code name:line: ...}), where it lives (a
 * file or a class-path resource, for the IDE's "go to source") and its bytes.
 */
record ScenarioSource(String name, URI uri, byte[] content) {
    /** A file as it is, a directory as every {@code .mms} file below it, sorted by path. */
    static List<ScenarioSource> below(Path fileOrDir) {
        if (!Files.exists(fileOrDir)) {
            throw new IllegalArgumentException(fileOrDir + ": no such file or directory");
        }
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(fileOrDir)) {
            try (Stream<Path> walk = Files.walk(fileOrDir)) {
                walk.filter(f -> f.toString().endsWith(".mms") && Files.isRegularFile(f)).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(fileOrDir + ": cannot list it", e);
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException(fileOrDir + ": no .mms files below it");
            }
        } else {
            files.add(fileOrDir);
        }
        List<ScenarioSource> sources = new ArrayList<>();
        for (Path f : files) {
            try {
                sources.add(new ScenarioSource(f.toString(), f.toUri(), Files.readAllBytes(f)));
            } catch (IOException e) {
                throw new UncheckedIOException(f + ": cannot read it", e);
            }
        }
        return sources;
    }

    /** The text of line {@code line} (1-based), or "" past the end. */
    String line(int line) {
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\n", -1);
        return line >= 1 && line <= lines.length ? lines[line - 1] : "";
    }
}
