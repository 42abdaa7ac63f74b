package org.mmsim.core.worker;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.plugin.Extensions;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.plugin.PluginLoader;
import org.mmsim.core.plugin.PolicyCatalog;
import org.mmsim.core.run.RunResult;
import org.mmsim.core.run.ScenarioRunner;

/**
 * The main class of a plugin's worker JVM: loads one third-party plugin jar (with the bundled jars
 * it may depend on, all in the directory it is given), says {@link Messages.Hello}, then runs one
 * {@link Messages.Job} at a time until its standard input ends. Whatever the plugin does here (exit,
 * spin, exhaust the heap, start threads) costs this JVM only; mmsim kills it at the deadline.
 */
public final class WorkerMain {
    private WorkerMain() {
    }

    /** {@code WorkerMain DIR JAR}: the directory of jars to load, and the file name of the plugin served. */
    public static void main(String[] args) throws Exception {
        // the protocol owns the real stdout; whatever plugin code prints goes to stderr, which mmsim drains
        ObjectOutputStream out = new ObjectOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
        System.setOut(System.err);
        java.io.InputStream protocolIn = System.in; // the same for mmsim's requests: plugin code reads nothing
        System.setIn(java.io.InputStream.nullInputStream());
        Set<Thread> own = Thread.getAllStackTraces().keySet();
        Path dir = Path.of(args[0]);
        String served = PluginJar.id(dir.resolve(args[1]));
        FlagRegistry flags = new FlagRegistry();
        PolicyCatalog catalog = PluginLoader.load(dir, flags);
        List<Messages.Offered> offered = new ArrayList<>();
        for (LoadedPolicy p : catalog.list()) {
            if (p.pluginId().equals(served)) {
                org.mmsim.api.KernelRelease k = kernel(p);
                offered.add(new Messages.Offered(p.policyId(), p.summary(), k.major(), k.minor()));
            }
        }
        List<String> problems = new ArrayList<>();
        for (String p : catalog.problems()) {
            if (p.startsWith("plugin " + args[1] + ":") || p.startsWith("plugin " + served + ":")
                    || p.startsWith("plugin " + served + " (")) {
                problems.add(p);
            }
        }
        String version = catalog.list().stream().filter(p -> p.pluginId().equals(served)).map(LoadedPolicy::pluginVersion)
                .findFirst().orElse("?");
        out.writeObject(new Messages.Hello(served, version, offered, named(catalog.extensions().invariants(), served),
                named(catalog.extensions().formats(), served), problems, threadsLeft(own),
                catalog.faultFlags(served)));
        out.flush();

        ObjectInputStream in = new ObjectInputStream(new BufferedInputStream(protocolIn));
        in.setObjectInputFilter(PluginWorker.FILTER);
        while (true) {
            Messages.Job job;
            try {
                job = (Messages.Job) in.readObject();
            } catch (java.io.EOFException e) {
                Runtime.getRuntime().halt(0); // plugin threads, daemon or not, end with the JVM
                return;
            }
            Messages.Done done = run(job, catalog, served, flags);
            out.writeObject(new Messages.Done(done.result(), done.seen(), threadsLeft(own)));
            out.flush();
            out.reset(); // forget what was sent: every result is new
        }
    }

    /** The kernel the policy runs on; a policy that fails to say runs on the default, as it would here. */
    private static org.mmsim.api.KernelRelease kernel(LoadedPolicy p) {
        try {
            org.mmsim.api.KernelRelease k = p.policy().kernel();
            return k != null ? k : org.mmsim.api.KernelRelease.of(5, 18);
        } catch (RuntimeException e) {
            return org.mmsim.api.KernelRelease.of(5, 18);
        }
    }

    /** The invariants or formats of {@code entries} that plugin {@code served} contributes, as the hello names them. */
    private static List<Messages.Named> named(List<? extends Extensions.Entry<?>> entries, String served) {
        return entries.stream().filter(e -> e.pluginId().equals(served))
                .map(e -> new Messages.Named(e.name(), e.description())).toList();
    }

    /** Whether threads other than the worker's own, from before the plugin loaded, are still alive. */
    private static boolean threadsLeft(Set<Thread> own) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> !own.contains(t) && t.isAlive()
                && t.getThreadGroup() != null && !"system".equals(t.getThreadGroup().getName()));
    }

    private static Messages.Done run(Messages.Job job, PolicyCatalog catalog, String served, FlagRegistry flags) {
        LoadedPolicy policy = catalog.list().stream()
                .filter(p -> p.pluginId().equals(served) && p.policyId().equals(job.policyId())).findFirst().orElse(null);
        if (policy == null) {
            return new Messages.Done(RunResult.error(job.scenario(), job.policyId(), "no policy '" + job.policyId()
                    + "' in plugin " + served), List.of(), false);
        }
        List<Messages.Seen> seen = new ArrayList<>();
        RunResult r;
        try {
            r = new ScenarioRunner(flags, job.limits(), catalog.extensions().invariantsHere()).run(job.scenario(), policy.policy(), job.trace(),
                    (s, outcome, state) -> {
                        if (job.stateLine() == 0 || s.line() == job.stateLine()) {
                            seen.add(new Messages.Seen(s, outcome, state.get()));
                        }
                    });
        } catch (Throwable e) { // the plugin's failure is this run's error, as in-process
            r = RunResult.error(job.scenario(), job.policyId(), "internal error: " + e);
        }
        return new Messages.Done(r, seen, false);
    }
}
