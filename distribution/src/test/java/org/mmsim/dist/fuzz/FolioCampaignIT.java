package org.mmsim.dist.fuzz;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        Map<String, Integer> known = new TreeMap<>(); // how often each known finding stopped a check
        FolioGen.plans().sampleStream().limit(N).forEach(plan -> {
            String text = FolioGen.render(plan, false);
            for (ScenarioFuzzTest.Checked.Problem p : problems(text)) {
                Optional<String> finding = KnownFindings.INVARIANTS.stream().filter(k -> k.matches().test(text, p))
                        .map(KnownFindings.KnownProblem::finding).findFirst();
                finding.ifPresentOrElse(f -> known.merge("invariant " + f, 1, Integer::sum),
                        () -> found.merge("invariant " + p.signature(), new Found(1, text), Found::merge));
            }
            if (host) {
                String hostText = FolioGen.render(plan, true);
                FolioDifferentialIT.Comparison c = compare(hostText);
                if (c.signature() != null) {
                    found.merge("kernel " + c.signature(), new Found(1, hostText), Found::merge);
                } else if (c.stop().startsWith("finding ")) {
                    known.merge("kernel " + c.stop().substring("finding ".length()), 1, Integer::sum);
                }
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
        known.forEach((f, count) -> summary.append("known  ").append(count).append("x  ").append(f).append('\n'));
        HostDifferential.write(out.resolve("summary.txt"), summary.toString());
        System.out.println("FolioCampaignIT: " + summary);
    }

    /** The problems of a scenario under every policy (none for a cut that no longer parses). */
    static List<ScenarioFuzzTest.Checked.Problem> problems(String text) {
        try {
            return ScenarioFuzzTest.Checked.of(Engine.parse(text)).problems();
        } catch (ScenarioException e) {
            return List.of();
        }
    }

    /** The signatures of those problems that no known finding explains. */
    static Set<String> invariants(String text) {
        Set<String> sigs = new TreeSet<>();
        problems(text).stream().filter(p -> !KnownFindings.explained(text, p)).forEach(p -> sigs.add(p.signature()));
        return sigs;
    }

    /**
     * The comparison of a scenario on the kernel with mm-id; a host that cannot run it is a problem of its
     * own, a cut that no longer parses none.
     */
    static FolioDifferentialIT.Comparison compare(String text) {
        try {
            Engine.parse(text);
            return FolioDifferentialIT.Comparison.of(HostDifferential.Runs.of(text));
        } catch (ScenarioException e) {
            return new FolioDifferentialIT.Comparison("a cut that does not parse", 0, null, null);
        } catch (AssertionError e) {
            return new FolioDifferentialIT.Comparison("host error", 0, "host error", e.getMessage());
        }
    }

    /** The signature of the first unexplained disagreement of the kernel with mm-id, if any. */
    static Set<String> differential(String text) {
        String sig = compare(text).signature();
        return sig == null ? Set.of() : Set.of(sig);
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
