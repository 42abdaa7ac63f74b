package org.mmsim.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitReportTest {
    private static Document parse() throws Exception {
        StringWriter w = new StringWriter();
        BuiltinFormat.JUNIT.write(ReportFixtures.comparison(), w);
        String xml = w.toString();
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\""), xml);
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void oneSuitePerPolicyOneCasePerScenarioWithRightCounts() throws Exception {
        Element root = parse().getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        assertEquals("4", root.getAttribute("tests"));
        assertEquals("2", root.getAttribute("failures"));
        assertEquals("1", root.getAttribute("errors"));

        NodeList suites = root.getElementsByTagName("testsuite");
        assertEquals(2, suites.getLength());
        Element unshare = (Element) suites.item(0);
        assertEquals("unshare", unshare.getAttribute("name"));
        assertEquals("2", unshare.getAttribute("tests"));
        assertEquals("1", unshare.getAttribute("failures"));
        assertEquals("0", unshare.getAttribute("errors"));
        assertEquals("0", unshare.getAttribute("skipped"));
        Element mapcount = (Element) suites.item(1);
        assertEquals("mapcount", mapcount.getAttribute("name"));
        assertEquals("1", mapcount.getAttribute("failures"));
        assertEquals("1", mapcount.getAttribute("errors"));

        NodeList cases = unshare.getElementsByTagName("testcase");
        assertEquals(2, cases.getLength());
        Element pass = (Element) cases.item(0);
        assertEquals("unshare", pass.getAttribute("classname"));
        assertEquals("vmsplice() + unmap in child (CVE-2020-29374) (examples/cve.mms)", pass.getAttribute("name"));
        assertEquals(0, pass.getElementsByTagName("failure").getLength());
        assertEquals(0, pass.getElementsByTagName("error").getLength());
        assertEquals(0, pass.getElementsByTagName("system-out").getLength());
        // the scenario's tags, as test-case properties; none for a scenario without tags
        NodeList tags = ((Element) pass.getElementsByTagName("properties").item(0)).getElementsByTagName("property");
        assertEquals(2, tags.getLength());
        assertEquals("tag", ((Element) tags.item(0)).getAttribute("name"));
        assertEquals("vmsplice", ((Element) tags.item(0)).getAttribute("value"));
        assertEquals("cve", ((Element) tags.item(1)).getAttribute("value"));

        Element nasty = (Element) cases.item(1);
        assertTrue(nasty.getAttribute("name").startsWith("odd * title | with q\"b\\s/n"), nasty.getAttribute("name"));
        assertTrue(nasty.getAttribute("name").contains("\ufffd"), "U+0001 cannot be in XML 1.0: replaced");
        assertEquals(1, nasty.getElementsByTagName("failure").getLength());
        assertEquals(0, nasty.getElementsByTagName("properties").getLength());

        Element failed = (Element) mapcount.getElementsByTagName("testcase").item(0);
        Element failure = (Element) failed.getElementsByTagName("failure").item(0);
        assertEquals("isolation @13", failure.getAttribute("message"));
        assertEquals("line 13: isolation: child can see 'secret-2' through pipe\nline 14: expected secret-1, got secret-2",
                failure.getTextContent());
        assertTrue(failed.getElementsByTagName("system-out").item(0).getTextContent()
                .contains("line 14: peek pipe => secret-2"));

        Element errored = (Element) mapcount.getElementsByTagName("testcase").item(1);
        Element error = (Element) errored.getElementsByTagName("error").item(0);
        assertEquals("timed out after 10s", error.getAttribute("message"));
        assertEquals(0, errored.getElementsByTagName("failure").getLength());

        Element props = (Element) mapcount.getElementsByTagName("properties").item(0);
        Element plugin = (Element) props.getElementsByTagName("property").item(0);
        assertEquals("plugin", plugin.getAttribute("name"));
        assertEquals("legacy", plugin.getAttribute("value"));
    }

    @Test
    void xmlSanitizing() {
        assertEquals("a\ufffdb\tc\n", JunitReport.xml("a\u0000b\tc\n"));
        assertEquals("\ud83d\ude00", JunitReport.xml("\ud83d\ude00"));
        assertEquals("\ufffdx", JunitReport.xml("\ud83dx"));
        assertEquals("", JunitReport.xml(null));
    }
}
