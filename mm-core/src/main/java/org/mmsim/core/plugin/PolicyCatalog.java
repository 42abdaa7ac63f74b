package org.mmsim.core.plugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.mmsim.api.FaultFlags;
import org.mmsim.api.Policy;
import org.mmsim.api.PolicyHost;
import org.mmsim.api.PolicyProvider;

/**
 * The policies loaded at start-up: an ordered map from policy id to {@link LoadedPolicy}, plus one
 * line per problem met while loading ({@code plugin <file or id>: <reason>}).
 *
 * <p>Built once, on one thread, then only read (so it may be shared by the parallel runs of a
 * comparison). {@link PluginLoader#load} builds it from a directory of PF4J plugin jars; {@link #of}
 * builds it from providers handed over directly, which is the part that calls plugin code and is
 * what tests exercise without PF4J.
 *
 * <p>Order: contributions are taken in plugin-id order (stable for one plugin's several providers),
 * policies in the order each provider lists them. When two policies share an id the first one wins
 * and the later one is reported as a problem.
 */
public final class PolicyCatalog {
    /** The version of mm-api this host implements; PF4J checks each plugin's {@code Plugin-Requires} against it. */
    public static final String API_VERSION = "0.1.0";

    /** What a policy id must look like: usable on a command line and in {@code --policies a,b}. */
    public static final Pattern POLICY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}");

    /** The word {@code --policies} reserves for "every policy": no policy may take it as its id. */
    public static final String ALL = "all";
    /** The column of the live kernel, built into mmsim: no plugin may take its id. */
    public static final String HOST = "host";

    private static final int MAX_SUMMARY = 300;

    /**
     * One provider and the plugin it came from.
     *
     * @param pluginId      the plugin id (used for ordering and in problem lines)
     * @param pluginVersion the plugin version
     * @param provider      the extension
     */
    public record Contribution(String pluginId, String pluginVersion, PolicyProvider provider) {
        public Contribution {
            Objects.requireNonNull(pluginId, "pluginId");
            Objects.requireNonNull(pluginVersion, "pluginVersion");
            Objects.requireNonNull(provider, "provider");
        }
    }

    private final Path directory;
    private final Map<String, LoadedPolicy> policies;
    private final List<String> problems;

    private PolicyCatalog(Path directory, Map<String, LoadedPolicy> policies, List<String> problems) {
        this.directory = directory;
        this.policies = Collections.unmodifiableMap(policies);
        this.problems = List.copyOf(problems);
    }

    /**
     * Builds a catalog by asking every provider for its policies, with a host whose
     * {@link PolicyHost#faultFlags()} is {@code flags}. Whatever a provider does (throw, return null,
     * return null elements, answer ids that clash or are malformed) ends up as a problem line; it
     * never stops the other providers.
     *
     * @param directory       where the plugins came from (for messages), or null
     * @param contributions   the providers, in any order
     * @param flags           the single shared fault-flag registry
     * @param earlierProblems problems found before (e.g. by the PF4J loader), kept first
     */
    public static PolicyCatalog of(Path directory, List<Contribution> contributions, FaultFlags flags,
                                   List<String> earlierProblems) {
        Objects.requireNonNull(flags, "flags");
        PolicyHost host = new Host(flags);
        List<String> problems = new ArrayList<>(earlierProblems);
        Map<String, LoadedPolicy> byId = new LinkedHashMap<>();
        List<Contribution> ordered = new ArrayList<>(contributions);
        ordered.sort(Comparator.comparing(Contribution::pluginId)); // stable: one plugin's providers keep their order
        for (Contribution c : ordered) {
            String who = "plugin " + c.pluginId() + ": ";
            String providerName = c.provider().getClass().getName();
            List<Policy> offered;
            try {
                offered = c.provider().policies(host);
            } catch (Throwable t) { // a plugin must never take the others down
                rethrowIfFatal(t);
                problems.add(who + "provider " + providerName + " failed: " + describe(t));
                continue;
            }
            if (offered == null) {
                problems.add(who + "provider " + providerName + " returned no policy list (null)");
                continue;
            }
            List<Policy> copy;
            try {
                copy = new ArrayList<>(offered);
            } catch (Throwable t) {
                rethrowIfFatal(t);
                problems.add(who + "provider " + providerName + " returned an unreadable list: " + describe(t));
                continue;
            }
            for (int i = 0; i < copy.size(); i++) {
                Policy p = copy.get(i);
                if (p == null) {
                    problems.add(who + "provider " + providerName + " returned a null policy (element " + i + ")");
                    continue;
                }
                String id;
                String summary;
                try {
                    id = p.id();
                    summary = p.summary();
                } catch (Throwable t) {
                    rethrowIfFatal(t);
                    problems.add(who + "policy " + p.getClass().getName() + " failed to name itself: " + describe(t));
                    continue;
                }
                if (id == null || !POLICY_ID.matcher(id).matches() || id.equals(ALL) || id.equals(HOST)) {
                    problems.add(who + "policy " + p.getClass().getName() + " has an unusable id "
                            + (id == null ? "(null)" : "'" + oneLine(id, 40) + "'")
                            + " (wanted " + POLICY_ID.pattern() + ", not '" + ALL + "' or '" + HOST + "')");
                    continue;
                }
                LoadedPolicy earlier = byId.get(id);
                if (earlier != null) {
                    problems.add(who + "policy id '" + id + "' is already provided by plugin "
                            + earlier.pluginId() + "; this one is ignored");
                    continue;
                }
                byId.put(id, new LoadedPolicy(id, p, c.pluginId(), c.pluginVersion(),
                        summary == null ? "" : oneLine(summary, MAX_SUMMARY)));
            }
        }
        return new PolicyCatalog(directory, byId, problems);
    }

    /** An empty catalog with the given problems (e.g. when no plugin could be loaded at all). */
    public static PolicyCatalog empty(Path directory, List<String> problems) {
        return new PolicyCatalog(directory, new LinkedHashMap<>(), problems);
    }

    /** The directory the plugins were loaded from, or null when the catalog was built directly. */
    public Path directory() {
        return directory;
    }

    /** Every accepted policy by id, in catalog order. */
    public Map<String, LoadedPolicy> policies() {
        return policies;
    }

    /** The accepted policies in catalog order. */
    public List<LoadedPolicy> list() {
        return List.copyOf(policies.values());
    }

    public Optional<LoadedPolicy> get(String id) {
        return Optional.ofNullable(policies.get(id));
    }

    public boolean isEmpty() {
        return policies.isEmpty();
    }

    /** One line per problem, {@code plugin <file or id>: <reason>}, in the order they were met. */
    public List<String> problems() {
        return problems;
    }

    /** The host handed to providers: nothing but the shared fault-flag registry. */
    private record Host(FaultFlags faultFlags) implements PolicyHost {}

    /** Lets the JVM's own emergencies through; everything else a plugin throws is its problem. */
    static void rethrowIfFatal(Throwable t) {
        if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
            throw (VirtualMachineError) t;
        }
    }

    /** A one-line description of what a plugin threw: the exception and the first cause that says more. */
    static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder(t.toString());
        Throwable seen = t;
        Throwable cause = t.getCause();
        int depth = 0;
        while (cause != null && cause != seen && depth++ < 5) {
            String m = cause.toString();
            if (!sb.toString().contains(m)) {
                sb.append(" (caused by ").append(m).append(')');
                break;
            }
            seen = cause;
            cause = cause.getCause();
        }
        return oneLine(sb.toString(), 400);
    }

    /** Folds line breaks and runs of white space, strips control characters, and caps the length. */
    static String oneLine(String s, int max) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), max + 1));
        boolean space = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isISOControl(cp)) {
                space = sb.length() > 0;
                continue;
            }
            if (space) {
                sb.append(' ');
                space = false;
            }
            sb.appendCodePoint(cp);
            if (sb.length() >= max) {
                sb.append('…');
                break;
            }
        }
        return sb.toString();
    }
}
