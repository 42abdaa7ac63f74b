package org.mmsim.core.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.mmsim.core.plugin.LoadedPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mmsim policies}: one line per loaded policy, {@code id  plugin@version  summary}. Status 2 when a
 * plugin failed to load, after the list: the one-line problems on stderr say which.
 */
@Command(name = "policies", mixinStandardHelpOptions = true,
        description = "List the policies the plugins provide: id, plugin@version, summary.")
final class PoliciesCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        Main.Session session = main.session();
        List<LoadedPolicy> policies = new java.util.ArrayList<>(session.catalog().list());
        if (policies.isEmpty()) {
            main.err.println("mmsim: no policies loaded from " + session.pluginsDir());
        }
        policies.add(session.host()); // the live kernel: named by hand (--policies ...,host), never in 'all'
        int idWidth = 0;
        int originWidth = 0;
        for (LoadedPolicy p : policies) {
            idWidth = Math.max(idWidth, p.id().length());
            originWidth = Math.max(originWidth, p.origin().length());
        }
        for (LoadedPolicy p : policies) {
            String line = pad(p.id(), idWidth) + "  " + pad(p.origin(), originWidth) + "  " + p.summary();
            main.out.println(line.stripTrailing());
        }
        return session.loadingStatus();
    }

    static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
