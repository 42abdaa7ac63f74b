package org.mmsim.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code explore --cluster} over three members, each its own JVM on loopback (two
 * {@code mmsim member} processes, one of them configured by a Hazelcast file, and the command itself): the same findings, counterexamples and
 * counts as one machine; a member with other plugins is refused; and a member killed mid-search ends it
 * cleanly at the last complete level.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    private static final String CLUSTER = "127.0.0.1:5821,127.0.0.1:5822,127.0.0.1:5823";
    private static final Pattern SUMMARY = Pattern.compile("explored (\\d+) states \\((\\d+) distinct\\) to depth (\\d+) in .*");
    private static final Pattern LEFT = Pattern.compile(
            "stopped early: cluster member \\[127\\.0\\.0\\.1]:582\\d left during depth (\\d+); what was found up to"
                    + " depth (\\d+) is complete");

    @TempDir
    static Path work;
    private static final List<Process> MEMBERS = new ArrayList<>();

    /** A member of another cluster: its plugins are not the others'. */
    private static final String OTHER_CLUSTER = "127.0.0.1:5831,127.0.0.1:5832";
    private static Process other;

    @BeforeAll
    static void startMembers() throws IOException, InterruptedException {
        Path fewer = Mmsim.pluginsWithout(work.resolve("fewer-plugins"), "mmsim-plugin-legacy");
        other = Mmsim.start(work, Map.of(), work.resolve("other.out"), work.resolve("other.err"), Mmsim.command(
                "--plugins-dir", fewer.toString(), "member", "--cluster", OTHER_CLUSTER, "--port", "5831"));
        // the second member finds the others through a Hazelcast configuration file instead of --cluster
        Path config = Files.writeString(work.resolve("member.yaml"), """
                hazelcast:
                  network:
                    port:
                      port: 5821
                      auto-increment: true
                    interfaces:
                      enabled: true
                      interfaces: [127.0.0.1]
                    join:
                      multicast:
                        enabled: false
                      tcp-ip:
                        enabled: true
                        member-list: [%s]
                  properties:
                    hazelcast.socket.bind.any: false
                """.formatted(CLUSTER));
        for (int i = 0; i < 2; i++) {
            Path out = work.resolve("member" + i + ".out");
            Path err = work.resolve("member" + i + ".err");
            MEMBERS.add(Mmsim.start(work, Map.of(), out, err, i == 0
                    ? Mmsim.command("member", "--cluster", CLUSTER, "--port", "5821")
                    : Mmsim.command("member", "--cluster-config", config.toString())));
        }
        for (int i = 0; i < 2; i++) {
            Path out = work.resolve("member" + i + ".out");
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.readString(out, StandardCharsets.UTF_8).contains("serving searches")) {
                if (System.nanoTime() > until || !MEMBERS.get(i).isAlive()) {
                    fail("member " + i + " did not start: " + Files.readString(out, StandardCharsets.UTF_8)
                            + Files.readString(work.resolve("member" + i + ".err"), StandardCharsets.UTF_8));
                }
                Thread.sleep(100);
            }
        }
    }

    @AfterAll
    static void stopMembers() throws InterruptedException, IOException {
        other.destroy();
        other.waitFor(60, TimeUnit.SECONDS);
        for (int i = 0; i < MEMBERS.size(); i++) {
            Process p = MEMBERS.get(i);
            if (p.isAlive()) {
                p.destroy(); // SIGTERM: the member leaves the cluster and exits
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "member " + i + " stopped on SIGTERM");
                assertEquals(143, p.exitValue(), "member " + i + ": SIGTERM's status");
            }
            assertEquals("", Files.readString(work.resolve("member" + i + ".err"), StandardCharsets.UTF_8),
                    "nothing on a member's stderr");
        }
    }

    /** Everything but the summary line's seconds and rate. */
    private static List<String> withoutTimes(Mmsim.Result r) {
        return r.outLines().stream().map(l -> {
            Matcher m = SUMMARY.matcher(l);
            return m.matches() ? "explored " + m.group(1) + " (" + m.group(2) + ") to depth " + m.group(3) : l;
        }).toList();
    }

    private static void sameAsOneMachine(String... args) {
        Mmsim.Result one = Mmsim.run(work, args);
        List<String> clustered = new ArrayList<>(List.of(args));
        clustered.addAll(List.of("--cluster", CLUSTER, "--port", "5821"));
        Mmsim.Result three = Mmsim.run(work, clustered.toArray(String[]::new));
        assertEquals(one.exit(), three.exit(), three.describe());
        assertEquals(withoutTimes(one), withoutTimes(three), one.describe() + three.describe());
        assertEquals("", three.err(), three.describe());
    }

    @Test
    @Order(1)
    void threeMembersFindWhatOneMachineFinds() {
        // diff goes the same way (ClusterSearchTest compares it in one JVM)
        sameAsOneMachine("explore", "--policy", "mapcount", "--depth", "4", "--max-findings", "2");
    }

    /**
     * A member with other plugins has another cluster name, so Hazelcast refuses it at join time: the
     * search does not start, and says why in one line.
     */
    @Test
    @Order(2)
    void aMemberWithOtherPluginsIsRefusedAtJoin() throws Exception {
        Path out = work.resolve("other.out");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.readString(out, StandardCharsets.UTF_8).contains("serving searches")) {
            assertTrue(System.nanoTime() < until && other.isAlive(), "the other member starts");
            Thread.sleep(100);
        }
        // the join is tried while the command's member starts; the wait after it can be short
        Mmsim.Result r = Mmsim.run(work, Map.of("MMSIM_JAVA_OPTS", "-Dmmsim.cluster.join.seconds=1"), "explore",
                "--policy", "unshare", "--depth", "2", "--cluster", OTHER_CLUSTER, "--port", "5831");
        String error = Mmsim.assertOneLineError(r);
        Matcher m = Pattern.compile("mmsim: --cluster: 1 of 2 members joined within 1 s; members must run the"
                + " same mmsim version with the same plugins \\(cluster (mmsim-0\\.1\\.0-[0-9a-f]{12})\\)")
                .matcher(error);
        assertTrue(m.matches(), error);
        String theirs = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(theirs.contains(" of cluster mmsim-0.1.0-") && !theirs.contains(m.group(1)),
                "the member's own cluster has another name: " + theirs);
    }

    @Test
    @Order(3)
    void aKilledMemberEndsTheSearchAtTheLastCompleteLevel() throws Exception {
        Path out = work.resolve("search.out");
        Path err = work.resolve("search.err");
        Process search = Mmsim.start(work, Map.of(), out, err, Mmsim.command("explore", "--policy", "unshare",
                "--depth", "9", "--cluster", CLUSTER, "--port", "5821"));
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            // the depth-2 finding is printed once its level is complete: the search is past it
            while (!Files.readString(out, StandardCharsets.UTF_8).contains("pin-coherence under unshare")) {
                if (System.nanoTime() > until || !search.isAlive()) {
                    fail("no finding: " + Files.readString(out, StandardCharsets.UTF_8)
                            + Files.readString(err, StandardCharsets.UTF_8));
                }
                Thread.sleep(20);
            }
            MEMBERS.get(1).destroyForcibly(); // kill -9: no goodbye to the cluster
            assertTrue(search.waitFor(120, TimeUnit.SECONDS), "the search ends");
        } finally {
            search.destroyForcibly();
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        Mmsim.Result r = new Mmsim.Result(List.of("explore --cluster"), work, search.exitValue(), text,
                Files.readString(err, StandardCharsets.UTF_8));
        Mmsim.assertNoStackTrace(r);
        assertEquals("", r.err(), r.describe());
        assertEquals(1, r.exit(), "it found something before the member left" + r.describe());
        Matcher left = r.outLines().stream().map(LEFT::matcher).filter(Matcher::matches).findFirst()
                .orElseThrow(() -> new AssertionError("no line on the member that left" + r.describe()));
        int complete = Integer.parseInt(left.group(2));
        assertEquals(complete + 1, Integer.parseInt(left.group(1)));
        assertTrue(complete >= 2 && complete < 9, r.describe());
        // what it reports is exactly what one machine finds to that depth
        Mmsim.Result one = Mmsim.run(work, "explore", "--policy", "unshare", "--depth", String.valueOf(complete));
        List<String> expected = withoutTimes(one);
        List<String> got = withoutTimes(r).stream().filter(l -> !LEFT.matcher(l).matches()).toList();
        assertEquals(expected, got, one.describe() + r.describe());
        assertFalse(MEMBERS.get(1).isAlive());
        MEMBERS.remove(1);
    }
}
