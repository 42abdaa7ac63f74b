package org.mmsim.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsim.testkit.MiniJson;

/** {@code compare --tags}, {@code --group-by tag} and the table's width ({@code --width}, MMSIM_COLUMNS). */
class CompareLayoutTest {
    private static final String LONG = "a scenario title long enough to be cut in a narrow terminal table";

    @TempDir
    Path tmp;
    Path dir;
    final Cli cli = new Cli();
    String out;
    String err;

    @BeforeEach
    void scenarios() throws IOException {
        dir = Files.createDirectories(tmp.resolve("s"));
        Files.createDirectories(tmp.resolve("plugins"));
        write("a.mms", "scenario \"" + LONG + "\"\ntags pin fork\n");
        write("b.mms", "spawn p\n");
        write("c.mms", "tags fork\nspawn p\n");
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text + "spawn q\n");
    }

    /** {@code mmsim compare DIR ARGS...} with one policy and that environment. */
    private int compare(Map<String, String> env, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "compare";
        all[1] = dir.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int status = cli.run(tmp.resolve("plugins"), env, all);
        out = cli.out;
        err = cli.err;
        return status;
    }

    private int compare(String... args) {
        return compare(Map.of(), args);
    }

    @SuppressWarnings("unchecked")
    private List<String> files() {
        List<Object> results = (List<Object>) ((Map<String, Object>) MiniJson.parse(out)).get("results");
        return results.stream().map(r -> Path.of((String) ((Map<String, Object>) r).get("file")).getFileName()
                .toString()).toList();
    }

    @Test
    void tagsRunOnlyTheScenariosCarryingOneOfThem() {
        assertEquals(0, compare("--tags", "pin", "--format", "json"), err);
        assertEquals(List.of("a.mms"), files());
        assertEquals(0, compare("--tags", "pin, fork", "--format", "json"), err);
        assertEquals(List.of("a.mms", "c.mms"), files());
    }

    @Test
    void aTagNoScenarioCarriesIsAUsageError() {
        assertEquals(2, compare("--tags", "pin,forks"));
        assertEquals("mmsim: --tags: no scenario carries 'forks' (tags: fork, pin)\n", err);
        assertEquals("", out);
        assertEquals(2, compare("--tags", "pin,"));
        assertEquals("mmsim: --tags: empty tag in 'pin,'\n", err);
    }

    @Test
    void groupByTagHeadsEachTag() {
        assertEquals(0, compare("--group-by", "tag"), err);
        List<String> firstColumn = out.lines().map(l -> l.split("  ")[0]).toList();
        assertEquals(List.of("scenario", "tag: fork", LONG, "c", "tag: pin", LONG, "no tags", "b", "passed"),
                firstColumn.stream().filter(w -> !w.startsWith("---")).toList());
        assertEquals(0, compare("--group-by", "tag", "--format", "markdown"), err);
        assertTrue(out.contains("| **tag: fork** | |\n"), out);
        assertEquals(2, compare("--group-by", "tag", "--format", "json"));
        assertEquals("mmsim: --group-by applies to --format table, markdown and html (json gives each result's tags)\n", err);
        assertEquals(2, compare("--group-by", "file"));
        assertEquals("mmsim: --group-by must be tag, not 'file'\n", err);
    }

    @Test
    void theTableFitsTheWidthAskedFor() {
        assertEquals(0, compare("--width", "40"), err);
        for (String line : out.lines().toList()) {
            assertTrue(line.length() <= 40, line);
        }
        assertTrue(out.contains("a scenario title long enough t…  pass"), out);
        assertEquals(0, compare("--width", "0"), err);
        assertTrue(out.contains(LONG + "  pass"), out);
        assertEquals(2, compare("--width", "-1"));
        assertEquals("mmsim: --width must be 0 (no limit) to 100000, not -1\n", err);
        assertEquals(2, compare("--width", "40", "--format", "markdown"));
        assertEquals("mmsim: --width applies to --format table only\n", err);
    }

    @Test
    void theTerminalWidthComesFromTheLauncherAndNeverCutsAFile() throws IOException {
        assertEquals(0, compare(), err);
        assertTrue(out.contains(LONG + "  pass"), "no terminal: nothing cut\n" + out);
        assertEquals(0, compare(Map.of("MMSIM_COLUMNS", "40")), err);
        assertTrue(out.contains("a scenario title long enough t…  pass"), out);
        assertEquals(0, compare(Map.of("MMSIM_COLUMNS", "40"), "--width", "0"), err);
        assertTrue(out.contains(LONG + "  pass"), "--width wins\n" + out);
        assertEquals(0, compare(Map.of("MMSIM_COLUMNS", "wide")), err);
        assertTrue(out.contains(LONG + "  pass"), "not a number: as if unknown\n" + out);
        Path file = tmp.resolve("table.txt");
        assertEquals(0, compare(Map.of("MMSIM_COLUMNS", "40"), "--output", file.toString()), err);
        assertTrue(Files.readString(file).contains(LONG + "  pass"), "a file is never cut");
    }
}
