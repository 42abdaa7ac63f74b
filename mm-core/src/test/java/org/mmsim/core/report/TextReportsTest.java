package org.mmsim.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.run.ComparisonResult;
import org.mmsim.core.run.RunResult;
import org.mmsim.core.scenario.Scenario;
import org.mmsim.core.testing.KernelUnsharePolicy;

class TextReportsTest {
    private static String render(ReportFormat f, ComparisonResult r) throws IOException {
        StringWriter w = new StringWriter();
        f.write(r, w);
        return w.toString();
    }

    @Test
    void tableAlignsCellsAndCountsPasses() throws IOException {
        List<String> lines = render(ReportFormat.TABLE, ReportFixtures.comparison()).lines().toList();
        assertEquals(6, lines.size(), String.join("\n", lines));
        String header = lines.get(0);
        assertTrue(header.startsWith("scenario "));
        int col1 = header.indexOf("unshare");
        int col2 = header.indexOf("mapcount");
        assertTrue(lines.get(1).matches("-+  -+  -+"), lines.get(1));
        assertEquals("vmsplice() + unmap in child (CVE-2020-29374)", lines.get(2).substring(0, col1).strip());
        assertEquals("pass", lines.get(2).substring(col1, col2).strip());
        assertEquals("FAIL isolation @13", lines.get(2).substring(col2).strip());
        // line breaks and control characters in the odd title became spaces
        String odd = lines.get(3).substring(0, col1).strip();
        assertTrue(odd.startsWith("odd * title | with q\"b\\s/n t c"), odd);
        String cut = lines.get(3).substring(col1, col2).strip();
        assertTrue(cut.startsWith("FAIL line 1: q\"b") && cut.endsWith("…"), cut);
        assertEquals(TableReport.POLICY_WIDTH, cut.codePointCount(0, cut.length()));
        assertEquals("ERROR timed out after 10s", lines.get(3).substring(col2).strip());
        assertTrue(lines.get(4).matches("-+  -+  -+"), lines.get(4));
        assertEquals("passed", lines.get(5).substring(0, col1).strip());
        assertEquals("1 of 2", lines.get(5).substring(col1, col2).strip());
        assertEquals("0 of 2 (1 error)", lines.get(5).substring(col2).strip());
        for (String l : lines) {
            assertEquals(l.stripTrailing(), l, "no trailing blanks");
        }
    }

    @Test
    void tableCutsLongCells() throws IOException {
        LoadedPolicy p = new LoadedPolicy("p", new KernelUnsharePolicy("p"), "x", "1", "");
        String title = "a title much longer than the scenario column of the terminal table allows";
        Scenario s = new Scenario("s.mms", title, List.of(), List.of());
        RunResult r = new RunResult(title, "s.mms", "p", RunResult.Verdict.ERROR, List.of(), List.of(), List.of(),
                "policy p threw java.lang.IllegalStateException: a very long message that goes on and on",
                RunResult.Counts.ZERO, List.of());
        String out = render(ReportFormat.TABLE, new ComparisonResult(List.of(p), List.of(s), List.of(r)));
        String row = out.lines().toList().get(2);
        String first = row.substring(0, TableReport.SCENARIO_WIDTH);
        assertEquals(title.substring(0, TableReport.SCENARIO_WIDTH - 1) + "…", first);
        String cell = row.substring(TableReport.SCENARIO_WIDTH + 2);
        assertEquals(TableReport.POLICY_WIDTH, cell.length());
        assertTrue(cell.startsWith("ERROR policy p threw") && cell.endsWith("…"), cell);
    }

    @Test
    void markdownTable() throws IOException {
        List<String> lines = render(ReportFormat.MARKDOWN, ReportFixtures.comparison()).lines().toList();
        assertEquals("| scenario | unshare | mapcount |", lines.get(0));
        assertEquals("|:---|:---|:---|", lines.get(1));
        assertEquals("| vmsplice() + unmap in child (CVE-2020-29374) (`examples/cve.mms`) | pass | "
                + "**fail** isolation @13 |", lines.get(2));
        String odd = lines.get(3);
        assertTrue(odd.startsWith("| odd \\* title \\| with q\"b\\\\s/n t c"), odd);
        assertTrue(odd.contains("(dir/odd\\|name.mms)"), odd);
        assertTrue(odd.endsWith("| **fail** line 1: " + MarkdownReport.escape(ReportFixtures.NASTY.replace('\n', ' ')
                .replace('\t', ' ').replace('\u0001', ' ').replace('\u2028', ' ')) + " != x | *error* timed out after 10s |"), odd);
        // every row has the same number of unescaped pipes
        for (int i = 0; i < 5; i++) {
            assertEquals(4, lines.get(i).replace("\\|", "").chars().filter(c -> c == '|').count(), lines.get(i));
        }
        assertEquals("| **passed** | 1 of 2 | 0 of 2 |", lines.get(4));
        assertEquals("", lines.get(5));
        assertEquals(MarkdownReport.LEGEND, lines.get(6));
    }

    @Test
    void runTextLines() {
        ComparisonResult c = ReportFixtures.comparison();
        RunResult fail = c.cell(0, 1);
        assertEquals("FAIL   examples/cve.mms  \"vmsplice() + unmap in child (CVE-2020-29374)\"  [mapcount]",
                RunText.verdictLine(fail));
        assertEquals(List.of("  line 13: isolation: child can see 'secret-2' through pipe",
                "  line 14: expected secret-1, got secret-2"), RunText.details(fail));
        assertEquals("PASS   examples/cve.mms  \"vmsplice() + unmap in child (CVE-2020-29374)\"  [unshare]",
                RunText.verdictLine(c.cell(0, 0)));
        assertEquals(List.of("  error: timed out after 10s"), RunText.details(c.cell(1, 1)));
    }

    @Test
    void formatNames() {
        assertEquals(ReportFormat.JUNIT, ReportFormat.parse("JUnit"));
        assertEquals("markdown", ReportFormat.MARKDOWN.cliName());
    }
}
