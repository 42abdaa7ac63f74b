package org.mmsim.core.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.mmsim.core.plugin.PolicyCatalog;
import org.mmsim.core.scenario.Scenario;
import org.mmsim.core.scenario.Statement;

/**
 * {@code mmsim export --c}: a scenario as a standalone C program for any Linux box. The program is
 * the host runtime ({@code mms_runtime.c}, the same code the host column's helper runs) and a
 * main() that calls it once per statement, in order, each call beside its statement; it prints
 * each step as {@code run --format json} lists steps, checks the expectations and exits 0 when all
 * hold (those on unsupported steps are skipped), 1 otherwise.
 */
public final class CExport {
    private CExport() {
    }

    /** The runtime's source, as shipped inside mmsim. */
    static String runtime() {
        try (InputStream in = CExport.class.getResourceAsStream("mms_runtime.c")) {
            if (in == null) {
                throw new IllegalStateException("mms_runtime.c is missing from mmsim");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String program(Scenario scenario) {
        StringBuilder sb = new StringBuilder();
        sb.append("/*\n * Reproducer exported by mmsim ").append(PolicyCatalog.API_VERSION).append(" from ")
                .append(comment(scenario.file())).append(":\n *\n *   scenario ")
                .append(comment(quoted(scenario.title()))).append('\n');
        for (Statement s : scenario.statements()) {
            sb.append(" *   ").append(comment(s.text() + (s.expect() == null ? "" : " expect " + s.expect())))
                    .append('\n');
        }
        boolean settings = HostCall.needsSettings(scenario);
        sb.append(" *\n * Build and run on any Linux 5.6 or later (root for io_uring buffers beyond RLIMIT_MEMLOCK):\n")
                .append(" *   cc -O2 -Wall repro.c && ./a.out\n")
                .append(" * Prints each step as `mmsim run --format json` lists steps; exit status 0 when every\n")
                .append(" * expectation holds (expectations on unsupported steps are skipped), 1 otherwise.\n");
        if (settings) {
            sb.append(" * It uses large folios: run it as root. It sets the THP sizes and hugetlb pools the language\n")
                    .append(" * starts from, and puts back what they were when it ends (after a SIGKILL, the next run does).\n");
        }
        sb.append(" */\n");
        sb.append(runtime());
        sb.append("\nint main(void) {\n    ").append(settings ? "mms_begin_large_folios();" : "mms_begin();").append('\n');
        for (Statement s : scenario.statements()) {
            sb.append("    mms_step(").append(s.line()).append(", ").append(HostCall.cString(s.text())).append(", ")
                    .append(HostCall.of(s.op()).c()).append(", ")
                    .append(s.expect() == null ? "NULL" : HostCall.cString(s.expect())).append(");\n");
        }
        sb.append("    mms_end();\n    return mms_failed ? 1 : 0;\n}\n");
        return sb.toString();
    }

    /** A title as the language quotes it. */
    private static String quoted(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** Text safe inside a C comment. */
    private static String comment(String s) {
        // no comment ends or nests, and no trigraph "??/" splices the next line (gcc -Wall warns of both)
        return s.replace("*/", "* /").replace("/*", "/ *").replace("??", "? ?").replaceAll("[\\p{Cntrl}]", " ");
    }
}
