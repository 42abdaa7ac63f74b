package org.mmsim.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -} as standard input and output, and output that cannot be written ({@code /dev/full}). */
class StandardStreamsIT {
    private static final Path FULL = Path.of("/dev/full");

    @TempDir
    Path work;

    private static Path cve() {
        return Mmsim.dist().resolve("examples/cve-2020-29374.mms");
    }

    @Test
    void outputIntoAFullDeviceIsStatusTwo() {
        assumeTrue(Files.isWritable(FULL), "this system has no /dev/full");
        Path conformance = Mmsim.dist().resolve("examples/conformance");
        String full = "mmsim: cannot write to standard output: No space left on device";
        Path none = Path.of("/dev/null");
        // the hand-written base-page suite: enough output, and quick (the whole matrix takes a minute)
        String[] suite = Conformance.handWritten(conformance);
        Mmsim.Result compare = Mmsim.runRedirected(work, none, FULL, args("compare", suite));
        assertEquals(full, Mmsim.assertOneLineError(compare), compare.describe());
        // a run that passes would be 0
        Mmsim.Result run = Mmsim.runRedirected(work, none, FULL, "run", cve().toString(), "--policy", "unshare");
        assertEquals(full, Mmsim.assertOneLineError(run), run.describe());
        Mmsim.Result file = Mmsim.run(work, args("compare", suite, "--format", "json", "--output", FULL.toString()));
        assertEquals("mmsim: cannot write /dev/full: No space left on device", Mmsim.assertOneLineError(file),
                file.describe());
    }

    @Test
    void dashReadsTheScenarioFromStandardInput() throws IOException {
        Mmsim.Result run = Mmsim.runRedirected(work, cve(), null, "run", "-", "--policy", "mapcount");
        assertEquals(1, run.exit(), run.describe());
        assertTrue(run.out().startsWith("FAIL   -  \"vmsplice() + unmap in child (CVE-2020-29374)\"  [mapcount]\n"),
                run.describe());

        // --output - is standard output; - named twice is read once
        Mmsim.Result json = Mmsim.runRedirected(work, cve(), null, "compare", "-", "-", "--policies", "unshare",
                "--format", "json", "--output", "-");
        assertEquals(0, json.exit(), json.describe());
        assertEquals(1, json.out().split("\"file\": \"-\"", -1).length - 1, "one result" + json.describe());

        Path bad = Files.writeString(work.resolve("bad.mms"), "spawn p\nmmap p buf anon private\nwrtie p buf[0] x\n");
        Mmsim.Result diag = Mmsim.runRedirected(work, bad, null, "run", "-", "--policy", "unshare");
        assertEquals(2, diag.exit(), diag.describe());
        assertEquals(1, diag.errLines().size(), diag.describe());
        assertTrue(diag.err().startsWith("-:3:1: "), diag.describe());
        assertEquals("", diag.out(), diag.describe());
    }

    /** {@code first}, then {@code files}, then {@code rest}. */
    static String[] args(String first, String[] files, String... rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(files));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }
}
