package org.mmsim.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.run.ComparisonResult;
import org.mmsim.core.run.RunResult;
import org.mmsim.core.scenario.Scenario;
import org.mmsim.core.testing.KernelUnsharePolicy;

/** The terminal table: widths, distinct titles, display columns, cells that keep their verdict, tag groups. */
class TableReportTest {
    private static final String BASE = "cow.c: R/O GUP-fast pin on R/O-mapped previously-shared page (base page)";
    private static final String SWAP = "cow.c: R/O GUP-fast pin on R/O-mapped previously-shared page (swapped-out base page)";
    private static final String LIMIT = "line 4: process limit reached (3)";

    private final List<LoadedPolicy> policies = List.of(policy("mapcount"), policy("unshare-cow-mapping"));
    private final List<Scenario> scenarios = new ArrayList<>();
    private final List<RunResult> results = new ArrayList<>();

    private static LoadedPolicy policy(String id) {
        return new LoadedPolicy(id, new KernelUnsharePolicy(id), "p", "1", "", true);
    }

    private static RunResult result(Scenario s, RunResult.Verdict v, List<RunResult.Failure> failures,
                                    List<RunResult.ViolationAt> violations, String error) {
        return new RunResult(s.title(), s.file(), "x", v, List.of(), failures, violations, error, RunResult.Counts.ZERO,
                List.of());
    }

    /** A scenario whose first policy fails on an isolation violation and whose second passes. */
    private void scenario(String file, String title, String... tags) {
        Scenario s = new Scenario(file, title, List.of(tags), List.of());
        scenarios.add(s);
        results.add(result(s, RunResult.Verdict.FAIL, List.of(),
                List.of(new RunResult.ViolationAt("isolation", 13, "child can see it")), null));
        results.add(result(s, RunResult.Verdict.PASS, List.of(), List.of(), null));
    }

    private List<String> table(int width, boolean byTag) throws IOException {
        StringWriter w = new StringWriter();
        BuiltinFormat.TABLE.write(new ComparisonResult(policies, scenarios, results), new ReportOptions(width, byTag), w);
        return w.toString().lines().toList();
    }

    /** The display column where {@code part} starts in {@code line}. */
    private static int column(String line, String part) {
        return Cells.width(line.substring(0, line.indexOf(part)));
    }

    @Test
    void aFailureTheScenarioExpectsSaysXfailAndIsCountedApart() throws IOException {
        scenario("a.mms", "expected to fail", "xfail");
        scenario("b.mms", "not expected to fail");
        List<String> lines = table(0, false);
        assertTrue(lines.get(2).contains("xfail isolation @13") && !lines.get(2).contains("FAIL"), lines.get(2));
        assertTrue(lines.get(3).contains("FAIL isolation @13"), lines.get(3));
        assertTrue(lines.get(5).contains("0 of 2 (1 xfail)") && lines.get(5).contains("2 of 2"), lines.get(5));
        StringWriter md = new StringWriter();
        BuiltinFormat.MARKDOWN.write(new ComparisonResult(policies, scenarios, results), new ReportOptions(0, false), md);
        assertTrue(md.toString().contains("| *xfail* isolation @13 |"), md.toString());
        StringWriter json = new StringWriter();
        BuiltinFormat.JSON.write(new ComparisonResult(policies, scenarios, results), new ReportOptions(0, false), json);
        assertEquals(1, json.toString().split("\"expectedFailure\": true", -1).length - 1, json.toString());
    }

    @Test
    void withoutAWidthNothingIsCut() throws IOException {
        scenario("a.mms", SWAP);
        Scenario s = new Scenario("b.mms", "b", List.of(), List.of());
        scenarios.add(s);
        results.add(result(s, RunResult.Verdict.ERROR, List.of(), List.of(), LIMIT + ", and a long tail of words"));
        results.add(result(s, RunResult.Verdict.FAIL,
                List.of(new RunResult.Failure(14, "secret-1", "secret-2".repeat(8))), List.of(), null));
        List<String> lines = table(0, false);
        assertTrue(lines.get(2).startsWith(SWAP + "  FAIL isolation @13"), lines.get(2));
        assertTrue(lines.get(3).contains("ERROR " + LIMIT + ", and a long tail of words  FAIL line 14: "
                + "secret-2".repeat(8) + " != secret-1"), lines.get(3));
        assertFalse(String.join("\n", lines).contains("…"));
    }

    @Test
    void linesFitTheWidthAndTitlesStayDistinct() throws IOException {
        scenario("x/base.mms", BASE);
        scenario("x/swap.mms", SWAP);
        scenario("x/fast.mms", BASE.replace("GUP-fast", "GUP"));
        List<String> wide = table(0, false);
        for (int width : new int[] {100, 80}) {
            List<String> lines = table(width, false);
            for (String l : lines) {
                assertTrue(Cells.width(l) <= width, width + ": " + l);
            }
            List<String> titles = lines.subList(2, 5).stream().map(l -> l.substring(0, l.indexOf("  FAIL"))).toList();
            assertEquals(3, new HashSet<>(titles).size(), width + ": " + titles);
            assertTrue(titles.get(1).endsWith("(swapped-out base page)"), titles.get(1));
            assertTrue(titles.get(0).endsWith("(base page)"), titles.get(0));
            // cells are whole: only titles gave way
            assertTrue(lines.get(2).endsWith("FAIL isolation @13  pass"), lines.get(2));
        }
        assertTrue(Cells.width(wide.get(3)) > 100, "the unlimited table is wider than the limits tried");
        // too narrow for the titles to stay apart and every cell whole: the lines are wider than asked
        List<String> narrow = table(60, false);
        assertTrue(narrow.get(3).startsWith("cow.c: R/O …swapped-out base page)  FAIL isolation @13  pass"),
                narrow.get(3));
        assertTrue(narrow.get(0).endsWith("  mapcount            unshare-cow-mapping"), "ids are never cut");
    }

    @Test
    void scenariosWithTheSameTitleAreToldApartByTheirFiles() throws IOException {
        scenario("a/x.mms", "same");
        scenario("b/x.mms", "same");
        scenario("c.mms", "other");
        List<String> lines = table(0, false);
        assertTrue(lines.get(2).startsWith("same (a/x.mms)  "), lines.get(2));
        assertTrue(lines.get(3).startsWith("same (b/x.mms)  "), lines.get(3));
        assertTrue(lines.get(4).startsWith("other  "), lines.get(4));
    }

    @Test
    void wideCharactersCountTwoColumns() throws IOException {
        scenario("a.mms", "漢字のシナリオ漢字のシナリオ");
        scenario("b.mms", "plain");
        scenario("c.mms", "e\u0301te\u0301");
        List<String> lines = table(0, false);
        int cells = column(lines.get(0), "mapcount");
        assertEquals(28 + 2, cells); // the widest title: 14 wide characters
        for (int row = 2; row <= 4; row++) {
            assertEquals(cells, column(lines.get(row), "FAIL"), lines.get(row));
        }
        List<String> cut = table(46, false); // the title column gets 20 of its 28
        assertEquals(20 + 2, column(cut.get(0), "mapcount"));
        assertTrue(cut.get(2).startsWith("漢字のシナリオ漢字…   FAIL"), cut.get(2)); // 19 columns and a blank
        assertEquals(20 + 2, column(cut.get(2), "FAIL"));
        assertEquals(20 + 2, column(cut.get(4), "FAIL"));
    }

    @Test
    void cutCellsKeepTheirVerdictAndWhatBroke() throws IOException {
        Scenario s = new Scenario("s.mms", "s", List.of(), List.of());
        scenarios.add(s);
        results.add(result(s, RunResult.Verdict.ERROR, List.of(), List.of(), LIMIT));
        results.add(result(s, RunResult.Verdict.FAIL,
                List.of(new RunResult.Failure(14, "secret-1", "a-much-longer-value")), List.of(), null));
        scenario("t.mms", "t");
        List<String> lines = table(50, false);
        String row = lines.get(2);
        assertEquals("s         ERROR line 4: proc…  FAIL line 14: a-mu…", row);
        assertTrue(Cells.width(row) <= 50, row);
        assertTrue(lines.get(3).contains("FAIL isolation @13"), lines.get(3));
        // narrower than the cells can go: the line overflows rather than lose a verdict or a line number
        List<String> narrow = table(10, false);
        assertTrue(narrow.get(2).contains("  ERROR line 4: pro…  FAIL line 14: a-mu…"), narrow.get(2));
        assertTrue(narrow.get(3).contains("FAIL isolation @13"), narrow.get(3));
    }

    @Test
    void groupedByTagEachTagHeadsItsScenarios() throws IOException {
        scenario("a.mms", "a", "pin", "fork");
        scenario("b.mms", "b");
        scenario("c.mms", "c", "fork");
        List<String> lines = table(0, true);
        List<String> firstWords = lines.stream().map(l -> l.split("  ")[0]).toList();
        assertEquals(List.of("scenario", "--------", "tag: fork", "a", "c", "tag: pin", "a", "no tags", "b",
                "--------", "passed"), firstWords);
        assertEquals("tag: fork", lines.get(2), "a heading is alone on its line");
        assertEquals(List.of("passed", "0 of 3", "3 of 3"), List.of(lines.get(10).split(" {2,}")),
                "totals count each scenario once");
    }
}
