package org.mmsim.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mmsim.api.Policy;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.plugin.PolicyCatalog;
import org.mmsim.core.testing.KernelUnsharePolicy;
import org.mmsim.core.testing.LoopingPolicy;
import org.mmsim.core.testing.ThrowingPolicy;
import org.mmsim.testkit.MiniJson;
import org.w3c.dom.Element;

/** The command line end to end (parser, Guice, runner, reports), with policies handed in directly. */
class MainTest {
    static final String FORK_COW = """
            scenario "fork cow"
            spawn parent
            mmap parent buf anon private pages=1
            write parent buf[0] secret-1
            fork parent child
            vmsplice child buf[0] as pipe
            munmap child buf
            write parent buf[0] secret-2
            peek pipe expect secret-1   # the child must not see the parent's later write
            release pipe
            exit child
            exit parent
            """;
    static final String SIMPLE = """
            spawn p
            mmap p buf anon private
            write p buf[0] A
            read p buf[0] expect A
            exit p
            """;

    @TempDir
    Path tmp;
    Path plugins;
    Path scenarios;
    final List<Policy> policies = new ArrayList<>();
    List<String> loaderProblems = List.of();
    /** Third-party plugins loaded next to the bundled "test" one. */
    final List<PolicyCatalog.Contribution> thirdParty = new ArrayList<>();
    final List<LoopingPolicy> loops = new ArrayList<>();
    InputStream stdin = InputStream.nullInputStream();
    String out;
    String err;

    @BeforeEach
    void setUp() throws IOException {
        plugins = Files.createDirectory(tmp.resolve("plugins"));
        scenarios = Files.createDirectory(tmp.resolve("scenarios"));
        policies.add(new KernelUnsharePolicy("unshare"));
        policies.add(new ThrowingPolicy("throws"));
    }

    @AfterEach
    void tearDown() {
        loops.forEach(LoopingPolicy::release);
    }

    private Path scenario(String name, String text) throws IOException {
        Path p = scenarios.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    /** mmsim --plugins-dir PLUGINS ARGS... */
    private int mmsim(String... args) {
        List<String> all = new ArrayList<>();
        all.add("--plugins-dir");
        all.add(plugins.toString());
        all.addAll(List.of(args));
        return raw(n -> null, all.toArray(String[]::new));
    }

    /** mmsim ARGS... with that environment. */
    private int raw(UnaryOperator<String> env, String... args) {
        List<PolicyCatalog.Contribution> contributions = new ArrayList<>(thirdParty);
        contributions.add(new PolicyCatalog.Contribution("test", "1.0", true, host -> List.copyOf(policies)));
        BiFunction<Path, FlagRegistry, PolicyCatalog> loader = (dir, flags) -> PolicyCatalog.of(dir, contributions,
                flags, loaderProblems);
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int status = Main.execute(args, stdin, o, new PrintWriter(e), env, loader);
        out = o.toString();
        err = e.toString();
        assertFalse(err.contains("\tat "), "no stack trace: " + err);
        return status;
    }

    @Test
    void versionAndHelp() {
        assertEquals(0, mmsim("--version"));
        assertEquals("mmsim 0.1.0\n", out);
        assertEquals(0, mmsim("--help"));
        assertTrue(out.contains("policies") && out.contains("run") && out.contains("compare"), out);
        assertEquals(0, mmsim("compare", "--help"));
        assertTrue(out.contains("--timeout") && out.contains("--format"), out);
        assertEquals(2, mmsim());
        assertTrue(err.startsWith("Usage: mmsim"), err);
    }

    /** picocli reports a description it cannot format (a lone %) on System.err, past the command's own streams. */
    @Test
    void everyCommandsHelpFormatsCleanly() {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream tracer = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(tracer, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertEquals(0, mmsim("--help"));
            Matcher command = Pattern.compile("(?m)^  ([a-z]+)  ").matcher(out);
            List<String> commands = new ArrayList<>();
            while (command.find()) {
                commands.add(command.group(1));
            }
            assertTrue(commands.containsAll(List.of("run", "explore", "diff", "member", "bench")), commands.toString());
            for (String c : commands) {
                if (!c.equals("help")) {
                    assertEquals(0, mmsim(c, "--help"), c);
                    assertTrue(out.startsWith("Usage: mmsim " + c), out);
                }
            }
        } finally {
            System.setErr(saved);
        }
        assertEquals("", tracer.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A cluster configuration that cannot be used stops the search before any member starts: one line, with its line. */
    @Test
    void aClusterConfigurationThatCannotBeUsedIsOneLineNamingItsLine() throws IOException {
        Path missing = tmp.resolve("missing.yaml");
        assertEquals(2, cluster(missing, "--members", "2"));
        assertEquals("mmsim: --cluster-config: " + missing + ": no such readable file\n", err);
        Path broken = Files.writeString(tmp.resolve("broken.yaml"), "hazelcast:\n  network:\n    port: [\n");
        assertEquals(2, cluster(broken, "--members", "2"));
        assertTrue(err.startsWith("mmsim: --cluster-config: " + broken + ":4: not a Hazelcast configuration: ")
                && err.lines().count() == 1, err);
        Path unknown = Files.writeString(tmp.resolve("unknown.yaml"), "hazelcast:\n  netwrk:\n    port: 3\n");
        assertEquals(2, cluster(unknown, "--members", "2"));
        assertEquals("mmsim: --cluster-config: " + unknown
                + ": not a Hazelcast configuration: extraneous key [netwrk] is not permitted\n", err);
        Path xml = Files.writeString(tmp.resolve("broken.xml"), "<hazelcast>\n  <network>\n    <port>12\n</hazelcast>\n");
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream parserSaid = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(parserSaid, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertEquals(2, cluster(xml, "--members", "2"));
        } finally {
            System.setErr(saved);
        }
        assertEquals("", parserSaid.toString(java.nio.charset.StandardCharsets.UTF_8), "the XML parser's own report");
        assertEquals("mmsim: --cluster-config: " + xml + ":4: not a Hazelcast configuration: The element type \"port\""
                + " must be terminated by the matching end-tag \"</port>\".\n", err);
        assertEquals(2, cluster(broken));
        assertEquals("mmsim: --cluster-config without --cluster needs --members N (members to wait for)\n", err);
    }

    private int cluster(Path config, String... more) {
        List<String> args = new ArrayList<>(List.of("explore", "--policy", "unshare", "--depth", "1",
                "--cluster-config", config.toString()));
        args.addAll(List.of(more));
        return mmsim(args.toArray(String[]::new));
    }

    @Test
    void usageErrorsAreOneLine() {
        assertEquals(2, mmsim("frobnicate"));
        assertEquals("mmsim: unknown command 'frobnicate' (see 'mmsim --help')\n", err);
        assertEquals(2, mmsim("run", "x.mms"));
        assertEquals("mmsim: Missing required option: '--policy=ID' (see 'mmsim run --help')\n", err);
        // formats are known once plugins are loaded (a plugin may contribute one): checked after the scenarios
        stdin = new java.io.ByteArrayInputStream(SIMPLE.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(2, mmsim("compare", "-", "--format", "xml"));
        assertEquals("mmsim: --format: expected one of table, json, markdown, junit, html but was 'xml'\n", err);
    }

    @Test
    void mistypedOptionsAndCommandsAreNamedWithSuggestions() {
        // the unknown option wins over the required option it leaves missing
        assertEquals(2, mmsim("run", "x.mms", "--polcy", "unshare"));
        assertEquals("mmsim: unknown option '--polcy' (did you mean --policy?)\n", err);
        assertEquals(2, mmsim("run", "x.mms", "--policy", "unshare", "--trce"));
        assertEquals("mmsim: unknown option '--trce' (did you mean --trace?)\n", err);
        assertEquals(2, mmsim("compare", "x.mms", "--xyz"));
        assertEquals("mmsim: unknown option '--xyz' (see 'mmsim compare --help')\n", err);
        assertEquals(2, mmsim("comapre", "x.mms"));
        assertEquals("mmsim: unknown command 'comapre' (did you mean compare?)\n", err);
        assertEquals(2, mmsim("explore", "--policy", "a", "c"));
        assertEquals("mmsim: unexpected argument 'c' (see 'mmsim explore --help')\n", err);
        assertEquals(2, mmsim("diff", "a", "b", "c"));
        assertEquals("mmsim: c: no such file\n", err, "diff's third argument on is a scenario file");
        assertEquals(2, mmsim(""));
        assertEquals("mmsim: unknown command '' (see 'mmsim --help')\n", err);
        assertEquals(2, mmsim("policies", "-"));
        assertEquals("mmsim: unexpected argument '-' (see 'mmsim policies --help')\n", err);
        assertEquals("", out);
    }

    @Test
    void policiesListsAlignedAndReportsProblems() {
        loaderProblems = List.of("plugin broken.jar: not a readable jar file");
        policies.add(new KernelUnsharePolicy("a-much-longer-id"));
        assertEquals(2, mmsim("policies"), "a plugin failed to load: the list, then status 2");
        assertEquals("mmsim: plugin broken.jar: not a readable jar file\n", err);
        List<String> lines = out.lines().toList();
        assertEquals(4, lines.size());
        assertEquals("unshare           test@1.0       test: Linux 5.19 unshare", lines.get(0));
        assertEquals("throws            test@1.0       test: Linux 5.19 unshare", lines.get(1));
        assertEquals("a-much-longer-id  test@1.0       test: Linux 5.19 unshare", lines.get(2));
        // the live kernel comes last; a unit test runs outside a distribution, so without its helper
        assertEquals("host              builtin@" + PolicyCatalog.API_VERSION
                + "  the live kernel of this machine: unavailable (no helper: not run from a distribution)",
                lines.get(3));
    }

    @Test
    void noPoliciesIsAMessageNotAnError() {
        policies.clear();
        assertEquals(0, mmsim("policies"));
        assertTrue(out.startsWith("host  builtin@"), out);
        assertEquals(1, out.lines().count(), "only the host column is left");
        assertEquals("mmsim: no policies loaded from " + plugins + "\n", err);
    }

    @Test
    void pluginsDirectoryMustExist() {
        assertEquals(2, raw(n -> null, "--plugins-dir", tmp.resolve("nope").toString(), "policies"));
        assertEquals("mmsim: plugins directory " + tmp.resolve("nope") + " does not exist\n", err);
        // the option also works after the subcommand
        assertEquals(2, raw(n -> null, "policies", "--plugins-dir", tmp.resolve("nope2").toString()));
        assertTrue(err.contains("nope2 does not exist"), err);
    }

    @Test
    void pluginsDirectoryFromTheEnvironment() {
        Map<String, String> env = Map.of("MMSIM_PLUGINS_DIR", tmp.resolve("from-env").toString());
        assertEquals(2, raw(env::get, "policies"));
        assertEquals("mmsim: plugins directory " + tmp.resolve("from-env") + " does not exist\n", err);
        // the option beats the environment
        assertEquals(0, raw(env::get, "--plugins-dir", plugins.toString(), "policies"));
        // without either: ${mmsim.home}/plugins
        String home = System.getProperty("mmsim.home");
        try {
            System.setProperty("mmsim.home", tmp.resolve("home").toString());
            assertEquals(2, raw(n -> null, "policies"));
            assertEquals("mmsim: plugins directory " + tmp.resolve("home").resolve("plugins") + " does not exist\n",
                    err);
        } finally {
            if (home == null) {
                System.clearProperty("mmsim.home");
            } else {
                System.setProperty("mmsim.home", home);
            }
        }
    }

    @Test
    void runPassesAndFails() throws IOException {
        Path good = scenario("good.mms", FORK_COW);
        assertEquals(0, mmsim("run", good.toString(), "--policy", "unshare"));
        assertEquals("PASS   " + good + "  \"fork cow\"  [unshare]\n", out);
        assertEquals("", err);

        Path bad = scenario("bad.mms", SIMPLE.replace("expect A", "expect B"));
        assertEquals(1, mmsim("run", good.toString(), bad.toString(), "--policy", "unshare"));
        List<String> lines = out.lines().toList();
        assertEquals(List.of(
                "PASS   " + good + "  \"fork cow\"  [unshare]",
                "FAIL   " + bad + "  \"bad\"  [unshare]",
                "  line 4: expected B, got A",
                "2 scenarios under unshare: 1 pass, 1 fail, 0 error"), lines);

        assertEquals(1, mmsim("run", good.toString(), "--policy", "throws"));
        assertTrue(out.startsWith("ERROR  " + good + "  \"fork cow\"  [throws]\n  error: "), out);
        assertTrue(out.contains("boom in doWpPage"), out);
    }

    @Test
    void runTrace() throws IOException {
        Path good = scenario("good.mms", FORK_COW);
        assertEquals(0, mmsim("run", good.toString(), "--policy", "unshare", "--trace"));
        List<String> lines = out.lines().toList();
        assertEquals("2: spawn parent", lines.get(0));
        assertTrue(out.contains("FAULT_FLAG_WRITE"), out);
        assertTrue(out.contains("9: peek pipe\n  => secret-1\n"), out);
        assertEquals("PASS   " + good + "  \"fork cow\"  [unshare]", lines.get(lines.size() - 1));
    }

    @Test
    void runParsesEverythingFirst() throws IOException {
        Path good = scenario("good.mms", FORK_COW);
        Path bad1 = scenario("bad1.mms", "spawn p\nfrobnicate p\n");
        Path bad2 = scenario("bad2.mms", "spawn p\nread q buf[0]\n");
        assertEquals(2, mmsim("run", good.toString(), bad1.toString(), bad2.toString(), "--policy", "unshare"));
        assertEquals("", out, "nothing ran");
        List<String> lines = err.lines().toList();
        assertEquals(2, lines.size(), err);
        assertTrue(lines.get(0).startsWith(bad1 + ":2:1: "), lines.get(0));
        assertTrue(lines.get(1).startsWith(bad2 + ":2:"), lines.get(1));
    }

    @Test
    void runMissingFileOrPolicy() throws IOException {
        assertEquals(2, mmsim("run", "nope.mms", "--policy", "unshare"));
        assertEquals("mmsim: nope.mms: no such file\n", err);
        Path good = scenario("good.mms", FORK_COW);
        assertEquals(2, mmsim("run", good.toString(), "--policy", "nope"));
        assertEquals("mmsim: no policy 'nope' (loaded: unshare, throws)\n", err);
        policies.clear();
        assertEquals(2, mmsim("run", good.toString(), "--policy", "nope"));
        assertEquals("mmsim: no policy 'nope': no policies loaded from " + plugins + "\n", err);
    }

    @Test
    void runDirectoryTakesEveryScenarioBelowItSorted() throws IOException {
        scenario("b.mms", SIMPLE);
        scenario("a/z.mms", SIMPLE);
        scenario("a.mms", SIMPLE);
        scenario("notes.txt", "not a scenario");
        assertEquals(0, mmsim("run", scenarios.toString(), "--policy", "unshare"));
        List<String> files = out.lines().filter(l -> l.startsWith("PASS")).map(l -> l.split("\\s+")[1]).toList();
        assertEquals(List.of(scenarios.resolve("a.mms").toString(), scenarios.resolve("a/z.mms").toString(),
                scenarios.resolve("b.mms").toString()), files);
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        assertEquals(2, mmsim("run", empty.toString(), "--policy", "unshare"));
        assertEquals("mmsim: " + empty + ": no .mms files below it\n", err);
    }

    @Test
    @SuppressWarnings("unchecked")
    void runJson() throws IOException {
        Path good = scenario("good.mms", FORK_COW);
        assertEquals(0, mmsim("run", good.toString(), "--policy", "unshare", "--format", "json"));
        Map<String, Object> root = (Map<String, Object>) MiniJson.parse(out);
        List<Object> results = (List<Object>) root.get("results");
        assertEquals(1, results.size());
        assertEquals("pass", ((Map<String, Object>) results.get(0)).get("verdict"));
        assertEquals(1, ((List<Object>) root.get("policies")).size());
    }

    @Test
    @SuppressWarnings("unchecked")
    void runJsonWithTraceCarriesEveryEventWithItsFacts() throws IOException {
        Path good = scenario("good.mms", FORK_COW);
        assertEquals(0, mmsim("run", good.toString(), "--policy", "unshare", "--format", "json", "--trace"));
        Map<String, Object> result = (Map<String, Object>) ((List<Object>) ((Map<String, Object>) MiniJson.parse(out))
                .get("results")).get(0);
        List<Map<String, Object>> trace = (List<Map<String, Object>>) (List<?>) result.get("trace");
        assertEquals(Map.of("line", 2L, "depth", 0L, "event", "statement", "text", "2: spawn parent",
                "facts", Map.of("statement", "spawn parent")), trace.get(0));
        Map<String, Object> wp = trace.stream().filter(e -> e.get("event").equals("do_wp_page")).findFirst()
                .orElseThrow();
        Map<String, Object> facts = (Map<String, Object>) wp.get("facts");
        assertEquals(8L, wp.get("line"));
        assertEquals("copy", facts.get("decision"));
        assertEquals(2L, facts.get("refcount"), "the child's pipe reference");
        assertTrue(facts.containsKey("anonExclusive") && facts.containsKey("consulted"), facts.toString());

        assertEquals(0, mmsim("run", good.toString(), "--policy", "unshare", "--format", "json"));
        assertFalse(out.contains("\"trace\""), "no trace unless asked");
    }

    @Test
    @SuppressWarnings("unchecked")
    void compareJsonCarriesTheTraceOnRequestAndOnlyThere() throws IOException {
        scenario("good.mms", FORK_COW);
        assertEquals(0, mmsim("compare", scenarios.toString(), "--policies", "unshare", "--format", "json", "--trace"));
        Map<String, Object> result = (Map<String, Object>) ((List<Object>) ((Map<String, Object>) MiniJson.parse(out))
                .get("results")).get(0);
        assertFalse(((List<Object>) result.get("trace")).isEmpty());
        assertEquals(2, mmsim("compare", scenarios.toString(), "--trace"));
        assertEquals("mmsim: --trace needs --format json or html (or use run --trace)\n", err);
    }

    @Test
    void diffOnScenarioFilesShowsWhereTwoPoliciesPartWithBothTraces() throws IOException {
        KernelUnsharePolicy asIs = new KernelUnsharePolicy("as-is");
        asIs.pin = org.mmsim.api.PinDecision.pin();
        policies.add(asIs);
        policies.add(new KernelUnsharePolicy("same"));
        Path file = scenario("pin.mms", """
                spawn p
                mmap p b anon private pages=1
                write p b[0] A
                fork p c
                pin p b[0] ro longterm as h
                write p b[0] B
                peek h expect B
                """);
        assertEquals(1, mmsim("diff", "unshare", "as-is", file.toString()));
        List<String> lines = out.lines().toList();
        assertEquals(file + ": unshare and as-is part at line 5: pin p b[0] ro longterm as h (same outcome, "
                + "different decisions)", lines.get(0));
        assertTrue(lines.get(1).startsWith("  unshare: ok; decided gup_must_unshare b[0]: unshare, do_wp_page b[0]: "
                + "copy, gup_must_unshare b[0]: pin"), out);
        assertTrue(out.contains("  as-is: ok; decided gup_must_unshare b[0]: pin\n"), out);
        assertTrue(out.contains("handle_mm_fault: p b[0] FAULT_FLAG_UNSHARE"), "unshare's trace of line 5: " + out);
        assertEquals("1 of 1 scenario(s) differ between unshare and as-is", lines.get(lines.size() - 1));

        assertEquals(0, mmsim("diff", "unshare", "same", file.toString()));
        assertEquals(file + ": unshare and same take the same steps and the same decisions\n"
                + "0 of 1 scenario(s) differ between unshare and same\n", out);
    }

    @Test
    void runStatePrintsTheWholeMachineAfterTheLine() throws IOException {
        Path good = scenario("good.mms", FORK_COW);
        assertEquals(0, mmsim("run", good.toString(), "--policy", "unshare", "--state", "6"));
        List<String> lines = out.lines().toList();
        assertEquals(good + " line 6: vmsplice child buf[0] as pipe  => ok", lines.get(0).replace(" under unshare", ""));
        assertTrue(lines.contains("  parent"), out);
        assertTrue(lines.contains("  child (forked from parent)"), out);
        assertTrue(out.contains("      buf[0]  #1, read-only"), out);
        assertTrue(lines.stream().anyMatch(l -> l.matches("  #1  anon 'secret-1'  refcount 3  mapcount 2")), out);
        assertTrue(lines.contains("handles"), out);
        assertTrue(out.contains("  pipe  FOLL_GET ro  holds #1, taken at child buf[0]"), out);
    }

    @Test
    @SuppressWarnings("unchecked")
    void runStateAsJson() throws IOException {
        Path good = scenario("good.mms", FORK_COW);
        assertEquals(0, mmsim("run", good.toString(), "--policy", "unshare", "--state", "8", "--format", "json"));
        Map<String, Object> root = (Map<String, Object>) MiniJson.parse(out);
        assertEquals("write parent buf[0] secret-2", root.get("statement"));
        Map<String, Object> state = (Map<String, Object>) root.get("state");
        List<Map<String, Object>> frames = (List<Map<String, Object>>) (List<?>) state.get("frames");
        Map<String, Object> copy = frames.stream().filter(f -> "secret-2".equals(f.get("content"))).findFirst()
                .orElseThrow();
        assertEquals(1L, copy.get("refcount"));
        assertEquals(true, copy.get("exclusive"));
        assertEquals(true, state.get("exclusiveFlag"));
    }

    /** A PMD-mapped THP shared by fork, then split by one write in the child: folio lines, folded runs, JSON folios. */
    @Test
    @SuppressWarnings("unchecked")
    void runStateShowsLargeFolios() throws IOException {
        Path pmd = scenario("pmd.mms", "scenario \"pmd\"\nthp 2M always\nspawn p0\nmmap p0 buf anon private pages=512\n"
                + "write p0 buf[0] P0\nfork p0 p1\nread p1 buf[3] expect 0\n");
        assertEquals(0, mmsim("run", pmd.toString(), "--policy", "unshare", "--state", "7"));
        List<String> lines = out.lines().toList();
        assertEquals(2, lines.stream().filter("      buf[0..511]  #1..#512, huge, read-only, dirty"::equals).count(), out);
        assertTrue(lines.contains("  folio #1..#512  2M anon  refcount 2  mapcount 2  entire 2  mapped by p0, p1"), out);
        assertTrue(lines.contains("    #1  'P0'  mapcount 2"), out);
        assertTrue(lines.contains("    #2..#512  '0'  mapcount 2"), out);

        Path split = scenario("split.mms", "scenario \"split\"\nthp 2M always\nspawn p0\n"
                + "mmap p0 buf anon private pages=512\nwrite p0 buf[0] P0\nfork p0 p1\nwrite p1 buf[1] P1\n");
        assertEquals(0, mmsim("run", split.toString(), "--policy", "unshare", "--state", "7"));
        assertTrue(out.contains("      buf[0..511]  #1..#512, huge, read-only, dirty\n"
                + "  p1 (forked from p0)\n    buf: anon private, 512 pages, rw\n      buf[0]  #1, read-only, dirty\n"
                + "      buf[1]  #513, writable, dirty\n      buf[2..511]  #3..#512, read-only, dirty\n"), out);
        assertEquals(0, mmsim("run", split.toString(), "--policy", "unshare", "--state", "7", "--format", "json"));
        Map<String, Object> state = (Map<String, Object>) ((Map<String, Object>) MiniJson.parse(out)).get("state");
        List<Map<String, Object>> folios = (List<Map<String, Object>>) (List<?>) state.get("folios");
        assertEquals(1, folios.size(), out);
        Map<String, Object> folio = folios.get(0);
        assertEquals("2M", folio.get("size"));
        assertEquals(512L, folio.get("pages"));
        assertEquals(512L, folio.get("mapcount"), "p0's PMD and the 511 PTEs left in p1");
        assertEquals(1L, folio.get("entireMapCount"));
        assertEquals(List.of("p0", "p1"), folio.get("mappedBy"));
        List<Map<String, Object>> frames = (List<Map<String, Object>>) (List<?>) state.get("frames");
        assertEquals(512, frames.stream().filter(f -> folio.get("head").equals(f.get("folio"))).count(), out);
        assertEquals(-1L, frames.stream().filter(f -> "P1".equals(f.get("content"))).findFirst().orElseThrow()
                .get("folio"), "the child's copy is a base page: " + out);
    }

    /** A whole-command --timeout counts from this invocation, not from when the JVM (a test's, here) started. */
    @Test
    void exploreStopsAtItsDeadlineCountedFromItsOwnStart() throws InterruptedException {
        assertEquals(0, mmsim("explore", "--policy", "unshare", "--depth", "1")); // an earlier command in this JVM
        Thread.sleep(1200); // older than the deadline below
        int status = mmsim("explore", "--policy", "unshare", "--depth", "12", "--timeout", "1");
        assertTrue(status == 0 || status == 1, "a search's status, not a usage error: " + status + err);
        List<String> lines = out.lines().toList();
        assertTrue(lines.contains("stopped early: --timeout reached after 1s"), out);
        Matcher m = Pattern.compile("explored (\\d+) states \\((\\d+) distinct\\)").matcher(lines.get(lines.size() - 1));
        assertTrue(m.find(), out);
        assertTrue(Long.parseLong(m.group(2)) > 100, "it searched for about a second: " + out);
    }

    @Test
    void runStateNeedsOneFileAndAStatementLine() throws IOException {
        Path good = scenario("good.mms", FORK_COW);
        assertEquals(2, mmsim("run", good.toString(), "--policy", "unshare", "--state", "1"));
        assertEquals("mmsim: " + good + ": no statement on line 1 (--state names the line of a statement)\n", err);
        assertEquals(2, mmsim("run", good.toString(), good.toString() + "x", "--policy", "unshare", "--state", "2"));
        assertEquals(2, mmsim("run", scenarios.toString(), scenario("b.mms", SIMPLE).toString(), "--policy", "unshare",
                "--state", "2"));
        assertTrue(err.startsWith("mmsim: --state needs exactly one scenario file"), err);
        assertEquals(1, mmsim("run", good.toString(), "--policy", "throws", "--state", "9"));
        assertTrue(err.startsWith("mmsim: " + good + ": the run under throws ended before line 9: policy throws threw"),
                err);
    }

    @Test
    @SuppressWarnings("unchecked")
    void compareRunsTheMatrixAndExitsZeroWhateverTheVerdicts() throws Exception {
        scenario("1-fork.mms", FORK_COW);
        scenario("2-simple.mms", SIMPLE);
        assertEquals(0, mmsim("compare", scenarios.toString()));
        List<String> lines = out.lines().toList();
        assertTrue(lines.get(0).matches("scenario +unshare +throws"), lines.get(0));
        assertTrue(lines.get(2).matches("fork cow +pass +ERROR policy throws threw .*"), lines.get(2));
        assertTrue(lines.get(3).matches("2-simple +pass +pass"), lines.get(3));

        Path json = tmp.resolve("out.json");
        assertEquals(0, mmsim("compare", scenarios.toString(), "--format", "json", "--output", json.toString()));
        assertEquals("", out);
        Map<String, Object> root = (Map<String, Object>) MiniJson.parse(Files.readString(json));
        List<Object> results = (List<Object>) root.get("results");
        assertEquals(4, results.size());
        Map<String, Object> first = (Map<String, Object>) results.get(0);
        assertEquals(scenarios.resolve("1-fork.mms").toString(), first.get("file"));
        assertEquals("unshare", first.get("policy"));
        assertEquals("throws", ((Map<String, Object>) results.get(1)).get("policy"));
        assertEquals("error", ((Map<String, Object>) results.get(1)).get("verdict"));

        assertEquals(0, mmsim("compare", scenarios.toString(), "--format", "junit", "--policies", "throws"));
        Element root2 = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(out.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .getDocumentElement();
        assertEquals("2", root2.getAttribute("tests"));
        assertEquals("1", root2.getAttribute("errors"));

        assertEquals(0, mmsim("compare", scenarios.toString(), "--format", "markdown", "--policies", "throws,unshare"));
        assertTrue(out.startsWith("| scenario | throws | unshare |\n"), out);
    }

    @Test
    @SuppressWarnings("unchecked")
    void compareOfAllIsStatusTwoAfterTheMatrixWhenAPluginFailedToLoad() throws IOException {
        Path good = scenario("good.mms", FORK_COW);
        loaderProblems = List.of("plugin broken.jar: not a readable jar file");
        assertEquals(2, mmsim("compare", good.toString(), "--format", "json"));
        assertEquals("mmsim: plugin broken.jar: not a readable jar file\n", err);
        Map<String, Object> root = (Map<String, Object>) MiniJson.parse(out);
        assertEquals(2, ((List<Object>) root.get("results")).size(), "the whole matrix first");
        assertEquals(0, mmsim("compare", good.toString(), "--policies", "unshare"), "what was asked for loaded");
        assertEquals(0, mmsim("run", good.toString(), "--policy", "unshare"));
        assertEquals("mmsim: plugin broken.jar: not a readable jar file\n", err, "still warned");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anIdTwoPluginsProvideMustBeQualified() throws IOException {
        Path good = scenario("good.mms", FORK_COW);
        thirdParty.add(new PolicyCatalog.Contribution("evil", "6.6.6", false,
                host -> List.of(new ThrowingPolicy("unshare"))));
        String clash = "mmsim: plugin evil: declares policy 'unshare', as bundled plugin test does; "
                + "name one: test:unshare, evil:unshare\n";
        String ambiguous = "mmsim: policy 'unshare' is provided by plugins test and evil; "
                + "name one: test:unshare, evil:unshare\n";

        assertEquals(0, mmsim("policies"), "every policy loaded");
        assertEquals(clash, err);
        assertTrue(out.startsWith("evil:unshare  evil@6.6.6  ") && out.contains("\ntest:unshare  test@1.0    "), out);

        assertEquals(2, mmsim("run", good.toString(), "--policy", "unshare"));
        assertEquals(clash + ambiguous, err);
        assertEquals(2, mmsim("compare", good.toString(), "--policies", "throws,unshare"));
        assertEquals(clash + ambiguous, err);
        assertEquals(2, mmsim("explore", "--policy", "unshare", "--depth", "1"));
        assertEquals(clash + ambiguous, err);
        assertEquals(2, mmsim("diff", "unshare", "throws", good.toString()));
        assertEquals(clash + ambiguous, err);
        assertEquals(2, mmsim("run", good.toString(), "--policy", "unshare", "--state", "3"));
        assertEquals(clash + ambiguous, err);

        assertEquals(0, mmsim("run", good.toString(), "--policy", "test:unshare"));
        assertEquals("PASS   " + good + "  \"fork cow\"  [test:unshare]\n", out);
        assertEquals(1, mmsim("run", good.toString(), "--policy", "evil:unshare"));
        assertEquals(1, mmsim("run", good.toString(), "--policy", "test:throws"), "unique ids may be qualified too");
        assertEquals(2, mmsim("run", good.toString(), "--policy", "nobody:unshare"));
        assertTrue(err.endsWith("mmsim: no policy 'nobody:unshare' (loaded: evil:unshare, test:unshare, throws)\n"), err);

        assertEquals(0, mmsim("compare", good.toString(), "--format", "json"));
        Map<String, Object> root = (Map<String, Object>) MiniJson.parse(out);
        List<Map<String, Object>> ps = (List<Map<String, Object>>) root.get("policies");
        assertEquals(List.of("evil:unshare", "test:unshare", "throws"), ps.stream().map(p -> p.get("id")).toList());
        assertEquals(List.of("evil:unshare", "test:unshare", "test:throws"),
                ps.stream().map(p -> p.get("qualifiedId")).toList());
        List<Map<String, Object>> results = (List<Map<String, Object>>) root.get("results");
        assertEquals(List.of("evil:unshare", "test:unshare", "throws"), results.stream().map(r -> r.get("policy")).toList());
        assertEquals(List.of("error", "pass", "error"), results.stream().map(r -> r.get("verdict")).toList());

        assertEquals(0, mmsim("compare", good.toString(), "--policies", "throws,test:throws,test:unshare", "--format",
                "markdown"));
        assertTrue(out.startsWith("| scenario | throws | test:unshare |\n"), "one column per policy, however named: " + out);
    }

    @Test
    void compareChoosesPolicies() throws IOException {
        Path good = scenario("good.mms", FORK_COW);
        assertEquals(2, mmsim("compare", good.toString(), "--policies", "unshare,nope"));
        assertEquals("mmsim: no policy 'nope' (loaded: unshare, throws)\n", err);
        assertEquals(2, mmsim("compare", good.toString(), "--policies", "unshare,,throws"));
        assertEquals(2, mmsim("compare", good.toString(), "--timeout", "-1"));
        policies.clear();
        assertEquals(2, mmsim("compare", good.toString()));
        assertEquals("mmsim: no policies loaded from " + plugins + "\n", err);
    }

    @Test
    @Timeout(30)
    void compareTimesOutAStuckPolicyAndStillFinishes() throws IOException {
        LoopingPolicy loop = new LoopingPolicy("loops");
        loops.add(loop);
        policies.add(loop);
        scenario("1-fork.mms", FORK_COW);
        scenario("2-simple.mms", SIMPLE);
        long t0 = System.nanoTime();
        assertEquals(0, mmsim("compare", scenarios.toString(), "--timeout", "0.5"));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        List<String> lines = out.lines().toList();
        assertTrue(lines.get(2).matches("fork cow +pass +ERROR policy throws threw .* +ERROR timed out after 0.5s"),
                lines.get(2));
        assertTrue(lines.get(3).matches("2-simple +pass +pass +pass"), lines.get(3));
        assertTrue(millis < 10_000, millis + " ms");
    }

    @Test
    void outputFileProblemsAreOneLine() throws IOException {
        Path good = scenario("good.mms", FORK_COW);
        assertEquals(2, mmsim("compare", good.toString(), "--output", tmp.resolve("no/such/dir.json").toString()));
        assertEquals("mmsim: cannot write " + tmp.resolve("no/such/dir.json") + ": no such file or directory\n", err);
    }

    @Test
    void internalErrorsAreOneLine() throws IOException {
        Path good = scenario("good.mms", FORK_COW);
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int status = Main.execute(new String[] {"--plugins-dir", plugins.toString(), "run", good.toString(),
                "--policy", "x"}, stdin, o, new PrintWriter(e), n -> null, (dir, flags) -> {
                    throw new IllegalStateException("catalog\nexploded");
                });
        assertEquals(2, status);
        assertEquals("mmsim: internal error: java.lang.IllegalStateException: catalog exploded\n", e.toString());
    }

    /** A standard output on a full disk: every write fails, as on /dev/full. */
    private static final class FullDisk extends java.io.Writer {
        @Override
        public void write(char[] cbuf, int off, int len) throws IOException {
            throw new IOException("No space left on device");
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private int onFullDisk(String... args) {
        StringWriter e = new StringWriter();
        int status = Main.execute(args, stdin, new FullDisk(), new PrintWriter(e), n -> null,
                (dir, flags) -> PolicyCatalog.of(dir, List.of(new PolicyCatalog.Contribution("test", "1.0", true,
                        host -> List.copyOf(policies))), flags, List.of()));
        err = e.toString();
        return status;
    }

    @Test
    void outputThatCannotBeWrittenIsStatusTwoWithTheReason() throws IOException {
        Path good = scenario("good.mms", FORK_COW);
        String plugins = this.plugins.toString();
        String full = "mmsim: cannot write to standard output: No space left on device\n";
        // a run that passes (0), a comparison, a listing and --version all lose their output: status 2
        assertEquals(2, onFullDisk("--plugins-dir", plugins, "run", good.toString(), "--policy", "unshare"));
        assertEquals(full, err);
        assertEquals(2, onFullDisk("--plugins-dir", plugins, "compare", good.toString(), "--output", "-"));
        assertEquals(full, err);
        assertEquals(2, onFullDisk("--plugins-dir", plugins, "policies"));
        assertEquals(full, err);
        assertEquals(2, onFullDisk("--version"));
        assertEquals(full, err);
        // with --output FILE, standard output is not written: the full disk does not matter
        Path json = tmp.resolve("out.json");
        assertEquals(0, onFullDisk("--plugins-dir", plugins, "compare", good.toString(), "--format", "json",
                "--output", json.toString()));
        assertEquals("", err);
        assertTrue(Files.readString(json).contains("\"verdict\": \"pass\""));
    }

    @Test
    void dashIsStandardInputOnceAndStandardOutputForOutput() throws IOException {
        stdin = new java.io.ByteArrayInputStream(FORK_COW.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path simple = scenario("simple.mms", SIMPLE);
        // given twice, - is read once and runs once, where it first appears
        assertEquals(0, mmsim("run", "-", simple.toString(), "-", "--policy", "unshare"));
        assertEquals(List.of("PASS   -  \"fork cow\"  [unshare]", "PASS   " + simple + "  \"simple\"  [unshare]",
                "2 scenarios under unshare: 2 pass, 0 fail, 0 error"), out.lines().toList());
        assertEquals("", err);

        stdin = new java.io.ByteArrayInputStream("spawn p\nfrobnicate p\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(2, mmsim("compare", "-"));
        assertTrue(err.startsWith("-:2:1: ") && err.lines().count() == 1, err);
        assertEquals("", out);

        stdin = new java.io.ByteArrayInputStream(SIMPLE.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(0, mmsim("compare", "-", "--format", "json", "--output", "-"));
        assertTrue(out.contains("\"file\": \"-\"") && out.contains("\"verdict\": \"pass\""), out);
    }

    @Test
    void standardInputKeepsTheSizeLimitAndIsNotReadPastIt() {
        byte[] big = new byte[3 << 20];
        java.util.Arrays.fill(big, (byte) '\n');
        java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(big);
        stdin = in;
        assertEquals(2, mmsim("run", "-", "--policy", "unshare"));
        assertTrue(err.startsWith("-:1:1: file too large") && err.contains("limit 1 MiB"), err);
        assertEquals(big.length - org.mmsim.core.scenario.ScenarioParser.MAX_FILE_BYTES - 1, in.available(),
                "read one byte past the limit, no more");
    }

    @Test
    void completionScriptCoversTheCommandModel() {
        assertEquals(0, mmsim("completion", "bash"));
        String bash = out;
        assertTrue(bash.contains("complete -F _complete_mmsim"), bash);
        for (String command : new picocli.CommandLine(new Main()).getSubcommands().keySet()) {
            assertTrue(bash.contains("function _picocli_mmsim_" + command + "()"), command);
        }
        assertTrue(bash.contains("'--policy'") && bash.contains("'--policies'") && bash.contains("'--plugins-dir'"));
        // scenario arguments complete as file names; --format as the names compare accepts
        String run = bash.substring(bash.indexOf("function _picocli_mmsim_run()"));
        assertTrue(run.substring(0, run.indexOf("\n}\n")).contains("positionals=$( compgen -f"), run);
        assertTrue(bash.contains("=(\"table\" \"json\" \"markdown\" \"junit\" \"html\") # --format values"), bash);
        assertEquals(0, mmsim("completion", "zsh"));
        assertEquals(bash, out, "one script serves both shells");
        assertEquals(2, mmsim("completion", "fish"));
        assertTrue(err.startsWith("mmsim: Invalid value for positional parameter") && err.contains("bash, zsh"), err);
    }

    @Test
    void exportWritesOneCallPerStatementBesideItsText() throws IOException {
        Path f = scenario("fork.mms", FORK_COW);
        assertEquals(0, mmsim("export", f.toString(), "--c"));
        assertTrue(out.contains("int main(void) {"), out);
        assertTrue(out.contains(" *   scenario \"fork cow\"\n *   spawn parent\n"), "the scenario heads the program");
        assertTrue(out.contains("    mms_step(3, \"mmap parent buf anon private pages=1\", "
                + "mms_mmap(\"parent\", \"buf\", NULL, \"private\", \"rw\", 1L, 0L), NULL);\n"), out);
        assertTrue(out.contains(" *   peek pipe expect secret-1\n"), out);
        assertTrue(out.contains("    mms_step(9, \"peek pipe\", mms_peek(\"pipe\"), \"secret-1\");\n"), out);
        assertEquals(11, out.lines().filter(l -> l.startsWith("    mms_step(")).count(), "one call per statement");
        Path c = tmp.resolve("out/repro.c");
        Files.createDirectories(c.getParent());
        assertEquals(0, mmsim("export", f.toString(), "--c", "-o", c.toString()));
        assertEquals("", out);
        assertTrue(Files.readString(c).contains("mms_fork(\"parent\", \"child\")"));
        assertEquals(2, mmsim("export", f.toString()));
        assertTrue(err.startsWith("mmsim: Missing required option: '--c'"), err);
        Path bad = scenario("bad.mms", "spawn p\nfrobnicate p\n");
        assertEquals(2, mmsim("export", bad.toString(), "--c"));
        assertTrue(err.startsWith(bad + ":2:"), err);
        assertEquals("", out);
    }

    @Test
    void theHostColumnIsNamedByHandAndUnavailableOutsideADistribution() throws IOException {
        Path f = scenario("simple.mms", SIMPLE);
        assertEquals(2, mmsim("run", f.toString(), "--policy", "host"));
        assertEquals("mmsim: the host column is unavailable here: no helper: not run from a distribution\n", err);
        assertEquals(2, mmsim("compare", f.toString(), "--policies", "unshare,host"));
        assertTrue(err.startsWith("mmsim: the host column is unavailable here"), err);
        assertEquals(0, mmsim("compare", f.toString(), "--policies", "all", "--format", "json"));
        assertFalse(out.contains("\"host\""), "'all' is the plugins' policies, never the live kernel: " + out);
        // what needs the simulated machine says so, available or not
        String why = " needs a simulated policy: the host column runs scenarios on the kernel, which it cannot "
                + "search, trace or look inside\n";
        assertEquals(2, mmsim("explore", "--policy", "host", "--depth", "1"));
        assertEquals("mmsim: explore" + why, err);
        assertEquals(2, mmsim("diff", "host", "unshare", "--depth", "1"));
        assertEquals("mmsim: diff without scenario files" + why, err);
        assertEquals(2, mmsim("run", f.toString(), "--policy", "host", "--trace"));
        assertEquals("mmsim: --trace" + why, err);
        assertEquals(2, mmsim("run", f.toString(), "--policy", "host", "--state", "3"));
        assertEquals("mmsim: --state" + why, err);
        assertEquals(2, mmsim("bench", "pin-churn", "--policy", "host", "--pages", "1"));
        assertEquals("mmsim: bench pin-churn" + why, err);
        assertEquals("", out);
    }
}
