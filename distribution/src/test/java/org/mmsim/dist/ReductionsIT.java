package org.mmsim.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The explorer's reductions under every bundled policy: the same findings at the same lengths with
 * the default ones (symmetry of pages, handles and processes, skipping) and with sleep sets added
 * as with none, and fewer states. Depth 5 here; {@code -Dmmsim.reductions.depth=6} checks
 * depth 6 (about a minute more).
 */
class ReductionsIT {
    private static final Pattern SUMMARY = Pattern.compile("explored (\\d+) states \\((\\d+) distinct\\) to depth (\\d+)");
    private static final String DEPTH = Integer.toString(Integer.getInteger("mmsim.reductions.depth", 5));

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"mapcount", "page-count", "unshare", "make-anon-exclusive", "unshare-cow-mapping",
            "fail-pin"})
    void findingsAndLengthsAreTheSameWithoutTheReductions(String policy) {
        Mmsim.Result reduced = Mmsim.run(work, "explore", "--policy", policy, "--depth", DEPTH);
        Mmsim.Result sleeping = Mmsim.run(work, "explore", "--policy", policy, "--depth", DEPTH, "--sleep-sets");
        Mmsim.Result plain = Mmsim.run(work, "explore", "--policy", policy, "--depth", DEPTH, "--no-symmetry",
                "--no-skip");
        assertEquals(plain.exit(), reduced.exit(), reduced.describe());
        assertEquals(plain.exit(), sleeping.exit(), sleeping.describe());
        assertEquals(findings(plain), findings(reduced), reduced.describe() + plain.describe());
        assertEquals(findings(plain), findings(sleeping), sleeping.describe() + plain.describe());
        long[] r = counts(reduced);
        long[] s = counts(sleeping);
        long[] p = counts(plain);
        assertEquals(Long.parseLong(DEPTH), r[2], reduced.describe());
        assertTrue(r[1] * 3 < p[1], "symmetry divides the distinct states by more than three: " + r[1] + " vs " + p[1]);
        assertEquals(r[1], s[1], "sleep sets keep every state of the symmetric search");
        assertTrue(s[0] < r[0] && r[0] < p[0], "and fewer moves each: " + s[0] + ", " + r[0] + " vs " + p[0]);
    }

    /** The lines naming a finding and its length, e.g. {@code isolation under mapcount: 4 statement(s)}. */
    private static List<String> findings(Mmsim.Result r) {
        return r.outLines().stream().filter(l -> l.endsWith("statement(s)")).sorted().toList();
    }

    private static long[] counts(Mmsim.Result r) {
        Matcher m = SUMMARY.matcher(r.out());
        assertTrue(m.find(), r.describe());
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))};
    }
}
