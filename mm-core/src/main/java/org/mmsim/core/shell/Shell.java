package org.mmsim.core.shell;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mmsim.core.plugin.Clash;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.plugin.PolicyCatalog;
import org.mmsim.core.run.RunResult;
import org.mmsim.core.scenario.Scenario;

/**
 * One {@code mmsim shell} session: each line is a statement of the scenario language, run at once with
 * the machine shown after it, or a {@code :command}. A line that is rejected (a parse error, a bad
 * command) changes nothing and is one line of output; {@link #handle} says whether it was taken.
 */
public final class Shell {
    /** What a session starts with when {@code --policy} names nothing: the newest kernel's behaviour. */
    static final String DEFAULT_POLICY = "mm-id";

    private final Script script = new Script();
    private final LivePlugins plugins;
    private final Replay replay;
    private final PrintWriter out;
    /** {@code --policy}, preferred again when the session's policy goes away. */
    private final String preferred;
    private LoadedPolicy current;
    /** The last run of the whole session under {@link #current}: what a switch of policy compares with. */
    private Replay.Run last;
    private boolean trace;
    private boolean quit;

    Shell(LivePlugins plugins, Replay replay, PrintWriter out, String preferred, LoadedPolicy start) {
        this.plugins = plugins;
        this.replay = replay;
        this.out = out;
        this.preferred = preferred;
        this.current = start;
    }

    /**
     * The policy a session starts with, and falls back to when its own is unloaded: {@code preferred}
     * ({@code --policy}) while it names exactly one policy, else {@value #DEFAULT_POLICY}, else the
     * catalog's first policy; none when nothing is loaded.
     */
    static Optional<LoadedPolicy> fallback(PolicyCatalog catalog, String preferred) {
        for (String name : preferred == null ? List.of(DEFAULT_POLICY) : List.of(preferred, DEFAULT_POLICY)) {
            List<LoadedPolicy> found = catalog.named(name);
            if (found.size() == 1) {
                return Optional.of(found.get(0));
            }
        }
        return catalog.list().stream().findFirst();
    }

    /** The policy {@code id} names in {@code catalog}, or why none (unknown, ambiguous, the host column). */
    static LoadedPolicy policy(PolicyCatalog catalog, String id) throws Rejected {
        if (id.equals(PolicyCatalog.HOST)) {
            throw new Rejected("the shell shows the simulated machine after each statement: the host column has "
                    + "none to show");
        }
        List<LoadedPolicy> named = catalog.named(id);
        if (named.size() > 1) {
            throw new Rejected(Clash.ambiguous(id, named));
        }
        if (named.isEmpty()) {
            throw new Rejected("no policy '" + id + "' (loaded: " + (catalog.isEmpty() ? "none"
                    : String.join(", ", catalog.policies().keySet())) + ")");
        }
        return named.get(0);
    }

    /** {@code mmsim(mm-id)> }. */
    public String prompt() {
        return "mmsim(" + (current == null ? "no policy" : current.id()) + ")> ";
    }

    public boolean quit() {
        return quit;
    }

    /** Handles one typed line; false when it was rejected (and the session left as it was). */
    public boolean handle(String line) {
        try {
            String s = line.strip();
            if (s.startsWith(":")) {
                command(s);
            } else {
                statement(line);
            }
            return true;
        } catch (Rejected r) {
            out.println("error: " + r.getMessage());
            return false;
        } catch (RuntimeException | StackOverflowError e) { // a bug of ours: one line, the session goes on
            out.println("error: internal error: " + String.valueOf(e).replaceAll("\\s+", " "));
            return false;
        } finally {
            out.flush();
        }
    }

    private void statement(String line) throws Rejected {
        Script.Kind kind;
        try {
            kind = script.add(line);
        } catch (Script.LineRejected e) {
            throw new Rejected(e.oneLine());
        }
        if (kind == Script.Kind.HEADER) {
            out.println("header set: " + line.strip() + " (written first by :save)");
        } else if (kind == Script.Kind.STATEMENT) {
            showLast();
        }
    }

    /** Runs the session and shows its last statement and the machine after it. */
    private void showLast() {
        Scenario scenario = script.scenario();
        if (scenario.statements().isEmpty()) {
            last = null;
            out.println("the session is empty");
            return;
        }
        int line = scenario.statements().get(scenario.statements().size() - 1).line();
        if (current == null) {
            last = null;
            out.println(line + ": not run: no policy loaded (:plugin load JAR)");
            return;
        }
        last = replay.run(scenario, current, trace);
        StepText.of(last, line, current.id(), trace).forEach(out::println);
    }

    private void command(String s) throws Rejected {
        String[] w = s.split("\\s+");
        switch (w[0]) {
            case ":help", ":h", ":?" -> Help.print(out);
            case ":quit", ":q", ":exit" -> quit = true;
            case ":policies" -> policies();
            case ":policy" -> switchTo(policy(plugins.catalog(), arg(w, 1, ":policy ID")));
            case ":undo" -> undo();
            case ":trace" -> {
                trace = w.length > 1 ? onOff(w[1]) : !trace;
                out.println("traces " + (trace ? "on" : "off"));
            }
            case ":diff" -> diff(arg(w, 1, ":diff A B"), arg(w, 2, ":diff A B"));
            case ":save" -> save(s.substring(":save".length()).strip());
            case ":plugin" -> plugin(w, s);
            default -> throw new Rejected("unknown command '" + w[0] + "' (:help lists them)");
        }
    }

    private static String arg(String[] w, int k, String usage) throws Rejected {
        if (w.length <= k) {
            throw new Rejected("usage: " + usage);
        }
        return w[k];
    }

    private static boolean onOff(String v) throws Rejected {
        return switch (v) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new Rejected("usage: :trace [on|off]");
        };
    }

    private void policies() {
        int width = plugins.catalog().list().stream().mapToInt(p -> p.id().length()).max().orElse(0);
        for (LoadedPolicy p : plugins.catalog().list()) {
            String mark = current != null && p.qualifiedId().equals(current.qualifiedId()) ? "* " : "  ";
            out.println((mark + p.id() + " ".repeat(width - p.id().length()) + "  " + p.origin() + "  " + p.summary())
                    .stripTrailing());
        }
        if (plugins.catalog().isEmpty()) {
            out.println("no policies loaded (:plugin load JAR)");
        }
    }

    /** Makes {@code next} the session's policy and replays the session, saying where outcomes changed. */
    private void switchTo(LoadedPolicy next) {
        Replay.Run before = last;
        String was = current == null ? "no policy" : current.id();
        current = next;
        out.println("policy " + next.id() + " (was " + was + ")");
        Scenario scenario = script.scenario();
        if (scenario.statements().isEmpty()) {
            last = null;
            return;
        }
        last = replay.run(scenario, next, trace);
        if (before != null) {
            List<String> changed = changes(before.result(), last.result());
            out.println(changed.isEmpty() ? "replayed " + scenario.statements().size() + " statement(s): the same outcomes"
                    : "replayed " + scenario.statements().size() + " statement(s): outcomes changed on " + changed.size()
                    + ":");
            changed.forEach(out::println);
        } else {
            out.println("replayed " + scenario.statements().size() + " statement(s)");
        }
        int line = scenario.statements().get(scenario.statements().size() - 1).line();
        StepText.of(last, line, next.id(), trace).forEach(out::println);
    }

    /** {@code   line 3: write p buf[0] x: ok -> fail}, for each statement whose outcome differs. */
    static List<String> changes(RunResult before, RunResult after) {
        List<String> out = new ArrayList<>();
        int n = Math.max(before.steps().size(), after.steps().size());
        for (int k = 0; k < n; k++) {
            RunResult.Step a = k < before.steps().size() ? before.steps().get(k) : null;
            RunResult.Step b = k < after.steps().size() ? after.steps().get(k) : null;
            String oa = a == null ? "not reached" : a.outcome();
            String ob = b == null ? "not reached" : b.outcome();
            if (!oa.equals(ob)) {
                RunResult.Step s = a != null ? a : b;
                out.add("  line " + s.line() + ": " + s.statement() + ": " + oa + " -> " + ob);
            }
        }
        return out;
    }

    private void undo() throws Rejected {
        List<String> statements = script.statements();
        if (!script.undo()) {
            throw new Rejected("nothing to undo");
        }
        out.println("dropped " + statements.size() + ": " + statements.get(statements.size() - 1).strip());
        showLast();
    }

    private void diff(String a, String b) throws Rejected {
        LoadedPolicy la = policy(plugins.catalog(), a);
        LoadedPolicy lb = policy(plugins.catalog(), b);
        Scenario scenario = script.scenario();
        if (scenario.statements().isEmpty()) {
            throw new Rejected("nothing to compare yet: the session has no statement");
        }
        // mmsim diff A B FILE's own words, on the session as the one file
        org.mmsim.core.cli.ScenarioDiffs.print(List.of(scenario), la, lb, replay.both(scenario, la, lb), out);
    }

    private void save(String file) throws Rejected {
        if (file.isEmpty()) {
            throw new Rejected("usage: :save FILE");
        }
        Path path = path(file);
        try {
            Files.writeString(path, "# written by mmsim shell" + (current == null ? "" : " under " + current.id())
                    + "\n" + script.text(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new Rejected("cannot write " + file + ": " + e.getMessage());
        }
        out.println("saved " + script.statements().size() + " statement(s) to " + file
                + (current == null ? "" : " (mmsim run " + file + " --policy " + current.id() + ")"));
    }

    private static Path path(String name) throws Rejected {
        try {
            return Path.of(name);
        } catch (java.nio.file.InvalidPathException e) {
            throw new Rejected("not a file name: " + e.getMessage());
        }
    }

    private void plugin(String[] w, String line) throws Rejected {
        String usage = ":plugin load JAR | :plugin unload ID";
        String what = arg(w, 1, usage);
        String name = arg(w, 2, usage);
        if (what.equals("load")) { // the rest of the line: a path may hold spaces
            load(path(line.replaceFirst("^:plugin\\s+load\\s+", "")));
        } else if (what.equals("unload")) {
            unload(name);
        } else {
            throw new Rejected("usage: " + usage);
        }
    }

    private void load(Path jar) throws Rejected {
        Optional<String> refused = plugins.refusal(jar);
        if (refused.isPresent()) {
            throw new Rejected(refused.get());
        }
        List<String> before = plugins.catalog().list().stream().map(LoadedPolicy::qualifiedId).toList();
        List<String> lines = plugins.load(jar);
        lines.forEach(l -> out.println("mmsim: " + l));
        List<LoadedPolicy> added = plugins.catalog().list().stream()
                .filter(p -> !before.contains(p.qualifiedId())).toList();
        if (added.isEmpty()) {
            throw new Rejected("nothing loaded from " + jar);
        }
        out.println("loaded plugin " + added.get(0).origin() + ": " + String.join(", ",
                added.stream().map(LoadedPolicy::id).toList()));
        if (current == null) {
            switchTo(fallback(plugins.catalog(), preferred).orElseThrow());
        } else {
            current = plugins.catalog().named(current.qualifiedId()).get(0); // a clash may have qualified its id
        }
    }

    private void unload(String id) throws Rejected {
        List<LoadedPolicy> gone = plugins.policiesOf(id);
        Optional<String> refused = plugins.unload(id);
        if (refused.isPresent()) {
            throw new Rejected(refused.get());
        }
        out.println("unloaded plugin " + id + ": policies " + String.join(", ", gone.stream().map(LoadedPolicy::id)
                .toList()) + " are gone");
        if (current != null && current.pluginId().equals(id)) {
            Optional<LoadedPolicy> next = fallback(plugins.catalog(), preferred);
            out.println("the session's policy " + current.id() + " was provided by plugin " + id + ": "
                    + next.map(p -> "falling back to " + p.id()).orElse("no policy is left"));
            if (next.isPresent()) {
                switchTo(next.get());
            } else {
                current = null;
                last = null;
            }
        } else if (current != null) {
            current = plugins.catalog().named(current.qualifiedId()).get(0); // its id may be unique again
        }
    }

    /** A line the session did not take, and why, in one line. */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        Rejected(String message) {
            super(message, null, false, false);
        }
    }
}
