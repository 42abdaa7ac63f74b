package org.mmsim.core.plugin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The words for a policy id that several plugins provide: the line {@code policies} and every other
 * command print at start-up, and the usage error of naming that id bare. Bundled plugins come first
 * and are never blamed: a third-party plugin that reuses a bundled id caused the clash.
 */
public final class Clash {
    private Clash() {
    }

    /**
     * {@code plugin evil: declares policy 'unshare', as bundled plugin unshare does; name one:
     * unshare:unshare, evil:unshare}; between third-party plugins only, all of them are named.
     */
    static String blame(String policyId, List<LoadedPolicy> providers) {
        List<LoadedPolicy> ordered = bundledFirst(providers);
        List<String> blamed = new ArrayList<>();
        List<String> innocent = new ArrayList<>();
        for (LoadedPolicy p : ordered) {
            (p.bundled() ? innocent : blamed).add(p.pluginId());
        }
        if (blamed.isEmpty()) { // only bundled plugins: a defect of the distribution, say where
            blamed = innocent;
            innocent = List.of();
        }
        String subject = plugins(blamed) + ": ";
        String verb = blamed.size() == 1 ? "declares" : "each declare";
        String also = innocent.isEmpty() ? "" : ", as bundled " + plugins(innocent) + (innocent.size() == 1 ? " does" : " do");
        return subject + verb + " policy '" + policyId + "'" + also + "; name one: " + qualifiedIds(ordered);
    }

    /** {@code policy 'unshare' is provided by plugins unshare and evil; name one: unshare:unshare, evil:unshare}. */
    public static String ambiguous(String name, List<LoadedPolicy> providers) {
        List<LoadedPolicy> ordered = bundledFirst(providers);
        return "policy '" + name + "' is provided by " + plugins(ordered.stream().map(LoadedPolicy::pluginId).toList())
                + "; name one: " + qualifiedIds(ordered);
    }

    private static List<LoadedPolicy> bundledFirst(List<LoadedPolicy> providers) {
        List<LoadedPolicy> ordered = new ArrayList<>(providers);
        ordered.sort(Comparator.comparing(p -> !p.bundled())); // stable: catalog order otherwise
        return ordered;
    }

    private static String qualifiedIds(List<LoadedPolicy> providers) {
        return String.join(", ", providers.stream().map(LoadedPolicy::qualifiedId).toList());
    }

    /** {@code plugin a}, {@code plugins a and b}, {@code plugins a, b and c}. */
    private static String plugins(List<String> ids) {
        if (ids.size() == 1) {
            return "plugin " + ids.get(0);
        }
        return "plugins " + String.join(", ", ids.subList(0, ids.size() - 1)) + " and " + ids.get(ids.size() - 1);
    }
}
