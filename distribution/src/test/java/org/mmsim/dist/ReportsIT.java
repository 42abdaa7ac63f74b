package org.mmsim.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The other report formats of {@code compare}: JUnit XML (against the JSON verdicts) and Markdown
 * (against the conformance matrix checked into examples/conformance/MATRIX.md, whose per-page-kind
 * summary README.md shows).
 */
class ReportsIT {
    static final String BEGIN = "<!-- conformance-matrix:begin -->";
    static final String END = "<!-- conformance-matrix:end -->";
    static final String REGENERATE = "mvn -B -o verify -pl distribution -Dit.test=ReportsIT -Dmmsim.regenerate=true";
    private static final Pattern FILE_IN_NAME = Pattern.compile(".*\\((.+\\.mms)\\)");

    @TempDir
    Path work;

    /** policy -> the file names (no directory) of its fail verdicts, from the JSON report. */
    private static Map<String, Set<String>> failsByPolicy() {
        Map<String, Set<String>> fails = new TreeMap<>();
        for (String p : Conformance.POLICIES) {
            fails.put(p, new TreeSet<>());
        }
        for (Map<String, Object> r : Conformance.results()) {
            if (r.get("verdict").equals("fail")) {
                fails.get((String) r.get("policy")).add(Conformance.fileName(r));
            }
        }
        return fails;
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void junitReportHasASuitePerPolicyAndACasePerScenario() throws Exception {
        Path xml = work.resolve("report.xml");
        Mmsim.Result r = Mmsim.run(work, "compare", Conformance.dir().toString(), "--format", "junit",
                "--output", "report.xml");
        assertEquals(0, r.exit(), r.describe());
        assertEquals("", r.out(), "--output: the report goes to the file, not stdout" + r.describe());
        assertEquals("", r.err(), r.describe());
        assertTrue(Files.isRegularFile(xml), "no " + xml + r.describe());

        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(xml.toFile());
        Element root = doc.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        List<Element> suites = children(root, "testsuite");
        assertEquals(Conformance.POLICIES.size(), suites.size(), "one testsuite per policy");

        List<String> files = Conformance.scenarioFiles();
        Map<String, Set<String>> fails = failsByPolicy();
        assertTrue(fails.values().stream().anyMatch(s -> !s.isEmpty()), "some conformance verdict is fail");
        Set<String> names = new TreeSet<>();
        int totalTests = 0;
        int totalFailures = 0;
        for (Element suite : suites) {
            String policy = suite.getAttribute("name");
            assertTrue(names.add(policy), "testsuite " + policy + " twice");
            assertTrue(fails.containsKey(policy), "unexpected testsuite " + policy);
            List<Element> cases = children(suite, "testcase");
            assertEquals(files.size(), cases.size(), policy + ": one testcase per scenario");
            assertEquals(String.valueOf(files.size()), suite.getAttribute("tests"), policy + ": tests");
            Set<String> caseFiles = new TreeSet<>();
            Set<String> failedFiles = new TreeSet<>();
            for (Element c : cases) {
                Matcher m = FILE_IN_NAME.matcher(c.getAttribute("name"));
                assertTrue(m.matches(), policy + ": testcase name names its file: " + c.getAttribute("name"));
                String file = Conformance.relative(Path.of(m.group(1)));
                assertTrue(caseFiles.add(file), policy + ": " + file + " twice");
                List<Element> failures = children(c, "failure");
                assertTrue(failures.size() <= 1, policy + " " + file + ": at most one failure element");
                if (!failures.isEmpty()) {
                    failedFiles.add(file);
                }
                assertEquals(List.of(), children(c, "error"), policy + " " + file + ": no error cells");
            }
            assertEquals(Set.copyOf(files), caseFiles, policy + ": testcases");
            assertEquals(String.valueOf(fails.get(policy).size()), suite.getAttribute("failures"),
                    policy + ": failures attribute = fail verdicts in the JSON report");
            assertEquals(fails.get(policy), failedFiles, policy + ": the failed testcases are the JSON's fails");
            assertEquals("0", suite.getAttribute("errors"), policy + ": errors");
            totalTests += cases.size();
            totalFailures += failedFiles.size();
        }
        assertEquals(String.valueOf(totalTests), root.getAttribute("tests"), "testsuites tests");
        assertEquals(String.valueOf(totalFailures), root.getAttribute("failures"), "testsuites failures");
    }

    @Test
    void markdownMatrixMatchesTheJsonAndTheReadme() throws IOException {
        Path repo = Mmsim.repo();
        // exactly the README's command, from the repository root
        Mmsim.Result r = Mmsim.run(repo, "compare", "examples/conformance", "--format", "markdown");
        assertEquals(0, r.exit(), r.describe());
        assertEquals("", r.err(), r.describe());
        List<String> md = r.outLines();

        // the matrix on its own: a row per scenario, each cell the JSON's verdict
        String header = md.stream().filter(l -> l.startsWith("| scenario |")).findFirst()
                .orElseThrow(() -> new AssertionError("no table header" + r.describe()));
        List<String> columns = List.of(header.substring(2, header.length() - 2).split(" \\| ", -1));
        assertEquals(Set.copyOf(Conformance.POLICIES), Set.copyOf(columns.subList(1, columns.size())),
                "markdown columns" + r.describe());
        Map<String, Set<String>> fails = failsByPolicy();
        Pattern row = Pattern.compile("\\| .* \\(`(examples/conformance/[^`]+\\.mms)`\\) \\| (.*) \\|");
        Set<String> rows = new TreeSet<>();
        for (String line : md) {
            Matcher m = row.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String file = Conformance.relative(Path.of(m.group(1)));
            assertTrue(rows.add(file), file + " twice" + r.describe());
            String[] cells = m.group(2).split(" \\| ", -1);
            assertEquals(columns.size() - 1, cells.length, line);
            for (int c = 0; c < cells.length; c++) {
                String policy = columns.get(c + 1);
                boolean failed = fails.get(policy).contains(file);
                // a failure the scenario expects (tags xfail) is *xfail*, any other **fail**
                assertTrue(failed ? cells[c].startsWith("**fail**") || cells[c].startsWith("*xfail*")
                        : cells[c].equals("pass"),
                        file + " under " + policy + ": markdown '" + cells[c] + "' but JSON says "
                                + (failed ? "fail" : "pass"));
            }
        }
        assertEquals(Set.copyOf(Conformance.scenarioFiles()), rows, "markdown rows" + r.describe());

        // ... and it is what MATRIX.md shows, under the summary that README.md shows
        List<String> summary = summary();
        List<String> matrix = new ArrayList<>(List.of("# The cow.c conformance matrix", "",
                "Generated by ReportsIT (" + REGENERATE + "): every case of `" + CowMatrix.DESCRIPTION
                        + "` under every policy. Per page kind, the runs that pass (and those cow.c would skip: its"
                        + " own setup check fails in that era):", ""));
        matrix.addAll(summary);
        matrix.addAll(List.of("", "Every run (`./mmsim compare examples/conformance --format markdown`):", ""));
        matrix.addAll(md);
        Path file = Conformance.dir().resolve("MATRIX.md");
        Path readme = repo.resolve("README.md");
        if (Boolean.getBoolean("mmsim.regenerate")) {
            Files.write(file, matrix, StandardCharsets.UTF_8);
            writeReadmeBlock(readme, summary);
        }
        assertEquals(String.join("\n", matrix), Files.isRegularFile(file) ? String.join("\n",
                Files.readAllLines(file, StandardCharsets.UTF_8)) : "", file + " is out of date: regenerate it with "
                + REGENERATE);

        if (!Files.isRegularFile(readme)) {
            fail(readme + " does not exist; it must hold the conformance summary between the lines " + BEGIN
                    + " and " + END + ". Regenerate the block with: " + REGENERATE);
        }
        List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
        int begin = lines.indexOf(BEGIN);
        int end = lines.indexOf(END);
        if (begin < 0 || end < begin || lines.lastIndexOf(BEGIN) != begin || lines.lastIndexOf(END) != end) {
            fail(readme + " has no (single) conformance-matrix block: the lines " + BEGIN + " and " + END
                    + " must each appear once, in that order. Regenerate the block between them with: " + REGENERATE);
        }
        List<String> block = lines.subList(begin + 1, end);
        if (!block.equals(summary)) {
            fail("the conformance summary in " + readme + " (between " + BEGIN + " and " + END
                    + ") is out of date: regenerate it with: " + REGENERATE + "\n--- README block ---\n"
                    + String.join("\n", block) + "\n--- expected ---\n" + String.join("\n", summary));
        }
    }

    private static void writeReadmeBlock(Path readme, List<String> summary) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(readme, StandardCharsets.UTF_8));
        int begin = lines.indexOf(BEGIN);
        int end = lines.indexOf(END);
        if (begin >= 0 && end > begin) {
            lines.subList(begin + 1, end).clear();
            lines.addAll(begin + 1, summary);
            Files.write(readme, lines, StandardCharsets.UTF_8);
        }
    }

    /**
     * Per page kind of cow-matrix.md (sizes together) and policy: the runs that pass, and in
     * parentheses those cow.c would skip (Conformance.verdict); the last row sums them up.
     */
    static List<String> summary() {
        CowMatrix described = CowMatrix.read(Conformance.dir().resolve(CowMatrix.DESCRIPTION));
        Map<String, CowMatrix.Case> cases = Conformance.cases();
        Map<String, Map<String, int[]>> counts = new LinkedHashMap<>(); // kind -> policy -> {pass, skip}
        Map<String, Integer> total = new LinkedHashMap<>();
        for (String kind : described.kinds().keySet()) {
            counts.put(kind, new LinkedHashMap<>());
        }
        counts.put("", new LinkedHashMap<>());
        for (Map<String, Object> r : Conformance.results()) {
            CowMatrix.Case c = cases.get(Conformance.fileName(r));
            String verdict = Conformance.verdict(r);
            for (String kind : List.of(c.kind(), "")) {
                int[] n = counts.get(kind).computeIfAbsent((String) r.get("policy"), p -> new int[2]);
                n[0] += verdict.equals("pass") ? 1 : 0;
                n[1] += verdict.equals("skip") ? 1 : 0;
                if (r.get("policy").equals(Conformance.POLICIES.get(0))) {
                    total.merge(kind, 1, Integer::sum);
                }
            }
        }
        List<String> out = new ArrayList<>();
        out.add("| page kind (cow.c) | cases | " + String.join(" | ", Conformance.POLICIES) + " |");
        out.add("|:---|---:|" + "---:|".repeat(Conformance.POLICIES.size()));
        for (var k : counts.entrySet()) {
            if (!total.containsKey(k.getKey())) {
                continue; // not expressible
            }
            StringBuilder row = new StringBuilder("| ").append(k.getKey().isEmpty() ? "**all**"
                    : label(described.kinds().get(k.getKey()))).append(" | ").append(total.get(k.getKey()));
            for (String policy : Conformance.POLICIES) {
                int[] n = k.getValue().get(policy);
                row.append(" | ").append(n[0]).append(n[1] > 0 ? " (" + n[1] + " skip)" : "");
            }
            out.add(row.append(" |").toString());
        }
        return out;
    }

    /** A kind's title with its sizes, and its cow.c function: "PTE-mapped THP 16K-2M (`run_with_pte_mapped_thp()`)". */
    private static String label(CowMatrix.Kind kind) {
        String sizes = kind.keys().getOrDefault("sizes", "");
        List<String> s = sizes.isEmpty() ? List.of() : List.of(sizes.split(" "));
        String size = s.size() > 2 ? s.get(0) + "-" + s.get(s.size() - 1) : String.join(", ", s);
        String cowc = kind.key("cow.c");
        return kind.key("title").replace("{size}", size).strip() + " (`" + cowc.substring(0, cowc.indexOf(')') + 1)
                + "`)";
    }
}
