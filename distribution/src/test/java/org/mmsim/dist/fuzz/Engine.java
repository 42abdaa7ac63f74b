package org.mmsim.dist.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.mmsim.api.Policy;
import org.mmsim.api.PolicyHost;
import org.mmsim.api.PolicyProvider;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.run.RunResult;
import org.mmsim.core.run.ScenarioRunner;
import org.mmsim.core.scenario.Diagnostic;
import org.mmsim.core.scenario.Scenario;
import org.mmsim.core.scenario.ScenarioException;
import org.mmsim.core.scenario.ScenarioParser;

/**
 * mm-core and the bundled policies in this JVM (class path, no PF4J): the providers are
 * instantiated directly, with one {@link FlagRegistry} as their host, shared with the runner.
 */
final class Engine {
    /** Every policy the distribution ships, in a fixed order. */
    static final List<String> BUNDLED = List.of("unshare", "unshare-cow-mapping", "fail-pin", "mapcount", "page-count",
            "make-anon-exclusive", "mm-id");
    /** Invariants about the simulator's own bookkeeping: a violation is a simulator bug, whatever the policy. */
    static final Set<String> SIMULATOR_INVARIANTS = Set.of("accounting", "anon-exclusive", "leak", "mapcount-refcount");

    static final FlagRegistry FLAGS = new FlagRegistry();
    static final List<Policy> POLICIES = load();
    static final ScenarioRunner RUNNER = new ScenarioRunner(FLAGS, Limits.DEFAULT);

    private Engine() {
    }

    private static List<Policy> load() {
        PolicyHost host = () -> FLAGS;
        List<PolicyProvider> providers = List.of(new org.mmsim.plugins.unshare.UnsharePolicies(),
                new org.mmsim.plugins.legacy.LegacyPolicies(),
                new org.mmsim.plugins.makeanonexclusive.MakeAnonExclusivePolicies(),
                new org.mmsim.plugins.mmid.MmIdPolicies());
        List<Policy> all = new ArrayList<>();
        for (PolicyProvider p : providers) {
            all.addAll(p.policies(host));
        }
        return List.copyOf(all);
    }

    static Scenario parse(String text) throws ScenarioException {
        return ScenarioParser.parse("fuzz.mms", text.getBytes(StandardCharsets.UTF_8));
    }

    static RunResult run(Scenario s, Policy policy) {
        return RUNNER.run(s, policy, false);
    }

    /** For jqwik's statistics: the bucket of {@code width} that n falls in, "10-19". */
    static String bucket(int n, int width) {
        return n / width * width + "-" + (n / width * width + width - 1);
    }

    /** The diagnostics of an exception, one per line, for assertion messages. */
    static String describe(ScenarioException e) {
        StringBuilder b = new StringBuilder();
        for (Diagnostic d : e.diagnostics()) {
            b.append(d).append('\n');
        }
        return b.toString();
    }
}
