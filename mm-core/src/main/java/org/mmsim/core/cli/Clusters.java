package org.mmsim.core.cli;

import com.hazelcast.core.HazelcastInstance;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import org.mmsim.api.Policy;
import org.mmsim.core.explore.ClusterSearch;
import org.mmsim.core.explore.ClusterSpec;
import org.mmsim.core.explore.DiffTarget;
import org.mmsim.core.explore.InvariantTarget;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.plugin.PolicyCatalog;

/**
 * This process as a member of a search cluster: the cluster's name, which only members of the same
 * mmsim version with the same plugins share (Hazelcast refuses a member with another name at join
 * time), and what builds a search's target here.
 */
final class Clusters {
    /** How long a search waits for its members to join. */
    static final int JOIN_SECONDS = Integer.getInteger("mmsim.cluster.join.seconds", 60);

    private Clusters() {
    }

    /** {@code mmsim-0.1.0-} and a digest of every loaded policy's plugin, version and id. */
    static String name(Main.Session session) {
        TreeSet<String> facts = new TreeSet<>();
        for (LoadedPolicy p : session.catalog().policies().values()) {
            facts.add(p.pluginId() + "@" + p.pluginVersion() + ":" + p.policyId());
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(String.join("\n", facts)
                    .getBytes(StandardCharsets.UTF_8));
            return "mmsim-" + PolicyCatalog.API_VERSION + "-" + HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Joins the cluster as a member that serves searches with this session's policies. */
    static HazelcastInstance join(Main.Session session, ClusterOptions options) {
        String name = name(session);
        HazelcastInstance hz;
        com.hazelcast.config.Config config = options.configFile == null ? null : config(options.configFile);
        try {
            hz = config == null ? ClusterSearch.join(name, options.addresses(), options.port)
                    : ClusterSearch.join(name, options.addresses(), config);
        } catch (RuntimeException e) {
            throw CliException.usage("--cluster: cannot start a member: " + Main.oneLine(String.valueOf(e.getMessage())));
        }
        FlagRegistry flags = session.get(FlagRegistry.class);
        ClusterSearch.serve(hz, spec -> target(spec, session, flags));
        return hz;
    }

    /** The Hazelcast configuration in {@code file}; status 2 in one line when it is missing or not one. */
    private static com.hazelcast.config.Config config(java.nio.file.Path file) {
        if (!java.nio.file.Files.isRegularFile(file) || !java.nio.file.Files.isReadable(file)) {
            throw CliException.usage("--cluster-config: " + file + ": no such readable file");
        }
        ClusterSearch.quiet();
        // the JDK's XML parser prints a fatal error on stderr itself before it throws: the one line below says it
        java.io.PrintStream err = System.err;
        System.setErr(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            return com.hazelcast.config.Config.loadFromFile(file.toFile());
        } catch (java.io.IOException | RuntimeException e) {
            throw CliException.usage("--cluster-config: " + file + where(e) + ": not a Hazelcast configuration: "
                    + Main.oneLine(why(e)));
        } finally {
            System.setErr(err);
        }
    }

    private static final java.util.regex.Pattern LINE = java.util.regex.Pattern.compile("(?:line |lineNumber: )(\\d+)");

    /** {@code :LINE} of the first cause of a configuration error that names one (YAML and XML parsers do), or "". */
    private static String where(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            java.util.regex.Matcher m = LINE.matcher(t.toString());
            if (m.find()) {
                return ":" + m.group(1);
            }
        }
        return "";
    }

    /** What the innermost cause says, without the parser's excerpt of the file (its indented lines). */
    private static String why(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause().getMessage() != null) {
            root = root.getCause();
        }
        List<String> said = String.valueOf(root.getMessage()).lines()
                .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0))).distinct().toList();
        return said.isEmpty() ? root.getClass().getSimpleName() : String.join("; ", said);
    }

    /** Waits until the cluster has its members; status 2 saying who is missing after {@link #JOIN_SECONDS}. */
    static void await(HazelcastInstance hz, int members) {
        long until = System.nanoTime() + JOIN_SECONDS * 1_000_000_000L;
        while (hz.getCluster().getMembers().size() < members) {
            if (System.nanoTime() > until) {
                int n = hz.getCluster().getMembers().size();
                throw CliException.usage("--cluster: " + n + " of " + members + " members joined within "
                        + JOIN_SECONDS + " s; members must run the same mmsim version with the same plugins"
                        + " (cluster " + hz.getConfig().getClusterName() + ")");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw CliException.usage("--cluster: interrupted while waiting for members");
            }
        }
    }

    /** The target a search's spec asks for, from this member's own plugins. */
    private static org.mmsim.core.explore.Explorer.Target target(ClusterSpec spec, Main.Session session,
                                                                 FlagRegistry flags) {
        List<Policy> p = spec.policies().stream().map(id -> inProcess(Options.simulated(id, session, spec.kind())))
                .toList();
        return spec.kind().equals("diff") ? new DiffTarget(p.get(0), p.get(1), flags, spec.universe(), spec.reductions())
                : new InvariantTarget(p.get(0), flags, spec.universe(), spec.reductions());
    }

    /** A policy this process runs itself: a cluster search does not hand its members' work to worker JVMs. */
    static Policy inProcess(LoadedPolicy p) {
        if (p.policy() instanceof org.mmsim.core.worker.IsolatedPolicy) {
            throw CliException.usage("--cluster: " + p.id() + " runs in a worker JVM (an isolated plugin);"
                    + " a cluster search runs in-process policies only");
        }
        return p.policy();
    }
}
