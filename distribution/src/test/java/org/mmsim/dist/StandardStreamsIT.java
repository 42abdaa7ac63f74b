package org.mmsim.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output that cannot be written ({@code /dev/full}). */
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
        Mmsim.Result compare = Mmsim.runRedirected(work, none, FULL, "compare", conformance.toString());
        assertEquals(full, Mmsim.assertOneLineError(compare), compare.describe());
        // a run that passes would be 0
        Mmsim.Result run = Mmsim.runRedirected(work, none, FULL, "run", cve().toString(), "--policy", "unshare");
        assertEquals(full, Mmsim.assertOneLineError(run), run.describe());
        Mmsim.Result file = Mmsim.run(work, "compare", conformance.toString(), "--format", "json",
                "--output", FULL.toString());
        assertEquals("mmsim: cannot write /dev/full: No space left on device", Mmsim.assertOneLineError(file),
                file.describe());
    }
}
