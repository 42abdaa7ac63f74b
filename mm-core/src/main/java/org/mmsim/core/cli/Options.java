package org.mmsim.core.cli;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.mmsim.core.host.HostColumn;
import org.mmsim.core.plugin.Clash;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.plugin.PolicyCatalog;

/** Option values shared by {@code run} and {@code compare}. */
final class Options {
    /** The default of {@code --timeout}, in seconds. */
    static final String DEFAULT_TIMEOUT = "10";
    /** The default of {@code --timeout} for a whole search or benchmark ({@code explore}, {@code diff}, {@code bench}). */
    static final String DEFAULT_COMMAND_TIMEOUT = "3600";
    private static final double MAX_TIMEOUT_SECONDS = 86_400;

    private Options() {
    }

    /** {@code --timeout SECONDS}: a positive number of seconds, fractions allowed. */
    static Duration timeout(double seconds) {
        if (!(seconds > 0) || seconds > MAX_TIMEOUT_SECONDS) {
            throw CliException.usage("--timeout must be a number of seconds above 0 and at most 86400, not "
                    + seconds);
        }
        return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
    }

    /**
     * {@code --policies all|ID,ID...}: the chosen policies, in the order given ({@code all}: catalog
     * order). An unknown id, or nothing loaded at all, is status 2.
     */
    static List<LoadedPolicy> choose(String spec, Main.Session session) {
        PolicyCatalog catalog = session.catalog();
        String s = spec == null ? PolicyCatalog.ALL : spec.strip();
        if (isAll(spec)) {
            if (catalog.isEmpty()) {
                throw CliException.usage("no policies loaded from " + session.pluginsDir());
            }
            return catalog.list();
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String part : s.split(",", -1)) {
            String id = part.strip();
            if (id.isEmpty()) {
                throw CliException.usage("--policies: empty policy id in '" + spec + "'");
            }
            if (id.equals(PolicyCatalog.ALL)) {
                throw CliException.usage("--policies: 'all' cannot be combined with policy ids");
            }
            ids.add(id);
        }
        Set<LoadedPolicy> chosen = new LinkedHashSet<>(); // 'mapcount' and 'legacy:mapcount' are one column
        for (String id : ids) {
            chosen.add(policy(id, session));
        }
        return List.copyOf(chosen);
    }

    /** Whether {@code --policies} (null: its default) asks for every policy. */
    static boolean isAll(String spec) {
        return spec == null || spec.strip().equals(PolicyCatalog.ALL);
    }

    /**
     * A policy that runs on the simulated machine, for what needs one ({@code what}: a search, a
     * trace, a state, a machine workload): the host column is status 2 there, saying so.
     */
    static LoadedPolicy simulated(String id, Main.Session session, String what) {
        if (id.equals(PolicyCatalog.HOST)) {
            throw notSimulated(what);
        }
        return policy(id, session);
    }

    static CliException notSimulated(String what) {
        return CliException.usage(what + " needs a simulated policy: the host column runs scenarios on the kernel, "
                + "which it cannot search, trace or look inside");
    }

    /**
     * The loaded policy {@code id} names (or the host column): a qualified id {@code PLUGIN:POLICY}, or a
     * policy's own id when one plugin provides it. Status 2 naming what is loaded when it names none, or
     * naming every provider when it names several.
     */
    static LoadedPolicy policy(String id, Main.Session session) {
        if (id.equals(PolicyCatalog.HOST)) {
            LoadedPolicy host = session.host();
            HostColumn column = (HostColumn) host.policy();
            column.unavailable().ifPresent(why -> {
                throw CliException.usage("the host column is unavailable here: " + why);
            });
            return host;
        }
        List<LoadedPolicy> named = session.catalog().named(id);
        if (named.size() > 1) {
            throw CliException.usage(Clash.ambiguous(id, named));
        }
        if (named.isEmpty()) {
            DisabledPolicy.hint(id, session.pluginsDir()).ifPresent(hint -> {
                throw CliException.usage(hint);
            });
            throw CliException.usage(session.catalog().isEmpty()
                    ? "no policy '" + id + "': no policies loaded from " + session.pluginsDir()
                    : "no policy '" + id + "' (loaded: " + session.loadedIds() + ")");
        }
        return named.get(0);
    }
}
