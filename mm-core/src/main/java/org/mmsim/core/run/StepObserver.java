package org.mmsim.core.run;

import java.util.function.Supplier;
import org.mmsim.core.mm.MachineState;
import org.mmsim.core.scenario.Statement;

/** Sees a run after each statement: for state dumps and the HTML report's diagrams of every step. */
@FunctionalInterface
public interface StepObserver {
    /** Looks at no line. */
    StepObserver NONE = new StepObserver() {
        @Override
        public void after(Statement statement, String outcome, Supplier<MachineState> state) {
        }

        @Override
        public int line() {
            return -1;
        }
    };

    /** Called after {@code statement} ran; {@code state} takes the machine's state only if asked. */
    void after(Statement statement, String outcome, Supplier<MachineState> state);

    /**
     * The one line this observer looks at, 0 for every line, -1 for none: a run in a worker JVM
     * sends back the states it asks for.
     */
    default int line() {
        return 0;
    }

    /** {@code observer}, shown the statement on {@code line} only. */
    static StepObserver at(int line, StepObserver observer) {
        return new StepObserver() {
            @Override
            public void after(Statement statement, String outcome, Supplier<MachineState> state) {
                if (statement.line() == line) {
                    observer.after(statement, outcome, state);
                }
            }

            @Override
            public int line() {
                return line;
            }
        };
    }
}
