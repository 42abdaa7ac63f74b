package org.mmsim.core.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import javax.xml.parsers.DocumentBuilderFactory;
import org.mmsim.core.report.StateDot;
import org.mmsim.core.report.StateSvg;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.mmsim.core.testing.KernelUnsharePolicy;

/** {@code run --state --format dot|svg}: the arrows of the drawings are the machine's references. */
class StateDrawingTest {
    private static final Pattern EDGE = Pattern.compile("(?m)^  (\"[^\"]+\"(?::e\\d+)?) -> (\"[^\"]+\")(.*);$");

    private static int edges(String dot, String from, String to) {
        int n = 0;
        for (Matcher m = EDGE.matcher(dot); m.find(); ) {
            if (m.group(1).equals(from) && m.group(2).equals(to)) {
                n++;
            }
        }
        return n;
    }

    /** CVE-2020-29374's set-up: a page written, shared by fork, taken by the child's vmsplice. */
    private static Machine pipedAfterFork() {
        Machine m = new Machine(new KernelUnsharePolicy("unshare"), new FlagRegistry(), Limits.DEFAULT);
        m.spawn("parent");
        m.mmap("parent", "buf", null, false, true, 1, 0);
        m.write("parent", "buf", 0, "secret-1");
        m.fork("parent", "child");
        m.gup("child", "buf", 0, false, false, false, false, "pipe");
        return m;
    }

    /** One 2M THP, PMD-mapped, its first page written. */
    private static Machine pmdMapped() {
        Machine m = new Machine(new KernelUnsharePolicy("unshare"), new FlagRegistry(), Limits.DEFAULT);
        m.thp(512, "always");
        m.spawn("p");
        m.mmap("p", "buf", null, false, true, 512, 0);
        m.write("p", "buf", 0, "A");
        return m;
    }

    @Test
    void aForkedPageAndThePipeThatHoldsItPointAtOneFrame() {
        Machine m = pipedAfterFork();
        String dot = StateDot.of(m.state(), "the \"CVE\" state");
        assertTrue(dot.startsWith("digraph mmsim {\n"), dot);
        assertTrue(dot.contains("label=\"the \\\"CVE\\\" state\";"), "the title, quoted: " + dot);
        assertEquals(1, edges(dot, "\"parent.buf\":e0", "\"f1\""), dot);
        assertEquals(1, edges(dot, "\"child.buf\":e0", "\"f1\""), dot);
        assertEquals(1, edges(dot, "\"handle pipe\"", "\"f1\""), dot);
        assertTrue(dot.contains("\"f1\" [shape=box, label=\"#1 anon 'secret-1'\\nrefcount 3 mapcount 2\"];"), dot);
        m.write("parent", "buf", 0, "secret-2"); // unshare copies for the parent: the pipe keeps the old page
        String after = StateDot.of(m.state(), "after");
        assertEquals(0, edges(after, "\"parent.buf\":e0", "\"f1\""), after);
        assertEquals(1, edges(after, "\"handle pipe\"", "\"f1\""), after);
        assertTrue(after.contains("'secret-2'\\nrefcount 1 mapcount 1\\nPG_anon_exclusive\"];"), after);
    }

    /** The arrows of mmsim's own SVG, as (data-from, data-to) pairs, the document parsed as XML. */
    private static List<String> svgEdges(String svg) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        NodeList paths = doc.getElementsByTagName("path");
        List<String> edges = new ArrayList<>();
        for (int k = 0; k < paths.getLength(); k++) {
            Element e = (Element) paths.item(k);
            if (e.getAttribute("class").equals("edge")) {
                edges.add(e.getAttribute("data-from") + " -> " + e.getAttribute("data-to"));
            }
        }
        return edges;
    }

    @Test
    void theSvgDrawsTheSameArrows() throws Exception {
        Machine m = pipedAfterFork();
        m.write("parent", "buf", 0, "secret-2 <&>");
        String svg = StateSvg.of(m.state(), "a <title> & more");
        assertEquals(List.of("pte-parent-buf-0 -> frame-2", "pte-child-buf-0 -> frame-1", "handle-pipe -> frame-1"),
                svgEdges(svg), svg);
        assertTrue(svg.contains("'secret-2 &lt;&amp;&gt;'"), "escaped: " + svg);
        assertTrue(svg.contains("fill=\"#dde8f6\""), "the parent's new exclusive page is shaded: " + svg);

        Machine thp = pmdMapped();
        String folio = StateSvg.of(thp.state(), "thp");
        assertEquals(List.of("pte-p-buf-0 -> frame-1"), svgEdges(folio), folio);
        assertTrue(folio.contains("id=\"folio-1\"") && folio.contains("#2..#512"), folio);
    }

    @Test
    void aPmdMappedThpIsOneRowAndOneBox() {
        Machine m = pmdMapped();
        String dot = StateDot.of(m.state(), "thp");
        assertEquals(1, edges(dot, "\"p.buf\":e0", "\"f1\""), dot);
        assertTrue(dot.contains("\"p.buf\":e0 -> \"f1\" [label=\"x512\"];"), dot);
        assertTrue(dot.contains("buf[0..511]  huge, writable, dirty"), dot);
        assertTrue(dot.contains("subgraph \"cluster_folio1\""), dot);
        assertTrue(dot.contains("\"f2\" [shape=box"), "the 511 untouched pages fold into one box: " + dot);
        assertFalse(dot.contains("\"f3\""), dot);
    }
}
