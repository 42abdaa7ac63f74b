package org.mmsim.core.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.mmsim.api.ComparisonView;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.core.run.ComparisonResult;
import org.mmsim.core.run.RunResult;

/**
 * A comparison as a {@link org.mmsim.api.ReportFormat} reads it. The bundled formats also take the
 * result itself and the command's layout options from it.
 */
public final class ResultView implements ComparisonView {
    private final ComparisonResult result;
    private final ReportOptions options;

    public ResultView(ComparisonResult result, ReportOptions options) {
        this.result = result;
        this.options = options;
    }

    public ComparisonResult result() {
        return result;
    }

    public ReportOptions options() {
        return options;
    }

    @Override
    public List<String> policies() {
        return result.policies().stream().map(LoadedPolicy::id).toList();
    }

    @Override
    public List<ScenarioOf> scenarios() {
        List<ScenarioOf> out = new ArrayList<>();
        for (int s = 0; s < result.scenarios().size(); s++) {
            out.add(new ScenarioOf(s));
        }
        return out;
    }

    private final class ScenarioOf implements ComparisonView.Scenario {
        private final int row;

        ScenarioOf(int row) {
            this.row = row;
        }

        private org.mmsim.core.scenario.Scenario scenario() {
            return result.scenarios().get(row);
        }

        @Override
        public String title() {
            return scenario().title();
        }

        @Override
        public String file() {
            return scenario().file();
        }

        @Override
        public List<String> tags() {
            return scenario().tags();
        }

        @Override
        public List<RunOf> runs() {
            List<RunOf> out = new ArrayList<>();
            for (int p = 0; p < result.policies().size(); p++) {
                out.add(new RunOf(result.cell(row, p), scenario().expectedFailure()));
            }
            return out;
        }
    }

    private record RunOf(RunResult r, boolean expectedToFail) implements ComparisonView.Run {
        @Override
        public String policy() {
            return r.policy();
        }

        @Override
        public String verdict() {
            return r.verdict().json();
        }

        @Override
        public String error() {
            return r.error();
        }

        @Override
        public List<StepOf> steps() {
            return r.steps().stream().map(StepOf::new).toList();
        }

        @Override
        public List<ProblemOf> problems() {
            List<ProblemOf> out = new ArrayList<>();
            r.failures().forEach(f -> out.add(new ProblemOf(f.line(), "expectation", "expected " + f.expected()
                    + ", got " + f.actual())));
            r.violations().forEach(v -> out.add(new ProblemOf(v.line(), v.invariant(), v.message())));
            out.sort(Comparator.comparingInt(ProblemOf::line)); // stable: an expectation before an invariant of its line
            return out;
        }
    }

    private record StepOf(RunResult.Step s) implements ComparisonView.Step {
        @Override
        public int line() {
            return s.line();
        }

        @Override
        public String statement() {
            return s.statement();
        }

        @Override
        public String outcome() {
            return s.outcome();
        }
    }

    private record ProblemOf(int line, String kind, String message) implements ComparisonView.Problem {}
}
