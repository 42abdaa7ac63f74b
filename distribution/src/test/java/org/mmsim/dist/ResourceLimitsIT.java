package org.mmsim.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsim.testkit.MiniJson;

/**
 * {@code --max-processes}, {@code --max-handles} and {@code --max-frames} of {@code run} and
 * {@code compare}: a scenario that goes past a limit ends in an {@code error} cell that names the
 * limit and the line; the same scenario under the default limits passes; a limit below 1 is a
 * usage error.
 */
class ResourceLimitsIT {
    static final String FORKS = """
            spawn p0
            fork p0 p1
            fork p1 p2
            fork p2 p3
            exit p3
            exit p2
            exit p1
            exit p0
            """;
    static final String PINS = """
            spawn p
            mmap p buf anon private pages=3
            pin p buf[0] rw as h0
            pin p buf[1] rw as h1
            get p buf[2] ro as h2
            release h0
            release h1
            release h2
            exit p
            """;
    /** 16 pages written one by one: 16 frames, plus the zero page's, 17 in all. */
    static final String FRAMES;

    static {
        StringBuilder b = new StringBuilder("spawn p\nmmap p big anon private pages=16\n");
        for (int i = 0; i < 16; i++) {
            b.append("write p big[").append(i).append("] v").append(i).append('\n');
        }
        FRAMES = b.append("exit p\n").toString();
    }

    @TempDir
    Path work;

    @Test
    void processLimit() throws Exception {
        Map<String, Object> cell = compare("forks.mms", FORKS, "--max-processes", "3");
        assertEquals("error", cell.get("verdict"), cell.toString());
        assertEquals("line 4: process limit reached (3)", cell.get("error"), cell.toString());
        assertEquals(3, ((List<?>) cell.get("steps")).size(), "the three statements before the limit ran: " + cell);
        assertEquals("pass", compare("forks.mms", FORKS, "--max-processes", "4").get("verdict"));
        assertEquals("pass", compare("forks.mms", FORKS).get("verdict"));
    }

    @Test
    void handleLimit() throws Exception {
        Map<String, Object> cell = compare("pins.mms", PINS, "--max-handles", "2");
        assertEquals("error", cell.get("verdict"), cell.toString());
        assertEquals("line 5: handle limit reached (2)", cell.get("error"), cell.toString());
        assertEquals("pass", compare("pins.mms", PINS, "--max-handles", "3").get("verdict"));
    }

    @Test
    void frameLimit() throws Exception {
        Map<String, Object> cell = compare("frames.mms", FRAMES, "--max-frames", "8");
        assertEquals("error", cell.get("verdict"), cell.toString());
        String error = (String) cell.get("error");
        // one frame is not a written page (17 for 16 pages, above): seven writes fit, the eighth (line 10) does not
        assertEquals("line 10: frame limit reached (8 frames)", error, cell.toString());
        assertEquals("pass", compare("frames.mms", FRAMES, "--max-frames", "17").get("verdict"));
    }

    /** {@code run}: the verdict line carries the same error, and the status is 1 (a run did not pass). */
    @Test
    void runReportsTheLimitToo() throws Exception {
        Files.writeString(work.resolve("forks.mms"), FORKS, StandardCharsets.UTF_8);
        Mmsim.Result r = Mmsim.run(work, "run", "forks.mms", "--policy", "unshare", "--max-processes", "2");
        assertEquals(1, r.exit(), r.describe());
        assertTrue(r.out().contains("ERROR") && r.out().contains("error: line 3: process limit reached (2)"), r.describe());
    }

    @Test
    void limitsMustBePositive() throws Exception {
        Files.writeString(work.resolve("forks.mms"), FORKS, StandardCharsets.UTF_8);
        for (String option : List.of("--max-processes", "--max-handles", "--max-frames")) {
            for (String command : List.of("run", "compare")) {
                List<String> args = command.equals("run")
                        ? List.of("run", "forks.mms", "--policy", "unshare", option, "0")
                        : List.of("compare", "forks.mms", option, "0");
                Mmsim.Result r = Mmsim.run(work, args.toArray(String[]::new));
                String line = Mmsim.assertOneLineError(r);
                assertEquals("mmsim: " + option + " must be at least 1, not 0", line, r.describe());
            }
        }
        Mmsim.Result r = Mmsim.run(work, "compare", "forks.mms", "--max-frames", "lots");
        assertTrue(Mmsim.assertOneLineError(r).contains("--max-frames"), r.describe());
    }

    /** compare under unshare, JSON; the one cell. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> compare(String name, String text, String... limits) throws Exception {
        Files.writeString(work.resolve(name), text, StandardCharsets.UTF_8);
        List<String> args = new java.util.ArrayList<>(List.of("compare", name, "--policies", "unshare", "--format", "json"));
        args.addAll(List.of(limits));
        Mmsim.Result r = Mmsim.run(work, args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.describe());
        assertEquals("", r.err(), r.describe());
        Map<String, Object> json = (Map<String, Object>) MiniJson.parse(r.out());
        List<Map<String, Object>> results = (List<Map<String, Object>>) json.get("results");
        assertEquals(1, results.size(), r.describe());
        return results.get(0);
    }
}
