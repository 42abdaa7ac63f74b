package org.mmsim.core.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.mm.MachineState;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.report.Json;
import org.mmsim.core.report.StateDot;
import org.mmsim.core.report.StateDrawing;
import org.mmsim.core.report.StateSvg;
import org.mmsim.core.report.StateText;
import org.mmsim.core.run.Comparison;
import org.mmsim.core.run.RunResult;
import org.mmsim.core.run.StepObserver;
import org.mmsim.core.scenario.Scenario;
import org.mmsim.core.scenario.Statement;

/** {@code run FILE --policy ID --state LINE}: the whole machine after one statement, as text, JSON or a Graphviz graph. */
final class StateDump {
    private final Main main;
    /** text, json or dot. */
    private final String format;
    private final Path output;

    StateDump(Main main, String format, Path output) {
        this.main = main;
        this.format = format;
        this.output = output;
    }

    /** What the run left at the line: the statement, its outcome and the state. */
    private record Snapshot(Statement statement, String outcome, MachineState state) {}

    int print(List<Scenario> scenarios, int line, String policyId, Limits limits, Duration timeout) {
        if (scenarios.size() != 1) {
            throw CliException.usage("--state needs exactly one scenario file, not " + scenarios.size());
        }
        Scenario scenario = scenarios.get(0);
        if (scenario.statements().stream().noneMatch(s -> s.line() == line)) {
            throw CliException.usage(scenario.file() + ": no statement on line " + line + " (--state names the line "
                    + "of a statement)");
        }
        Main.Session session = main.session(limits);
        LoadedPolicy policy = Options.simulated(policyId, session, "--state");
        AtomicReference<Snapshot> taken = new AtomicReference<>();
        // through the comparison, so that a policy that never returns costs only the timeout
        RunResult r = session.get(Comparison.class).compare(scenarios, List.of(policy), timeout, false,
                StepObserver.at(line, (s, outcome, state) -> taken.set(new Snapshot(s, outcome, state.get()))),
                x -> { }).results().get(0);
        Snapshot snap = taken.get();
        if (snap == null) {
            throw new CliException(scenario.file() + ": the run under " + policy.id() + " ended before line " + line
                    + ": " + Main.oneLine(r.error()), Main.EXIT_FAILED);
        }
        String title = StateDrawing.title(scenario.file(), line, policy.id(), snap.statement().text(), snap.outcome());
        if (format.equals("dot") || format.equals("svg")) {
            String drawing = format.equals("dot") ? StateDot.of(snap.state(), title) : StateSvg.of(snap.state(), title);
            Output.write(output, main.out, w -> w.write(drawing));
        } else if (format.equals("json")) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("scenario", scenario.title());
            o.put("file", scenario.file());
            o.put("policy", policy.id());
            o.put("line", line);
            o.put("statement", snap.statement().text());
            o.put("outcome", snap.outcome());
            o.put("state", snap.state());
            StringBuilder sb = new StringBuilder();
            Json.value(o, sb);
            Output.write(output, main.out, w -> w.write(sb.append('\n').toString()));
        } else {
            main.out.println(scenario.file() + " line " + line + " under " + policy.id() + ": " + snap.statement().text()
                    + "  => " + snap.outcome());
            StateText.lines(snap.state()).forEach(main.out::println);
        }
        return Main.EXIT_OK;
    }
}
