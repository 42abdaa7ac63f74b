package org.mmsim.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.mmsim.api.WpDecision;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.mm.Machine;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.run.ComparisonResult;
import org.mmsim.core.run.RunResult;
import org.mmsim.core.run.ScenarioRunner;
import org.mmsim.core.run.StepObserver;
import org.mmsim.core.scenario.Scenario;
import org.mmsim.core.scenario.ScenarioParser;
import org.mmsim.core.testing.KernelUnsharePolicy;

/** The HTML report's mechanics: what each step carries, how runs are packed, how swap runs fold. */
class HtmlReportTest {
    private static final String CVE = """
            scenario "vmsplice() + unmap in child"
            spawn parent
            mmap parent buf anon private pages=1
            write parent buf[0] secret-1
            fork parent child
            vmsplice child buf[0] as pipe
            munmap child buf
            write parent buf[0] secret-2
            peek pipe expect secret-1
            exit child
            exit parent
            """;

    private static Scenario cve() throws Exception {
        return ScenarioParser.parse("cve.mms", CVE.getBytes(StandardCharsets.UTF_8));
    }

    /** A policy that reuses every page on a write fault, as Linux up to 5.7 did here. */
    private static KernelUnsharePolicy reuseAlways() {
        KernelUnsharePolicy p = new KernelUnsharePolicy("reuse");
        p.wp = WpDecision.REUSE;
        p.keepsExclusive = false;
        return p;
    }

    private static String unpack(String base64) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(base64)))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void eachStepCarriesItsOutcomeExpectationProblemsAndTrace() throws Exception {
        Scenario s = cve();
        RunResult r = new ScenarioRunner(new FlagRegistry(), Limits.DEFAULT).run(s, reuseAlways(), true);
        assertEquals(RunResult.Verdict.FAIL, r.verdict());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> steps = (List<Map<String, Object>>) HtmlReport.detail(s, r).get("steps");
        assertEquals(s.statements().size(), steps.size());
        Map<String, Object> write = steps.get(6);
        assertEquals("write parent buf[0] secret-2", write.get("text"));
        assertEquals(List.of("isolation: child can see 'secret-2' through handle pipe, which parent wrote at line 8 "
                + "after the fork that separated them"), write.get("violations"), "the violation is the write's");
        assertTrue(((List<?>) write.get("trace")).get(0).toString().startsWith("handle_mm_fault: parent buf[0]"),
                write.toString());
        Map<String, Object> peek = steps.get(7);
        assertEquals("secret-1", peek.get("expect"));
        assertEquals("expected secret-1, got secret-2", peek.get("failed"));
        assertFalse(steps.get(5).containsKey("violations"), "one step, one violation");
    }

    @Test
    void thePageCarriesEveryRunPackedWithADrawingAfterEachStep() throws Exception {
        Scenario s = cve();
        LoadedPolicy lp = new LoadedPolicy("reuse", reuseAlways(), "test", "1.0", "reuses every page", true);
        HtmlReport report = new HtmlReport(HtmlReport.Page.compare("a <title> & more"), List.of(s), List.of(lp));
        StepObserver observer = report.observer(s, lp);
        RunResult r = new ScenarioRunner(new FlagRegistry(), Limits.DEFAULT).run(s, lp.policy(), true, observer);
        report.add(r);
        StringWriter page = new StringWriter();
        report.write(new ComparisonResult(List.of(lp), List.of(s), List.of(r)), false, page);
        String html = page.toString();
        assertTrue(html.contains("<title>a &lt;title&gt; &amp; more</title>"), "escaped");
        assertTrue(html.contains("<td class=\"v-fail\"><button data-cell=\"0\""), "the cell and its colour");
        Matcher pictures = Pattern.compile("id=\"pic-0\">([^<]*)<").matcher(html);
        assertTrue(pictures.find(), "the drawings are packed");
        String drawings = unpack(pictures.group(1));
        assertEquals(s.statements().size(), Pattern.compile("\\{\"t\": ").matcher(drawings).results().count(),
                "one drawing per step: " + drawings);
        assertTrue(drawings.contains("[\"handle-pipe\", \"frame-1\", \"handle\", null, false]"), drawings);
        Matcher run = Pattern.compile("id=\"run-0\">([^<]*)<").matcher(html);
        assertTrue(run.find());
        String detail = unpack(run.group(1));
        assertTrue(detail.contains("\"failed\": \"expected secret-1, got secret-2\""), detail);
        assertTrue(detail.contains("\"counters\": {\"faults\": 2, \"copies\": 0, \"reuses\": 1,"),
                "keys in a fixed order, so that every run writes the same page: " + detail);
        Matcher data = Pattern.compile("id=\"mmsim-data\">(.*?)</script>").matcher(html);
        assertTrue(data.find());
        assertFalse(data.group(1).contains("<"), "no < in the data: it could end its script element");
    }

    /** A swapped-out range is one entry run and one slot run, in the text, the drawing and the graph. */
    @Test
    void swapEntriesAndSlotsFold() {
        Machine m = new Machine(new KernelUnsharePolicy("unshare"), new FlagRegistry(), Limits.DEFAULT);
        m.spawn("p");
        m.mmap("p", "buf", null, false, true, 4, 0);
        for (int i = 0; i < 4; i++) {
            m.write("p", "buf", i, "same");
        }
        assertEquals("ok", m.madvise("p", "buf", "pageout"));
        List<String> text = StateText.lines(m.state());
        assertTrue(text.contains("      buf[0..3]  swap entries, slots 0..3, exclusive"), String.join("\n", text));
        assertTrue(text.contains("  slots 0..3  swap count 1  holds 'same'"), String.join("\n", text));
        Drawing d = StateDrawing.of(m.state(), "swapped");
        assertEquals(List.of(new Drawing.Arrow("pte-p-buf-0", "slot-0", Drawing.Style.MAP, "x4", true)), d.arrows());
        assertEquals(List.of("swap slots 0..3  'same'", "swap count 1"), d.right().get(0).lines());
        String dot = StateDot.of(m.state(), "swapped");
        assertEquals(1, Pattern.compile("shape=cylinder").matcher(dot).results().count(), dot);
        assertTrue(dot.contains("slots 0..3") && dot.contains("buf[0..3]  swap entries, exclusive")
                && dot.contains(" -> \"slot0\" [label=\"x4\"];"), dot);
    }
}
