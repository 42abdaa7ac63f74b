package org.mmsim.core.run;

import java.util.function.Supplier;
import org.mmsim.core.mm.MachineState;
import org.mmsim.core.scenario.Statement;

/** Sees a run after each statement: for state dumps and, later, diagrams of every step. */
@FunctionalInterface
public interface StepObserver {
    StepObserver NONE = (statement, outcome, state) -> { };

    /** Called after {@code statement} ran; {@code state} takes the machine's state only if asked. */
    void after(Statement statement, String outcome, Supplier<MachineState> state);
}
