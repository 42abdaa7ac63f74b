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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mmsim run}: verdicts and exit status, {@code --trace}, and the rejection of bad input. */
class RunIT {
    private static final Pattern DIAGNOSTIC = Pattern.compile("(.+):(\\d+):(\\d+): (\\S.*)");

    @TempDir
    Path work;

    private static String cve() {
        return Mmsim.dist().resolve("examples/cve-2020-29374.mms").toString();
    }

    /**
     * The CVE under mapcount, drawn after the parent's write (line 13): the pipe still holds the page
     * that now shows the parent's secret, in mmsim's SVG and in a graph Graphviz accepts (when installed).
     */
    @Test
    void theStateAsAGraphvizGraph() throws Exception {
        Path dot = work.resolve("cve.dot");
        Mmsim.Result r = Mmsim.run(work, "run", cve(), "--policy", "mapcount", "--state", "13", "--format", "dot",
                "--output", dot.toString());
        assertEquals(0, r.exit(), r.describe());
        String graph = Files.readString(dot);
        assertTrue(graph.contains("\"handle pipe\" -> \"f1\" [style=dashed];"), graph);
        assertTrue(graph.contains("\"f1\" [shape=box, label=\"#1 anon 'secret-2'"), graph);
        Mmsim.Result svg = Mmsim.run(work, "run", cve(), "--policy", "mapcount", "--state", "13", "--format", "svg");
        assertEquals(0, svg.exit(), svg.describe());
        assertTrue(svg.out().startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")
                && svg.out().contains("data-from=\"handle-pipe\" data-to=\"frame-1\""), svg.describe());
        Mmsim.Result notAState = Mmsim.run(work, "run", cve(), "--policy", "mapcount", "--format", "dot");
        assertEquals(2, notAState.exit(), notAState.describe());
        assertEquals("mmsim: --format: expected text or json but was 'dot' (dot draws a --state)\n", notAState.err());
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/dot")), "no Graphviz here");
        Process p = new ProcessBuilder("/usr/bin/dot", "-Tsvg", dot.toString()).redirectErrorStream(true).start();
        String rendered = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), rendered);
        assertTrue(rendered.contains("<svg") && rendered.contains("secret&#45;2"), rendered);
    }

    @Test
    void unsharePassesTheCveWithTrace() {
        Mmsim.Result r = Mmsim.run(work, "run", cve(), "--policy", "unshare", "--trace");
        assertEquals(0, r.exit(), r.describe());
        assertEquals("", r.err(), r.describe());
        List<String> out = r.outLines();
        String verdict = out.get(out.size() - 1);
        assertTrue(verdict.startsWith("PASS ") && verdict.contains("cve-2020-29374.mms") && verdict.contains("[unshare]"),
                "the last line is the verdict: " + r.describe());
        // the parent's write after fork takes a write fault and copies the page the pipe holds
        assertTrue(r.out().contains("FAULT_FLAG_WRITE"), r.describe());
        assertTrue(r.out().contains("wp_page_copy"), r.describe());
        assertTrue(r.out().contains("vmsplice child buf[0] as pipe"), "every statement is traced" + r.describe());
        assertTrue(r.out().contains("=> secret-1"), "the pipe keeps the old content" + r.describe());
    }

    @Test
    void mapcountLeaksThroughVmsplice() {
        Mmsim.Result r = Mmsim.run(work, "run", cve(), "--policy", "mapcount");
        assertEquals(1, r.exit(), r.describe());
        assertEquals("", r.err(), r.describe());
        assertTrue(r.out().startsWith("FAIL ") && r.out().contains("[mapcount]"), r.describe());
        // the parent's write at line 13 is what the child's pipe sees
        assertTrue(Pattern.compile("(?m)^\\s*line 13: isolation: ").matcher(r.out()).find(),
                "an isolation violation with its line number" + r.describe());
        assertTrue(Pattern.compile("(?m)^\\s*line 14: expected secret-1, got secret-2$").matcher(r.out()).find(),
                "the failed expectation with its line number" + r.describe());
    }

    /** One malformed scenario: its content and the line its diagnostic must name. */
    private record Bad(String name, byte[] content, int line, String messagePart) {
        static Bad of(String name, String content, int line, String messagePart) {
            return new Bad(name, content.getBytes(StandardCharsets.UTF_8), line, messagePart);
        }
    }

    @Test
    void malformedScenariosAreRejectedWithLocatedDiagnostics() throws IOException {
        byte[] binary = {'s', 'p', 'a', 'w', 'n', ' ', 'p', '\n', '#', ' ', 'o', 'k', '\n',
            0x00, 0x01, (byte) 0xff, (byte) 0xfe, (byte) 0x89, 'P', 'N', 'G', '\n'};
        List<Bad> bad = List.of(
                Bad.of("unknown-statement.mms", "spawn p\n\n# a comment\nfrobnicate p\n", 4, "frobnicate"),
                Bad.of("bad-value.mms", "spawn p\nmmap p buf anon private pages=1\nwrite p buf[0] bad$value\n", 3,
                        "value"),
                Bad.of("unterminated.mms", "spawn p\nmmap p buf anon private\nwrite p buf[0] \"abc\nexit p\n", 3,
                        "unterminated"),
                Bad.of("out-of-range.mms", "spawn p\nmmap p buf anon private pages=2\nwrite p buf[1] x\n"
                        + "\nwrite p buf[2] y\n", 5, "range"),
                Bad.of("unknown-name.mms", "spawn p\nmmap p buf anon private\nwrite p buf[0] x\nwrite q buf[0] x\n",
                        4, "'q'"),
                new Bad("binary.mms", binary, 3, ""));
        List<String> args = new ArrayList<>(List.of("run", "--policy", "unshare"));
        for (Bad b : bad) {
            Files.write(work.resolve(b.name()), b.content());
            args.add(b.name());
        }
        // a good file too: nothing runs when any file does not parse
        Files.copy(Path.of(cve()), work.resolve("good.mms"));
        args.add(1, "good.mms");
        Mmsim.Result r = Mmsim.run(work, args.toArray(String[]::new));
        assertEquals(2, r.exit(), r.describe());
        assertEquals("", r.out(), "nothing runs when a scenario does not parse" + r.describe());
        Map<String, List<Matcher>> byFile = new LinkedHashMap<>();
        for (String line : r.errLines()) {
            Matcher m = DIAGNOSTIC.matcher(line);
            if (!m.matches()) {
                fail("not FILE:LINE:COLUMN: message: '" + line + "'" + r.describe());
            }
            assertTrue(Integer.parseInt(m.group(3)) >= 1, "columns count from 1: " + line);
            byFile.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m);
        }
        for (Bad b : bad) {
            List<Matcher> ds = byFile.remove(b.name());
            if (ds == null) {
                fail("no diagnostic for " + b.name() + r.describe());
            }
            Matcher first = ds.get(0);
            assertEquals(b.line(), Integer.parseInt(first.group(2)), "line of " + b.name() + r.describe());
            assertTrue(first.group(4).contains(b.messagePart()),
                    b.name() + ": message should mention '" + b.messagePart() + "'" + r.describe());
        }
        assertEquals(Map.of(), byFile, "diagnostics for files without problems" + r.describe());
    }

    @Test
    void oneMalformedFileAloneExitsTwo() throws IOException {
        Files.writeString(work.resolve("typo.mms"), "spawn p\nmmap p buf anon private\nwrtie p buf[0] x\n");
        Mmsim.Result r = Mmsim.run(work, "run", "typo.mms", "--policy", "mapcount");
        assertEquals(2, r.exit(), r.describe());
        assertEquals("", r.out(), r.describe());
        assertEquals(1, r.errLines().size(), r.describe());
        assertTrue(r.err().startsWith("typo.mms:3:1: "), r.describe());
    }

    @Test
    void missingFile() {
        Mmsim.Result r = Mmsim.run(work, "run", "no-such-scenario.mms", "--policy", "unshare");
        String line = Mmsim.assertOneLineError(r);
        assertTrue(line.contains("no-such-scenario.mms"), r.describe());
        assertEquals("", r.out(), r.describe());
    }

    @Test
    void unknownPolicy() {
        Mmsim.Result r = Mmsim.run(work, "run", cve(), "--policy", "no-such-policy");
        String line = Mmsim.assertOneLineError(r);
        assertTrue(line.contains("no-such-policy"), r.describe());
        assertEquals("", r.out(), r.describe());
    }
}
