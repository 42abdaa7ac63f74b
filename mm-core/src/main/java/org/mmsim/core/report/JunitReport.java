package org.mmsim.core.report;

import java.io.IOException;
import java.io.Writer;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.run.ComparisonResult;
import org.mmsim.core.run.RunResult;
import org.mmsim.core.scenario.Scenario;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * JUnit XML for CI servers: {@code <testsuites>} holding one {@code <testsuite name="POLICY">} per
 * policy, each with one {@code <testcase classname="POLICY" name="TITLE (file)">} per scenario, its
 * tags as {@code <properties><property name="tag" value="TAG"/>...</properties>}. A
 * failed run carries {@code <failure message="first problem">} listing every failed expectation and
 * violation; a run that could not complete carries {@code <error message="reason">}. Non-passing
 * test cases also carry their steps in {@code <system-out>}. Built with the JDK's DOM, so escaping
 * is the XML library's; characters XML 1.0 cannot carry at all become U+FFFD.
 */
public final class JunitReport implements ReportWriter {
    public JunitReport() {
    }

    @Override
    public void write(ComparisonResult result, ReportOptions options, Writer out) throws IOException {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            doc = f.newDocumentBuilder().newDocument();
            doc.setXmlStandalone(true);
        } catch (ParserConfigurationException e) {
            throw new IOException("cannot create an XML document: " + e.getMessage(), e);
        }
        int np = result.policies().size();
        int ns = result.scenarios().size();
        Element root = doc.createElement("testsuites");
        doc.appendChild(root);
        int allFailures = 0;
        int allErrors = 0;
        for (int p = 0; p < np; p++) {
            LoadedPolicy policy = result.policies().get(p);
            int failures = result.count(p, RunResult.Verdict.FAIL);
            int errors = result.count(p, RunResult.Verdict.ERROR);
            allFailures += failures;
            allErrors += errors;
            Element suite = doc.createElement("testsuite");
            suite.setAttribute("name", xml(policy.id()));
            suite.setAttribute("tests", Integer.toString(ns));
            suite.setAttribute("failures", Integer.toString(failures));
            suite.setAttribute("errors", Integer.toString(errors));
            suite.setAttribute("skipped", "0");
            Element props = doc.createElement("properties");
            props.appendChild(property(doc, "plugin", policy.pluginId()));
            props.appendChild(property(doc, "version", policy.pluginVersion()));
            props.appendChild(property(doc, "summary", policy.summary()));
            suite.appendChild(props);
            for (int s = 0; s < ns; s++) {
                suite.appendChild(testcase(doc, policy, result.scenarios().get(s), result.cell(s, p)));
            }
            root.appendChild(suite);
        }
        root.setAttribute("name", "mmsim");
        root.setAttribute("tests", Integer.toString(np * ns));
        root.setAttribute("failures", Integer.toString(allFailures));
        root.setAttribute("errors", Integer.toString(allErrors));
        try {
            Transformer t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.setOutputProperty(OutputKeys.INDENT, "yes");
            t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            t.transform(new DOMSource(doc), new StreamResult(out));
        } catch (TransformerException e) {
            throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
        }
        out.write('\n');
        out.flush();
    }

    private static Element testcase(Document doc, LoadedPolicy policy, Scenario scenario, RunResult r) {
        Element tc = doc.createElement("testcase");
        tc.setAttribute("classname", xml(policy.id()));
        tc.setAttribute("name", xml(scenario.title() + " (" + scenario.file() + ")"));
        if (!scenario.tags().isEmpty()) { // as Jenkins and pytest's record_property write them
            Element props = doc.createElement("properties");
            for (String tag : scenario.tags()) {
                props.appendChild(property(doc, "tag", tag));
            }
            tc.appendChild(props);
        }
        if (r.verdict() == RunResult.Verdict.FAIL) {
            Element f = doc.createElement("failure");
            f.setAttribute("message", xml(Cells.flat(Cells.problem(r))));
            f.setAttribute("type", "fail");
            f.setTextContent(xml(String.join("\n", RunText.problems(r))));
            tc.appendChild(f);
        } else if (r.verdict() == RunResult.Verdict.ERROR) {
            Element e = doc.createElement("error");
            e.setAttribute("message", xml(Cells.flat(r.error())));
            e.setAttribute("type", "error");
            e.setTextContent(xml(r.error() == null ? "" : r.error()));
            tc.appendChild(e);
        }
        if (r.verdict() != RunResult.Verdict.PASS && !r.steps().isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (RunResult.Step step : r.steps()) {
                sb.append("line ").append(step.line()).append(": ").append(step.statement()).append(" => ")
                        .append(step.outcome()).append('\n');
            }
            Element so = doc.createElement("system-out");
            so.setTextContent(xml(sb.toString()));
            tc.appendChild(so);
        }
        return tc;
    }

    private static Element property(Document doc, String name, String value) {
        Element e = doc.createElement("property");
        e.setAttribute("name", name);
        e.setAttribute("value", xml(value));
        return e;
    }

    /** Replaces what XML 1.0 cannot carry (most control characters, unpaired surrogates) with U+FFFD. */
    static String xml(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c)) {
                ok = i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
                if (ok) {
                    if (sb != null) {
                        sb.append(c).append(s.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else if (Character.isLowSurrogate(c)) {
                ok = false;
            } else {
                ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
            }
            if (!ok && sb == null) {
                sb = new StringBuilder(s.length());
                sb.append(s, 0, i);
            }
            if (sb != null) {
                sb.append(ok ? c : '\uFFFD');
            }
        }
        return sb == null ? s : sb.toString();
    }
}
