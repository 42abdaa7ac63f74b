package org.mmsim.core.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mmsim.api.PinDecision;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.plugin.PolicyCatalog;
import org.mmsim.core.run.Comparison;
import org.mmsim.core.run.ScenarioRunner;
import org.mmsim.core.testing.KernelUnsharePolicy;

/**
 * A shell over an in-process catalog: bundled plugin {@code base} with {@code mm-id} (5.19's decisions) and
 * {@code refuse} (refuses R/O pins of shared pages), and a fake {@link PluginHost} whose jars are named here.
 */
final class ShellFixture {
    final FlagRegistry flags = new FlagRegistry();
    final Comparison comparison = new Comparison(new ScenarioRunner(flags, Limits.DEFAULT), 1);
    final FakeHost host = new FakeHost();
    final PolicyCatalog catalog;

    ShellFixture() {
        KernelUnsharePolicy refuse = new KernelUnsharePolicy("refuse");
        refuse.pin = PinDecision.refuse();
        catalog = PolicyCatalog.of(null, List.of(new PolicyCatalog.Contribution("base", "1.0", true,
                h -> List.of(new KernelUnsharePolicy("mm-id"), refuse))), flags, List.of());
    }

    ShellLoop.Setup setup(String policy) {
        return new ShellLoop.Setup(catalog, host, flags, comparison, Duration.ofSeconds(10), policy,
                ShellLoop.startPolicy(catalog, policy));
    }

    /** What a session printed, and its exit status. */
    record Session(int status, String out) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    /** Feeds {@code lines} as standard input would. */
    Session run(String policy, String... lines) throws IOException {
        StringWriter sw = new StringWriter();
        int status = ShellLoop.run(setup(policy), new BufferedReader(new StringReader(String.join("\n", lines)
                + "\n")), new PrintWriter(sw));
        return new Session(status, sw.toString());
    }

    /** Jars whose loading gives the policies registered for them; unload refuses bundled plugins. */
    static final class FakeHost implements PluginHost {
        final Map<String, List<PolicyCatalog.Contribution>> jars = new HashMap<>();
        final List<String> unloaded = new ArrayList<>();

        void jar(Path jar, String pluginId, KernelUnsharePolicy... policies) {
            jars.put(jar.getFileName().toString(), List.of(new PolicyCatalog.Contribution(pluginId, "2.0", false,
                    h -> List.of(policies))));
        }

        @Override
        public Loaded load(Path jar) {
            return new Loaded(jars.getOrDefault(jar.getFileName().toString(), List.of()), List.of());
        }

        @Override
        public Optional<String> unload(String pluginId, List<LoadedPolicy> policies) {
            if (policies.get(0).bundled()) {
                return Optional.of("plugin " + pluginId + " is bundled");
            }
            unloaded.add(pluginId);
            return Optional.empty();
        }
    }
}
