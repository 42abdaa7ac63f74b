package org.mmsim.dist.fuzz;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.mmsim.core.scenario.ScenarioException;

/**
 * A campaign over {@link FolioGen}'s scenarios that, unlike the properties, does not stop at the
 * first problem: N scenarios each checked as {@link FolioFuzzTest} does (under every policy) and, where
 * the host column runs, as {@link FolioDifferentialIT} does (kernel against mm-id); every kind of
 * problem (its signature) is counted, and its shortest case cut down line by line to a minimal
 * scenario in {@code target/folio-campaign/}. Known findings ({@link KnownFindings}) are not
 * problems. Runs only when asked:
 * {@code mvn -B -o verify -pl distribution -am -Dit.test=FolioCampaignIT -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dmmsim.campaign=3000}.
 */
class FolioCampaignIT {
    static final int N = Integer.getInteger("mmsim.campaign", 0);

    /** How often a signature was seen, and its shortest case. */
    private record Found(int count, String text) {
        Found merge(Found o) {
            return new Found(count + o.count, lines(o.text) < lines(text) ? o.text : text);
        }
    }

    @Test
    void campaign() throws IOException {
        Assumptions.assumeTrue(N > 0, "a campaign runs with -Dmmsim.campaign=N");
        boolean host = HostDifferential.host().unavailable().isEmpty();
        Path out = HostDifferential.emptyCorpus("folio-campaign");
        Map<String, Found> found = new TreeMap<>();
        long start = System.nanoTime();
        FolioGen.plans().sampleStream().limit(N).forEach(plan -> {
            String text = FolioGen.render(plan, false);
            invariants(text).forEach(sig -> found.merge("invariant " + sig, new Found(1, text), Found::merge));
            if (host) {
                String hostText = FolioGen.render(plan, true);
                differential(hostText).forEach(sig -> found.merge("kernel " + sig, new Found(1, hostText), Found::merge));
            }
        });
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        StringBuilder summary = new StringBuilder(N + " scenarios in " + seconds + " s" + (host ? "" : " (no host column)")
                + "; " + found.size() + " kinds of problem\n");
        int n = 0;
        for (Map.Entry<String, Found> e : found.entrySet()) {
            String sig = e.getKey();
            Function<String, Set<String>> check = sig.startsWith("kernel ") ? FolioCampaignIT::differential
                    : FolioCampaignIT::invariants;
            String bare = sig.substring(sig.indexOf(' ') + 1);
            String minimal = minimize(e.getValue().text(), t -> check.apply(t).contains(bare));
            String name = String.format("%02d.mms", ++n);
            HostDifferential.write(out.resolve(name), "# " + sig + " (" + e.getValue().count() + " of " + N + ")\n"
                    + minimal);
            summary.append(name).append("  ").append(e.getValue().count()).append("x  ").append(sig).append('\n');
        }
        HostDifferential.write(out.resolve("summary.txt"), summary.toString());
        System.out.println("FolioCampaignIT: " + summary);
    }

    /** The signatures of the problems of a scenario under every policy, known findings left out. */
    static Set<String> invariants(String text) {
        Set<String> sigs = new TreeSet<>();
        try {
            ScenarioFuzzTest.Checked.of(Engine.parse(text)).problems().stream()
                    .filter(p -> !KnownFindings.explained(text, p)).forEach(p -> sigs.add(p.signature()));
        } catch (ScenarioException e) {
            return Set.of(); // a cut that no longer parses
        }
        return sigs;
    }

    /** The signature of the first unexplained disagreement of the kernel with mm-id, if any. */
    static Set<String> differential(String text) {
        try {
            Engine.parse(text);
        } catch (ScenarioException e) {
            return Set.of();
        }
        try {
            String sig = FolioDifferentialIT.Comparison.of(HostDifferential.Runs.of(text)).signature();
            return sig == null ? Set.of() : Set.of(sig);
        } catch (AssertionError e) { // the host could not run it
            return Set.of("host error");
        }
    }

    /** The scenario with every line it can do without (the header stays) removed while {@code still} holds. */
    static String minimize(String text, Predicate<String> still) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n")));
        boolean cut = true;
        while (cut) {
            cut = false;
            for (int k = lines.size() - 1; k >= 1; k--) {
                List<String> without = new ArrayList<>(lines);
                without.remove(k);
                if (still.test(String.join("\n", without) + "\n")) {
                    lines = without;
                    cut = true;
                }
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static int lines(String text) {
        return text.split("\n").length;
    }
}
