package org.mmsim.core.shell;

import java.io.PrintWriter;

/** {@code :help}. */
final class Help {
    private Help() {
    }

    static final String[] LINES = {
        "Type a statement of the scenario language (spawn p, mmap p buf anon private pages=1, write p buf[0] x,",
        "fork p c, pin c buf[0] ro as h, ...): it runs at once and the machine after it is shown. A line that",
        "does not parse is refused with its column and changes nothing. 'scenario \"T\"' and 'tags ...' set the",
        "header that :save writes.",
        "  :policy ID            switch policy and replay the session, saying where outcomes changed",
        "  :policies             the loaded policies (* marks the session's)",
        "  :undo                 drop the last statement",
        "  :diff A B             where policies A and B part on the session so far (as mmsim diff A B FILE)",
        "  :save FILE            write the session as a scenario for mmsim run",
        "  :trace [on|off]       show each statement's faults, decisions and state changes (toggles)",
        "  :plugin load JAR      load a plugin jar now (in a worker JVM of its own)",
        "  :plugin unload ID     unload plugin ID: its policies disappear, its worker JVM ends",
        "  :help                 this text",
        "  :quit                 leave (so does end of input, Ctrl-D)",
    };

    static void print(PrintWriter out) {
        for (String l : LINES) {
            out.println(l);
        }
    }
}
