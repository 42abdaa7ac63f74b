package org.mmsim.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mmsim explore} and {@code mmsim diff}: exit statuses, the summary line, and replayable findings. */
class ExploreIT {
    private static final Pattern SUMMARY = Pattern.compile(
            "explored \\d+ states \\(\\d+ distinct\\) to depth \\d+ in [0-9.]+ s: \\d+ distinct states/s");

    @TempDir
    Path work;

    private static String last(Mmsim.Result r) {
        List<String> lines = r.outLines();
        return lines.get(lines.size() - 1);
    }

    @Test
    void exploreFindsTheVmspliceLeakUnderMapcountAndTheFileReplaysIt() throws Exception {
        Mmsim.Result r = Mmsim.run(work, "explore", "--policy", "mapcount", "--depth", "5",
                "--statements", "write,fork,munmap,vmsplice,peek", "--out", "found");
        assertEquals(1, r.exit(), r.describe());
        assertTrue(SUMMARY.matcher(last(r)).matches(), "the last line is the summary: " + r.describe());
        Path found = work.resolve("found/isolation-mapcount.mms");
        String text = Files.readString(found, StandardCharsets.UTF_8);
        assertTrue(text.contains("vmsplice p0 buf[0] as h0"), text);
        Mmsim.Result replay = Mmsim.run(work, "run", found.toString(), "--policy", "mapcount");
        assertEquals(1, replay.exit(), replay.describe());
        assertTrue(replay.out().contains(": isolation: "), replay.describe());
        assertTrue(!replay.out().contains("expected "), "every expectation holds: " + replay.describe());
        Mmsim.Result fixed = Mmsim.run(work, "run", found.toString(), "--policy", "page-count");
        assertTrue(!fixed.out().contains(": isolation: "), "page-count copies instead: " + fixed.describe());
    }

    @Test
    void exploreOfTheNewestPolicyFindsNothing() {
        Mmsim.Result r = Mmsim.run(work, "explore", "--policy", "unshare-cow-mapping", "--depth", "4");
        assertEquals(0, r.exit(), r.describe());
        assertTrue(r.out().contains("no violation under unshare-cow-mapping up to depth 4"), r.describe());
        assertTrue(SUMMARY.matcher(last(r)).matches(), r.describe());
    }

    @Test
    void diffTellsUnshareFromItsSuccessorButNotFromItsRenaming() throws Exception {
        Mmsim.Result same = Mmsim.run(work, "diff", "unshare", "make-anon-exclusive", "--depth", "4");
        assertEquals(0, same.exit(), same.describe());
        assertTrue(Pattern.matches("no difference up to depth 4 \\(\\d+ states\\)", last(same)), same.describe());

        Mmsim.Result differ = Mmsim.run(work, "diff", "unshare", "unshare-cow-mapping", "--depth", "4",
                "--files", "1", "--out", "found");
        assertEquals(1, differ.exit(), differ.describe());
        String text = Files.readString(work.resolve("found/diff-unshare-unshare-cow-mapping.mms"),
                StandardCharsets.UTF_8);
        assertTrue(text.contains("pin p0 buf[0] ro longterm as h0"), text);
        assertTrue(text.contains("# unshare: 0, unshare-cow-mapping: P0"), text);
    }

    @Test
    void badUniverseOptionsAreUsageErrors() {
        Mmsim.Result r = Mmsim.run(work, "explore", "--policy", "unshare", "--depth", "99");
        assertEquals(2, r.exit(), r.describe());
        Mmsim.assertOneLineError(r);
        Mmsim.Result s = Mmsim.run(work, "explore", "--policy", "unshare", "--statements", "write,frobnicate");
        assertEquals(2, s.exit(), s.describe());
        Mmsim.assertOneLineError(s);
    }
}
