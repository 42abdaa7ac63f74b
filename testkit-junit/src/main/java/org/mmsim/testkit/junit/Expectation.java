package org.mmsim.testkit.junit;

import org.mmsim.core.run.RunResult;
import org.mmsim.core.scenario.Scenario;

/** What a policy's run of a scenario must show for the scenario's test to pass. */
interface Expectation {
    /** The reference policy whose runs this expectation compares with, or null. */
    default String reference() {
        return null;
    }

    /**
     * Judges {@code mine}, the policy's run; {@code theirs} is the reference policy's run of the same
     * scenario (null when {@link #reference()} is).
     */
    Judgement judge(ScenarioSource src, Scenario scenario, RunResult mine, RunResult theirs);
}
