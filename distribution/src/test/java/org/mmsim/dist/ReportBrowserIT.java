package org.mmsim.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The HTML report in a real browser (Debian's chromium and chromium-driver, headless; .ci/run
 * installs them): a click on a cell opens the run with the machine drawn, the diagram shows the
 * frames, counts and arrows of a known scenario, two policies side by side mark their first
 * difference, the script lays a drawing out exactly as {@code run --state --format svg} does, and
 * no request leaves the page. Every test leaves a screenshot in {@code target/browser/}.
 */
class ReportBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target", "browser");

    @TempDir
    static Path work;
    static ChromeDriver browser;
    /** A proxy that is no proxy: every request that tried to leave the page would land here. */
    static ServerSocket trap;
    /** The first line of every request that reached the trap. */
    static final List<String> trapped = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Chromium's own services (updates, sign-in, hints): it calls them with no page open at all. */
    private static final Pattern BROWSER_SERVICE = Pattern.compile(
            "(CONNECT |[A-Z]+ https?://)([a-z0-9-]+\\.)*(google\\.com|googleapis\\.com|gstatic\\.com)[:/].*");

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "no chromium and chromium-driver here (.ci/run installs them)");
        Files.createDirectories(SHOTS);
        trap = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!trap.isClosed()) {
                try (Socket s = trap.accept()) {
                    s.setSoTimeout(2000);
                    byte[] head = new byte[512];
                    int n = s.getInputStream().read(head);
                    trapped.add(n > 0 ? new String(head, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1).lines()
                            .findFirst().orElse("") : "(nothing sent)");
                } catch (IOException e) {
                    return;
                }
            }
        }, "request-trap");
        t.setDaemon(true);
        t.start();
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1500,1100", "--proxy-server=http://127.0.0.1:" + trap.getLocalPort(),
                "--proxy-bypass-list=<-loopback>", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-default-apps", "--disable-sync");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, o);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (trap != null) {
            trap.close();
        }
    }

    private static Path report(String name, String... args) {
        Path out = work.resolve(name);
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--format", "html", "--output", out.toString()));
        Mmsim.Result r = Mmsim.run(work, all.toArray(String[]::new));
        assertEquals(0, r.exit(), r.describe());
        return out;
    }

    private static String example(String name) {
        return Mmsim.dist().resolve("examples").resolve(name).toString();
    }

    /** Opens {@code page} (with {@code hash}) and waits until the run view says it is ready. */
    private static void open(Path page, String hash) {
        browser.get(page.toUri() + hash);
        if (!hash.isEmpty()) {
            ready();
        }
    }

    private static void ready() {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> {
            WebElement run = d.findElement(By.id("run"));
            String state = run.getAttribute("data-state");
            return "ready".equals(state) || "failed".equals(state) ? run : null;
        });
        assertEquals("ready", browser.findElement(By.id("run")).getAttribute("data-state"),
                browser.findElement(By.id("run")).getText());
    }

    private static void shoot(TestInfo test, String what) throws IOException {
        Path png = SHOTS.resolve(test.getTestMethod().orElseThrow().getName() + "-" + what + ".png");
        Files.write(png, browser.getScreenshotAs(OutputType.BYTES));
    }

    private static WebElement cell(String scenarioTitlePart, String policy) {
        List<WebElement> heads = browser.findElements(By.cssSelector("#matrix thead th"));
        int column = -1;
        for (int i = 0; i < heads.size(); i++) {
            if (heads.get(i).getText().equals(policy)) {
                column = i;
            }
        }
        assertTrue(column > 0, "no column " + policy);
        for (WebElement row : browser.findElements(By.cssSelector("#matrix tr[data-scenario]"))) {
            if (row.findElement(By.cssSelector("th")).getText().contains(scenarioTitlePart)) {
                return row.findElements(By.cssSelector("td button")).get(column - 1);
            }
        }
        throw new AssertionError("no row " + scenarioTitlePart);
    }

    /** The arrows of a drawing: "from -> to". */
    private static List<String> arrows(WebElement svg) {
        List<String> l = new ArrayList<>();
        for (WebElement p : svg.findElements(By.cssSelector("path.edge"))) {
            l.add(p.getAttribute("data-from") + " -> " + p.getAttribute("data-to"));
        }
        return l;
    }

    private static String box(WebElement svg, String id) {
        return svg.findElement(By.cssSelector("[id='" + id + "']")).getText();
    }

    /**
     * CVE-2020-29374 under mapcount: the cell opens at the parent's write (line 13), which broke
     * isolation; the diagram shows the pipe's handle and the parent's entry both on frame #1, which
     * now holds the parent's secret, refcount 2, and the write's changes highlighted. Side by side
     * with unshare, the outcomes first differ at the pipe's read (line 14), where unshare's pipe
     * still holds the old page.
     */
    @Test
    void aCellOpensItsRunStepByStepWithTheMachineDrawn(TestInfo test) throws IOException {
        Path page = report("cve.html", "compare", example("cve-2020-29374.mms"));
        open(page, "");
        WebElement mapcount = cell("CVE-2020-29374", "mapcount");
        assertEquals("v-fail", mapcount.findElement(By.xpath("..")).getAttribute("class"));
        assertEquals("v-pass", cell("CVE-2020-29374", "unshare").findElement(By.xpath("..")).getAttribute("class"));
        shoot(test, "matrix");
        mapcount.click();
        ready();
        WebElement selected = browser.findElement(By.cssSelector("ol.steps li.selected"));
        assertTrue(selected.getText().startsWith("13"), selected.getText());
        assertTrue(selected.getAttribute("class").contains("violated"), selected.getAttribute("class"));
        assertTrue(selected.getText().contains("invariant broken: isolation: child can see 'secret-2' through handle pipe"),
                selected.getText());
        WebElement svg = browser.findElement(By.cssSelector("#diagram svg"));
        assertEquals(List.of("pte-parent-buf-0 -> frame-1", "handle-pipe -> frame-1"), arrows(svg));
        assertEquals(2, svg.findElements(By.cssSelector("g.node[id^='frame-']")).size(), "the zeropage and #1");
        assertEquals("#1 anon 'secret-2'\nrefcount 2 mapcount 1", box(svg, "frame-1"));
        assertTrue(box(svg, "handle-pipe").startsWith("pipe FOLL_GET ro"), box(svg, "handle-pipe"));
        assertEquals("child (forked from parent)", box(svg, "process-child"));
        assertTrue(svg.findElement(By.id("frame-1")).getAttribute("class").contains("changed"), "the write changed #1");
        assertFalse(svg.findElement(By.id("handle-pipe")).getAttribute("class").contains("changed"));
        assertTrue(browser.findElement(By.cssSelector(".picture pre.trace")).getText()
                .contains("do_wp_page: buf[0] #1 anon 'secret-1' (refcount 2, mapcount 1, maybe pinned no) -> reuse"));
        shoot(test, "run");

        browser.findElement(By.tagName("body")).sendKeys(Keys.ARROW_DOWN);
        selected = browser.findElement(By.cssSelector("ol.steps li.selected"));
        assertTrue(selected.getText().contains("peek pipe") && selected.getText()
                .contains("expectation failed: expected secret-1, got secret-2"), selected.getText());

        new Select(browser.findElement(By.id("with"))).selectByVisibleText("unshare");
        ready();
        WebElement run = browser.findElement(By.id("run"));
        assertEquals("14", run.getAttribute("data-first-outcome-difference"));
        WebElement b = browser.findElement(By.cssSelector("#side-b svg"));
        String held = b.findElements(By.cssSelector("path.edge")).stream()
                .filter(p -> p.getAttribute("data-from").equals("handle-pipe")).findFirst().orElseThrow()
                .getAttribute("data-to");
        assertTrue(box(b, held).contains("'secret-1'"), "unshare's pipe keeps the old page: " + box(b, held));
        assertTrue(box(browser.findElement(By.cssSelector("#side-a svg")), "frame-1").contains("'secret-2'"));
        shoot(test, "side-by-side");
    }

    /**
     * The script's layout is StateSvg's, character for character: each step's drawing in the page,
     * laid out in the browser, equals {@code run --state LINE --format svg} for a base-page scenario,
     * a swapped-out 2M THP (folded runs) and an mTHP one.
     */
    @Test
    void theScriptDrawsExactlyWhatRunStateDraws(TestInfo test) throws IOException {
        for (String file : List.of("cve-2020-29374.mms", "mthp-reuse-after-fork.mms",
                "conformance/thp-2M/pte-swap/anon-ro-pin-longterm-shared-fast.mms")) {
            // a page of its own each time: a new hash on the same address would not load it again
            Path page = report("layout-" + Path.of(file).getFileName() + ".html", "compare", example(file),
                    "--policies", "unshare");
            open(page, "#run-0");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> steps = (List<Map<String, Object>>) ((JavascriptExecutor) browser)
                    .executeAsyncScript("const done = arguments[arguments.length - 1];"
                            + "mmsimReport.run(0).then(r => done(r.steps.map(st => ({line: st.line, "
                            + "svg: mmsimReport.svg(st.d)}))));");
            assertTrue(steps.size() > 5, file + ": " + steps.size());
            for (int i = 0; i < steps.size(); i += Math.max(1, steps.size() / 3)) {
                String line = String.valueOf(steps.get(i).get("line"));
                Mmsim.Result java = Mmsim.run(work, "run", example(file), "--policy", "unshare", "--state", line,
                        "--format", "svg");
                assertEquals(0, java.exit(), java.describe());
                if (!java.out().equals(steps.get(i).get("svg"))) {
                    Files.writeString(SHOTS.resolve("layout-java.svg"), java.out());
                    Files.writeString(SHOTS.resolve("layout-js.svg"), (String) steps.get(i).get("svg"));
                }
                assertEquals(java.out(), steps.get(i).get("svg"), file + " line " + line);
            }
        }
        shoot(test, "thp-swap");
    }

    /**
     * Nothing leaves the page: opening a report, a run and two runs side by side makes no request
     * but the file itself (the browser's performance log, and a proxy nothing may reach), and the
     * page declares a policy that forbids every other.
     */
    @Test
    void noRequestLeavesThePage(TestInfo test) throws IOException {
        Path page = report("all.html", "compare", example("cve-2020-29374.mms"), example("mthp-reuse-after-fork.mms"),
                example("file-mappings.mms"));
        browser.manage().logs().get(LogType.PERFORMANCE); // forget what earlier tests did
        open(page, "");
        browser.findElements(By.cssSelector("#matrix td button")).get(3).click();
        ready();
        new Select(browser.findElement(By.id("with"))).selectByIndex(1);
        ready();
        shoot(test, "pair");
        List<String> urls = new ArrayList<>();
        Pattern url = Pattern.compile("\"method\":\"Network.requestWillBeSent\".*?\"url\":\"([^\"]*)\"");
        for (LogEntry e : browser.manage().logs().get(LogType.PERFORMANCE)) {
            Matcher m = url.matcher(e.getMessage());
            if (m.find()) {
                urls.add(m.group(1));
            }
        }
        assertFalse(urls.isEmpty(), "the log sees the page itself");
        String self = page.toUri().toString();
        for (String u : urls) {
            assertTrue(u.startsWith(self) || u.startsWith("data:"), "a request left the page: " + u);
        }
        assertEquals(0L, ((JavascriptExecutor) browser).executeScript(
                "return performance.getEntriesByType('resource').length"));
        synchronized (trapped) {
            for (String request : trapped) {
                assertTrue(BROWSER_SERVICE.matcher(request).matches(), "a request reached the proxy: " + request);
            }
        }
        String html = Files.readString(page);
        assertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"), "CSP");
        assertEquals(List.of(), Pattern.compile("(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}").matcher(html).results()
                .map(java.util.regex.MatchResult::group).filter(u -> !u.equals("http://www.w3.org")).distinct().toList(),
                "no address in the page but the SVG namespace");
    }

    /**
     * The findings of explore and diff as pages: explore's opens on the first finding's run at the
     * step that broke the invariant; diff's opens both policies side by side at their first
     * different outcome.
     */
    @Test
    void exploreAndDiffFindingsArePictures(TestInfo test) throws IOException {
        Path explore = work.resolve("explore.html");
        Mmsim.Result r = Mmsim.run(work, "explore", "--policy", "mapcount", "--depth", "5", "--html", explore.toString());
        assertEquals(1, r.exit(), r.describe());
        assertTrue(r.out().contains("findings drawn in " + explore), r.describe());
        open(explore, "");
        ready();
        WebElement selected = browser.findElement(By.cssSelector("ol.steps li.selected"));
        assertTrue(selected.getText().contains("invariant broken"), selected.getText());
        assertFalse(browser.findElements(By.cssSelector("#diagram svg path.edge")).isEmpty());
        shoot(test, "explore");

        Path diff = work.resolve("diff.html");
        r = Mmsim.run(work, "diff", "mapcount", "unshare", "--depth", "4", "--html", diff.toString());
        assertEquals(1, r.exit(), r.describe());
        open(diff, "");
        ready();
        String line = browser.findElement(By.id("run")).getAttribute("data-first-outcome-difference");
        assertFalse(line.isEmpty(), "the diff's scenario makes the outcomes differ");
        WebElement row = browser.findElement(By.cssSelector("table.pair tr.selected"));
        assertTrue(row.getText().startsWith(line) && row.getText().contains("first"), row.getText());
        assertEquals(2, browser.findElements(By.cssSelector(".pictures svg")).size());
        shoot(test, "diff");

        // diff on the user's own scenarios: run once, printed, then drawn side by side
        Path files = work.resolve("diff-files.html");
        r = Mmsim.run(work, "diff", "mapcount", "unshare", example("cve-2020-29374.mms"), "--html", files.toString());
        assertEquals(1, r.exit(), r.describe());
        assertTrue(r.out().indexOf("part at line") < r.out().indexOf("findings drawn in " + files), r.describe());
        open(files, "");
        ready();
        assertEquals("14", browser.findElement(By.id("run")).getAttribute("data-first-outcome-difference"));
    }

    /**
     * The whole conformance suite under every policy in one page: the matrix paints, a 2M THP cell
     * opens. The size and the time to first paint go to target/browser/suite.txt (the README's
     * figures; measured, not asserted). 27 s: run on demand ({@code -Dmmsim.browser.suite=true}), not in CI.
     */
    @Test
    @EnabledIfSystemProperty(named = "mmsim.browser.suite", matches = "true")
    void theWholeSuiteInOnePage(TestInfo test) throws IOException {
        Path page = report("suite.html", "compare", Mmsim.dist().resolve("examples/conformance").toString());
        open(page, "");
        Object paint = ((JavascriptExecutor) browser).executeScript("const e = performance.getEntriesByName("
                + "'first-contentful-paint'); return e.length ? e[0].startTime : -1;");
        int rows = browser.findElements(By.cssSelector("#matrix tr[data-scenario]")).size();
        assertTrue(rows > 300, "rows: " + rows);
        WebElement thp = browser.findElements(By.cssSelector("#matrix tr[data-scenario]")).stream()
                .filter(tr -> tr.findElement(By.cssSelector("th")).getAttribute("title").contains("thp-2M/pmd/"))
                .findFirst().orElseThrow().findElement(By.cssSelector("td button"));
        thp.click();
        ready();
        // after the first write the 2M THP is there: one folio box, its 512 pages folded
        browser.findElements(By.cssSelector("ol.steps li[data-step] code")).stream()
                .filter(code -> code.getText().startsWith("write ")).findFirst().orElseThrow().click();
        WebElement folio = browser.findElement(By.cssSelector("#diagram svg g.folio"));
        assertTrue(folio.getText().contains(" 2M"), folio.getText());
        assertTrue(browser.findElements(By.cssSelector("#diagram svg g.node")).size() < 20, "folded");
        shoot(test, "thp");
        Files.writeString(SHOTS.resolve("suite.txt"), "report bytes " + Files.size(page) + "\nfirst contentful paint ms "
                + paint + "\nrows " + rows + "\n");
    }
}
