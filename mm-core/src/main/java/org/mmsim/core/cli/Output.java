package org.mmsim.core.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a report goes: {@code --output FILE}, else (or with {@code --output -}) standard output. */
final class Output {
    private Output() {
    }

    interface Body {
        void write(Writer w) throws IOException;
    }

    /**
     * Writes {@code body} to {@code file} (UTF-8), or to {@code stdout} when file is null or {@code -}
     * (whose write errors {@link Main#execute} reports).
     */
    static void write(Path file, PrintWriter stdout, Body body) {
        if (file == null || file.toString().equals(ScenarioFiles.STANDARD_STREAM)) {
            try {
                body.write(stdout);
            } catch (IOException e) {
                throw CliException.usage("cannot write the report: " + Main.oneLine(e.getMessage()));
            }
            stdout.flush();
            return;
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            body.write(w);
        } catch (IOException e) {
            throw CliException.usage("cannot write " + file + ": " + reason(e));
        }
    }

    static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            return Main.oneLine(fse.getReason());
        }
        return Main.oneLine(String.valueOf(e.getMessage()));
    }
}
