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
    private static String render(BuiltinFormat f, ComparisonResult r) throws IOException {
        StringWriter w = new StringWriter();
        f.write(r, w);
        return w.toString();
    }

    @Test
    void tableAlignsCellsAndCountsPasses() throws IOException {
        List<String> lines = render(BuiltinFormat.TABLE, ReportFixtures.comparison()).lines().toList();
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
        // no width given: nothing is cut
        String whole = lines.get(3).substring(col1, col2).strip();
        assertTrue(whole.startsWith("FAIL line 1: q\"b") && whole.endsWith(" != x"), whole);
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
    void markdownTable() throws IOException {
        List<String> lines = render(BuiltinFormat.MARKDOWN, ReportFixtures.comparison()).lines().toList();
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
        // what each column is, from its summary
        assertEquals(List.of("", "Columns:", ""), lines.subList(7, 10));
        assertTrue(lines.get(10).startsWith("- `unshare` ("), lines.get(10));
        assertTrue(lines.get(11).startsWith("- `mapcount` ("), lines.get(11));
        assertEquals(12, lines.size());
    }

    @Test
    void markdownGroupedByTag() throws IOException {
        StringWriter w = new StringWriter();
        BuiltinFormat.MARKDOWN.write(ReportFixtures.comparison(), new ReportOptions(0, true), w);
        List<String> lines = w.toString().lines().toList();
        // tags in alphabetical order, a scenario under each of its tags, the untagged last
        assertEquals("| **tag: cve** | | |", lines.get(2));
        assertTrue(lines.get(3).startsWith("| vmsplice() + unmap in child"), lines.get(3));
        assertEquals("| **tag: vmsplice** | | |", lines.get(4));
        assertEquals(lines.get(3), lines.get(5));
        assertEquals("| **no tags** | | |", lines.get(6));
        assertTrue(lines.get(7).startsWith("| odd \\* title"), lines.get(7));
        assertEquals("| **passed** | 1 of 2 | 0 of 2 |", lines.get(8));
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
        assertEquals(java.util.Optional.of(BuiltinFormat.JUNIT), BuiltinFormat.find("JUnit"));
        assertEquals(java.util.Optional.empty(), BuiltinFormat.find("tap"), "a plugin's, not a bundled one");
        assertEquals("markdown", BuiltinFormat.MARKDOWN.cliName());
    }
}
