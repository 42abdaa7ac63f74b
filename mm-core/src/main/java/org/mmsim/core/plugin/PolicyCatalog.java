package org.mmsim.core.plugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.mmsim.api.FaultFlags;
import org.mmsim.api.Policy;
import org.mmsim.api.PolicyHost;
import org.mmsim.api.PolicyProvider;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.mm.Machine;

/**
 * The policies loaded at start-up, in catalog order, plus one line per problem met while loading
 * ({@code plugin <file or id>: <reason>}) and one per policy id that several plugins provide.
 *
 * <p>Built once, on one thread, then only read (so it may be shared by the parallel runs of a
 * comparison). {@link PluginLoader#load} builds it from a directory of PF4J plugin jars; {@link #of}
 * builds it from providers handed over directly, which is the part that calls plugin code and is
 * what tests exercise without PF4J.
 *
 * <p>Order: policies in plugin-id order (stable for one plugin's several providers), each provider's
 * in the order it lists them. Every policy is named by its qualified id {@code PLUGIN:POLICY}, and by
 * its own id while no other plugin provides that id. Ids that clash are all kept (a later plugin must
 * not hide, nor take the place of, an earlier one); {@link #clashes()} blames the third-party plugins
 * involved, never a bundled one.
 */
public final class PolicyCatalog {
    /**
     * The version mmsim names itself by ({@code --version}); plugins' {@code Plugin-Requires} are checked
     * against mm-api's own version, {@link ApiVersion#running()}, which is this one while they ship together.
     */
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
     * @param bundled       whether the plugin's jar shipped with the distribution ({@link BundledPlugins})
     * @param provider      the extension
     * @param faultFlags    fault flags the plugin registered elsewhere (in its worker JVM), for {@link #faultFlags}
     */
    public record Contribution(String pluginId, String pluginVersion, boolean bundled, PolicyProvider provider,
                               List<String> faultFlags) {
        public Contribution {
            Objects.requireNonNull(pluginId, "pluginId");
            Objects.requireNonNull(pluginVersion, "pluginVersion");
            Objects.requireNonNull(provider, "provider");
            faultFlags = List.copyOf(faultFlags);
        }

        /** A provider that registers its flags here, if any. */
        public Contribution(String pluginId, String pluginVersion, boolean bundled, PolicyProvider provider) {
            this(pluginId, pluginVersion, bundled, provider, List.of());
        }
    }

    private final Path directory;
    private final Map<String, LoadedPolicy> policies;
    private final List<String> problems;
    private final List<String> clashes;
    private final Map<String, List<String>> faultFlags;
    private final Extensions extensions;

    private PolicyCatalog(Path directory, Map<String, LoadedPolicy> policies, List<String> problems,
                          List<String> clashes, Map<String, List<String>> faultFlags, Extensions extensions) {
        this.directory = directory;
        this.policies = Collections.unmodifiableMap(policies);
        this.problems = List.copyOf(problems);
        this.clashes = List.copyOf(clashes);
        this.faultFlags = Map.copyOf(faultFlags);
        this.extensions = extensions;
    }

    /** This catalog with {@code extensions} (the invariants and formats on offer); their problems join its own. */
    public PolicyCatalog withExtensions(Extensions extensions) {
        List<String> all = new ArrayList<>(problems);
        extensions.problems().stream().filter(p -> !all.contains(p)).forEach(all::add);
        return new PolicyCatalog(directory, policies, all, clashes, faultFlags, extensions);
    }

    /** The invariants and report formats on offer (the core's only, unless plugins contributed more). */
    public Extensions extensions() {
        return extensions;
    }

    /**
     * Builds a catalog by asking every provider for its policies. Each plugin gets its own host, whose
     * {@link PolicyHost#faultFlags()} is its view of {@code flags} ({@link FlagRegistry#forPlugin});
     * bundled plugins are asked first, so their flags are registered before any third-party plugin's.
     * Whatever a provider does (throw, return null, return null elements, answer malformed ids, take
     * more fault flags than its quota) ends up as a problem line; it never stops the other providers.
     *
     * @param directory       where the plugins came from (for messages), or null
     * @param contributions   the providers, in any order
     * @param flags           the single shared fault-flag registry
     * @param earlierProblems problems found before (e.g. by the PF4J loader), kept first
     */
    public static PolicyCatalog of(Path directory, List<Contribution> contributions, FlagRegistry flags,
                                   List<String> earlierProblems) {
        Objects.requireNonNull(flags, "flags");
        List<String> problems = new ArrayList<>(earlierProblems);
        Map<String, List<Contribution>> byPlugin = new TreeMap<>();
        for (Contribution c : contributions) { // one plugin's providers keep their order
            byPlugin.computeIfAbsent(c.pluginId(), k -> new ArrayList<>()).add(c);
        }
        List<LoadedPolicy> accepted = new ArrayList<>();
        Map<String, List<String>> flagsByPlugin = new TreeMap<>();
        for (boolean bundledPass : new boolean[] {true, false}) {
            for (List<Contribution> plugin : byPlugin.values()) {
                boolean bundled = plugin.stream().allMatch(Contribution::bundled);
                if (bundled == bundledPass) {
                    accepted.addAll(load(plugin, bundled, flags, problems, flagsByPlugin));
                }
            }
        }
        accepted.sort(Comparator.comparing(LoadedPolicy::pluginId)); // stable: providers' order kept
        return named(directory, accepted, problems, flagsByPlugin);
    }

    /** One plugin's policies, or none when it took more fault flags than its quota. */
    private static List<LoadedPolicy> load(List<Contribution> plugin, boolean bundled, FlagRegistry flags,
                                           List<String> problems, Map<String, List<String>> flagsByPlugin) {
        String pluginId = plugin.get(0).pluginId();
        FlagRegistry.PluginFlags view = flags.forPlugin(bundled);
        PolicyHost host = new Host(view);
        List<String> mine = new ArrayList<>();
        Map<String, LoadedPolicy> byId = new LinkedHashMap<>();
        for (Contribution c : plugin) {
            offer(c, host, byId, mine);
        }
        if (view.overQuota()) { // whatever else went wrong follows from this, or no longer matters
            view.release();
            problems.add("plugin " + pluginId + ": registers more than " + FlagRegistry.PLUGIN_QUOTA
                    + " fault flags (the per-plugin quota); not loaded");
            return List.of();
        }
        problems.addAll(mine);
        java.util.Set<String> registered = new java.util.LinkedHashSet<>(view.registered());
        plugin.forEach(c -> registered.addAll(c.faultFlags()));
        flagsByPlugin.put(pluginId, List.copyOf(registered));
        return List.copyOf(byId.values());
    }

    /** Asks one provider for its policies and adds those it may keep to {@code byId}. */
    private static void offer(Contribution c, PolicyHost host, Map<String, LoadedPolicy> byId, List<String> problems) {
        String who = "plugin " + c.pluginId() + ": ";
        String providerName = c.provider().getClass().getName();
        List<Policy> offered;
        try {
            offered = c.provider().policies(host);
        } catch (Throwable t) { // a plugin must never take the others down
            rethrowIfFatal(t);
            problems.add(who + "provider " + providerName + " failed: " + describe(t));
            return;
        }
        if (offered == null) {
            problems.add(who + "provider " + providerName + " returned no policy list (null)");
            return;
        }
        List<Policy> copy;
        try {
            copy = new ArrayList<>(offered);
        } catch (Throwable t) {
            rethrowIfFatal(t);
            problems.add(who + "provider " + providerName + " returned an unreadable list: " + describe(t));
            return;
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
            if (byId.containsKey(id)) { // its qualified id would be ambiguous too
                problems.add(who + "provides policy id '" + id + "' twice; the later one is ignored");
                continue;
            }
            if (c.bundled()) {
                Machine.trust(p);
            }
            byId.put(id, new LoadedPolicy(id, p, c.pluginId(), c.pluginVersion(),
                    summary == null ? "" : oneLine(summary, MAX_SUMMARY), c.bundled()));
        }
    }

    /**
     * This catalog and the policies {@code more} provides (asked now, as {@link #of} asks them, a plugin
     * over its fault-flag quota dropped), every id named anew: a plugin loaded while mmsim runs
     * ({@code mmsim shell}). The old providers are not asked again. Problems: {@code problems}, then the new ones.
     */
    public PolicyCatalog with(List<Contribution> more, FlagRegistry flags, List<String> problems) {
        List<String> all = new ArrayList<>(problems);
        List<LoadedPolicy> accepted = unnamed(policies.values(), null);
        Map<String, List<Contribution>> byPlugin = new TreeMap<>();
        for (Contribution c : more) {
            byPlugin.computeIfAbsent(c.pluginId(), k -> new ArrayList<>()).add(c);
        }
        Map<String, List<String>> flagsByPlugin = new TreeMap<>(faultFlags);
        for (List<Contribution> plugin : byPlugin.values()) {
            accepted.addAll(load(plugin, plugin.stream().allMatch(Contribution::bundled), flags, all, flagsByPlugin));
        }
        accepted.sort(Comparator.comparing(LoadedPolicy::pluginId));
        return named(directory, accepted, all, flagsByPlugin).keeping(extensions);
    }

    /** This catalog without the policies of plugin {@code pluginId}, every id named anew (no problems). */
    public PolicyCatalog without(String pluginId) {
        Map<String, List<String>> flagsByPlugin = new TreeMap<>(faultFlags);
        flagsByPlugin.remove(pluginId);
        return named(directory, unnamed(policies.values(), pluginId), List.of(), flagsByPlugin).keeping(extensions);
    }

    /** This catalog with {@code extensions}, its problems as they are. */
    private PolicyCatalog keeping(Extensions extensions) {
        return new PolicyCatalog(directory, policies, problems, clashes, faultFlags, extensions);
    }

    /** The policies, each under its own id again (clashes are decided anew), less those of plugin {@code except}. */
    private static List<LoadedPolicy> unnamed(Collection<LoadedPolicy> policies, String except) {
        List<LoadedPolicy> out = new ArrayList<>();
        for (LoadedPolicy p : policies) {
            if (!p.pluginId().equals(except)) {
                out.add(new LoadedPolicy(p.policyId(), p.policy(), p.pluginId(), p.pluginVersion(), p.summary(),
                        p.bundled()));
            }
        }
        return out;
    }

    /** The catalog of {@code accepted}: policies whose id clashes are named by their qualified ids. */
    private static PolicyCatalog named(Path directory, List<LoadedPolicy> accepted, List<String> problems,
                                       Map<String, List<String>> flagsByPlugin) {
        Map<String, List<LoadedPolicy>> byPolicyId = new LinkedHashMap<>();
        for (LoadedPolicy p : accepted) {
            byPolicyId.computeIfAbsent(p.policyId(), k -> new ArrayList<>()).add(p);
        }
        List<String> clashes = new ArrayList<>();
        Map<String, LoadedPolicy> byName = new LinkedHashMap<>();
        for (LoadedPolicy p : accepted) {
            List<LoadedPolicy> same = byPolicyId.get(p.policyId());
            LoadedPolicy named = same.size() > 1 ? p.asClashing() : p;
            byName.put(named.id(), named);
            if (same.size() > 1 && same.get(0) == p) {
                clashes.add(Clash.blame(p.policyId(), same));
            }
        }
        return new PolicyCatalog(directory, byName, problems, clashes, flagsByPlugin, Extensions.BUILTIN);
    }

    /** An empty catalog with the given problems (e.g. when no plugin could be loaded at all). */
    public static PolicyCatalog empty(Path directory, List<String> problems) {
        return new PolicyCatalog(directory, new LinkedHashMap<>(), problems, List.of(), Map.of(), Extensions.BUILTIN);
    }

    /** The directory the plugins were loaded from, or null when the catalog was built directly. */
    public Path directory() {
        return directory;
    }

    /** Every accepted policy by {@link LoadedPolicy#id()} (qualified where ids clash), in catalog order. */
    public Map<String, LoadedPolicy> policies() {
        return policies;
    }

    /** The accepted policies in catalog order. */
    public List<LoadedPolicy> list() {
        return List.copyOf(policies.values());
    }

    /**
     * Every policy {@code name} may mean: the one with that qualified id ({@code PLUGIN:POLICY}), or
     * each one whose own id it is (more than one when plugins clash), in catalog order.
     */
    public List<LoadedPolicy> named(String name) {
        boolean qualified = name.indexOf(':') >= 0;
        List<LoadedPolicy> found = new ArrayList<>();
        for (LoadedPolicy p : policies.values()) {
            if (qualified ? p.qualifiedId().equals(name) : p.policyId().equals(name)) {
                found.add(p);
            }
        }
        return found;
    }

    /** The policy {@code name} means, when it means exactly one (see {@link #named}). */
    public Optional<LoadedPolicy> get(String name) {
        List<LoadedPolicy> found = named(name);
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    public boolean isEmpty() {
        return policies.isEmpty();
    }

    /**
     * One line per plugin that failed, wholly or in part, {@code plugin <file or id>: <reason>}, in the
     * order they were met. Clashing ids are not among them: every policy loaded, see {@link #clashes()}.
     */
    public List<String> problems() {
        return problems;
    }

    /** The fault flags plugin {@code pluginId} registered while it loaded (shared ones too), in its order. */
    public List<String> faultFlags(String pluginId) {
        return faultFlags.getOrDefault(pluginId, List.of());
    }

    /** One line per policy id that several plugins provide, naming the third-party plugins among them. */
    public List<String> clashes() {
        return clashes;
    }

    /** The host handed to one plugin's providers: nothing but its view of the fault-flag registry. */
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
