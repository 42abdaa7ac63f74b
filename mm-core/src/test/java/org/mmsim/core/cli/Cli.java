package org.mmsim.core.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mmsim.core.plugin.PolicyCatalog;
import org.mmsim.core.testing.KernelUnsharePolicy;

/** Runs the command line in this JVM with one policy, {@code unshare}, and captures what it prints. */
final class Cli {
    String out;
    String err;

    /** {@code mmsim --plugins-dir PLUGINS ARGS...} with that environment; the exit status. */
    int run(Path plugins, Map<String, String> env, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--plugins-dir";
        all[1] = plugins.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int status = Main.execute(all, InputStream.nullInputStream(), o, new PrintWriter(e), env::get, (d, flags) -> PolicyCatalog.of(d,
                List.of(new PolicyCatalog.Contribution("t", "1", true, h -> List.of(new KernelUnsharePolicy("unshare")))),
                flags, List.of()));
        out = o.toString();
        err = e.toString();
        return status;
    }
}
